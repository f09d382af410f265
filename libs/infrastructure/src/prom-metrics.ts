import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MessageCounts, Metrics, StepOutcomeLabel } from '@app/kernel';

/** One projection as a scrape sees it (from the readiness probe and the read database). */
export interface ProjectionSample {
  name: string;
  parked: boolean;
  /** Absent when the log could not be read. */
  lag?: { positions: number; seconds: number };
}

/** What a scrape reads at that moment: no timers fill these gauges in between. */
export interface ScrapeSources {
  sample(): Promise<{ storeUp: boolean; projections: ProjectionSample[] }>;
  leading(): boolean;
}

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The application's metrics in a registry of its own (never prom-client's global one, so two apps
 * in one process — the tests — do not share or clash). Labels hold step names, outcome codes and
 * projection names only.
 */
export class PromMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly steps: Counter<'step' | 'outcome'>;
  private readonly stepSeconds: Histogram<'step'>;
  private readonly appendSeconds: Histogram;
  private readonly messagesTotal: Counter<'outcome'>;
  private readonly lagEvents: Gauge<'projection'>;
  private readonly lagSeconds: Gauge<'projection'>;
  private readonly parked: Gauge<'projection'>;
  private readonly leader: Gauge;
  private readonly storeUp: Gauge;

  constructor() {
    const registers = [this.registry];
    this.steps = new Counter({
      name: 'tafel_steps_total',
      help: 'Steps asked for, by step and how they ended',
      labelNames: ['step', 'outcome'],
      registers,
    });
    this.stepSeconds = new Histogram({
      name: 'tafel_step_duration_seconds',
      help: 'Time to take a step (decide and append), by step',
      labelNames: ['step'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.appendSeconds = new Histogram({
      name: 'tafel_append_duration_seconds',
      help: 'Time of one append to the event store',
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.messagesTotal = new Counter({
      name: 'tafel_messages_total',
      help: 'Messages handled by dispatch rounds in this process, by outcome',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of ['sent', 'retrying', 'failed', 'cancelled']) this.messagesTotal.inc({ outcome }, 0);
    this.lagEvents = new Gauge({
      name: 'tafel_projection_lag_events',
      help: "Events a projection trails the log's head by",
      labelNames: ['projection'],
      registers,
    });
    this.lagSeconds = new Gauge({
      name: 'tafel_projection_lag_seconds',
      help: 'How long the oldest event a projection has not handled has waited (0: caught up)',
      labelNames: ['projection'],
      registers,
    });
    this.parked = new Gauge({
      name: 'tafel_projection_parked',
      help: '1 when a projection has stopped at an event that failed every attempt',
      labelNames: ['projection'],
      registers,
    });
    this.leader = new Gauge({
      name: 'tafel_leader',
      help: '1 when this process leads (runs projections and the dispatcher)',
      registers,
    });
    this.storeUp = new Gauge({
      name: 'tafel_store_up',
      help: 'Probed at scrape time: 1 when the event store answers and can write',
      registers,
    });
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  step(step: string): (outcome: StepOutcomeLabel) => void {
    const stop = this.stepSeconds.startTimer({ step });
    let ended = false;
    return (outcome) => {
      if (ended) return;
      ended = true;
      stop();
      this.steps.inc({ step, outcome });
    };
  }

  append(): () => void {
    const stop = this.appendSeconds.startTimer();
    return () => void stop();
  }

  messages({ sent, retrying, failed, cancelled }: MessageCounts): void {
    this.messagesTotal.inc({ outcome: 'sent' }, sent);
    this.messagesTotal.inc({ outcome: 'retrying' }, retrying);
    this.messagesTotal.inc({ outcome: 'failed' }, failed);
    this.messagesTotal.inc({ outcome: 'cancelled' }, cancelled);
  }

  /** The text exposition, with the gauges read from `sources` now. */
  async scrape(sources: ScrapeSources): Promise<string> {
    const { storeUp, projections } = await sources.sample();
    this.leader.set(sources.leading() ? 1 : 0);
    this.storeUp.set(storeUp ? 1 : 0);
    // Set in one go after the await: a projection no longer listed leaves no stale series behind.
    for (const gauge of [this.lagEvents, this.lagSeconds, this.parked]) gauge.reset();
    for (const { name, parked, lag } of projections) {
      this.parked.set({ projection: name }, parked ? 1 : 0);
      if (lag) {
        this.lagEvents.set({ projection: name }, lag.positions);
        this.lagSeconds.set({ projection: name }, lag.seconds);
      }
    }
    return this.registry.metrics();
  }
}
