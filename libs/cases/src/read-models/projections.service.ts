import { READ_DB, type SqlDb, type SqlTx } from '@app/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import type { EventOf } from '@app/workflow';
import type { Role } from '../access/actor';
import { FollowUpCompleter } from '../follow-up/follow-up-completer';
import { CaseRepository } from '../case-repository';
import { CASE_LIST, projectCaseList } from './case-list.projection';
import { FLOW, projectFlow, resetFlow } from './flow.projection';
import { CheckpointedSubscriber, type BatchHandler } from './checkpointed-subscriber';

/**
 * A subscriber over the log. A projection (`transactional`) commits its rows with its checkpoint and
 * can be dropped and rebuilt (`reset` clears its rows); a process manager does idempotent work and
 * saves its checkpoint after it.
 */
export interface SubscriberDefinition {
  name: string;
  handle: BatchHandler;
  transactional: boolean;
  /** Projections only: deletes the rows, so the log can build them again. */
  reset?: (tx: SqlTx) => Promise<void>;
}

/** Where one subscriber is in the log. */
export interface SubscriberCheckpoint {
  name: string;
  /** The position of the last event it handled (0: none yet). */
  position: number;
  /** It stopped on an error in this process and handles nothing more until restarted. */
  stopped: boolean;
}

/**
 * Runs the projections and process managers (the worker's part). Other modules add theirs with
 * `register` before the application starts.
 */
@Injectable()
export class ProjectionsService {
  private readonly logger = new Logger('Projections');
  private readonly subscribers = new Map<
    string,
    { definition: SubscriberDefinition; runner: CheckpointedSubscriber }
  >();
  private running = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DB) private readonly db: SqlDb,
    private readonly cases: CaseRepository,
    private readonly completer: FollowUpCompleter,
  ) {
    this.register({
      name: CASE_LIST,
      handle: projectCaseList,
      transactional: true,
      reset: (tx) => tx.run('DELETE FROM tafel_case_list'),
    });
    this.register({ name: FLOW, handle: projectFlow, transactional: true, reset: resetFlow });
    this.register({
      name: 'follow-up-completer',
      handle: (events) => this.completeFollowUps(events),
      transactional: false,
    });
  }

  register(definition: SubscriberDefinition): void {
    if (this.subscribers.has(definition.name))
      throw new Error(`subscriber ${definition.name} registered twice`);
    const fail = (e: unknown) => this.logger.error(`${definition.name} stopped: ${String(e)}`);
    const runner = new CheckpointedSubscriber(
      definition.name,
      this.store,
      this.db,
      definition.handle,
      definition.transactional,
      fail,
    );
    this.subscribers.set(definition.name, { definition, runner });
  }

  /** The runner of one subscriber (for `caughtUp`, `checkpoint`, `error`). */
  subscriber(name: string): CheckpointedSubscriber {
    const entry = this.subscribers.get(name);
    if (!entry) throw new Error(`no subscriber ${name}`);
    return entry.runner;
  }

  /** Names of the projections that can be rebuilt. */
  projections(): string[] {
    return [...this.subscribers.values()].filter((s) => s.definition.reset).map((s) => s.definition.name);
  }

  /**
   * Every subscriber with its checkpoint as stored (so also when another process runs it, e.g. the
   * worker beside an API with TAFEL_WORKER=off), and whether it stopped on an error in this process.
   */
  async checkpoints(): Promise<SubscriberCheckpoint[]> {
    const rows = await this.db.all<{ name: string; position: number | string }>(
      'SELECT name, position FROM tafel_checkpoints',
    );
    const stored = new Map(rows.map((r) => [r.name, Number(r.position)]));
    return [...this.subscribers.values()].map(({ definition: { name }, runner }) => ({
      name,
      position: stored.get(name) ?? 0,
      stopped: runner.error !== undefined,
    }));
  }

  async start(): Promise<void> {
    this.running = true;
    for (const { runner } of this.subscribers.values()) await runner.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const { runner } of this.subscribers.values()) await runner.stop();
  }

  /** Drops a projection's rows and checkpoint; it is built again from the log when (re)started. */
  async reset(name: string): Promise<void> {
    const { definition, runner } = this.subscribers.get(name) ?? {};
    if (!definition?.reset || !runner) throw new Error(`${name} is not a projection that can be rebuilt`);
    await runner.stop();
    await this.db.transaction(async (tx) => {
      await definition.reset!(tx);
      await tx.run('DELETE FROM tafel_checkpoints WHERE name = ?', [name]);
    });
    if (this.running) await runner.start();
  }

  private async completeFollowUps(events: StoredEvent[]): Promise<void> {
    for (const event of events)
      if (event.type === 'FollowUpConferenceRequested') await this.completeFollowUp(event);
  }

  /** A link without its follow-up case (the request died between its two writes) gets its case. */
  private async completeFollowUp(event: StoredEvent): Promise<void> {
    const link = event.data as EventOf<'FollowUpConferenceRequested'>['data'];
    const original = await this.cases.load(event.stream.slice('case-'.length), {
      toRevision: event.revision,
    });
    const { actor, commandId, correlationId } = event.metadata;
    await this.completer.ensureFollowUpCase(original.state!, link, {
      actor: { id: actor.id, name: actor.name ?? actor.id, role: actor.role as Role },
      commandId: commandId ?? event.eventId,
      correlationId: correlationId ?? event.eventId,
      causationId: event.eventId,
    });
  }
}
