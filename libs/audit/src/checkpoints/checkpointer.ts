import { Inject, Injectable, Logger } from '@nestjs/common';
import { deterministicId } from '@app/kernel';
import { CLOCK, type Clock } from '@app/config';
import { RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { walkLog } from '../log-walk';
import {
  CHECKPOINT_EVENT,
  CHECKPOINTS_STREAM,
  checkpointOf,
  signCheckpoint,
  type Checkpoint,
} from './checkpoint';
import { GENESIS_HEAD, nextHead } from './log-head';
import type { SigningKey } from './signing-key';

export const SIGNING_KEY = Symbol('SIGNING_KEY');
export const CHECKPOINT_SETTINGS = Symbol('CHECKPOINT_SETTINGS');

export interface CheckpointSettings {
  /** Sign after this many new events (TAFEL_CHECKPOINT_EVERY)… */
  every: number;
  /** …or once this long has passed since the last checkpoint with any new event (TAFEL_CHECKPOINT_INTERVAL). */
  intervalMs: number;
  /** How often the leader looks at the log (real time; whether it is due is judged by the injected clock). */
  roundMs?: number;
}

/** Who signs checkpoints, in the events' metadata. */
export const CHECKPOINTER_ACTOR = { id: 'tafel-checkpointer', role: 'system', name: 'Tafel' };

interface Running {
  /** The last position folded into `head`. */
  position: number;
  head: string;
  /** The checkpoints stream's revision (the expected revision of the next append). */
  revision: number;
  /** Events folded since the last checkpoint, checkpoint events not counted. */
  pending: number;
  /** When the last checkpoint was signed (or the running head started), by the injected clock. */
  since: number;
}

/**
 * The leader's checkpoints: folds every event of the log, in position order, into the running head
 * (`nextHead`) and signs `(position, head, signedAt)` with the Ed25519 key after every `every` new
 * events, or when `intervalMs` has passed since the last checkpoint and something new came. Each
 * checkpoint is appended to the `checkpoints` stream, with the stream's expected revision (a second
 * leader during a hand-over gets a conflict and resumes from the log). The head is resumed from the
 * last checkpoint in the log, never by reading the whole log again; checkpoint events are folded like
 * every other event (so a later checkpoint covers the earlier ones) but do not count as new.
 */
@Injectable()
export class Checkpointer {
  private readonly logger = new Logger('Checkpoints');
  private running?: Running;
  private rounds: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = true;
  /** When this process began to lead (the interval of a log without checkpoints counts from then). */
  private startedAt?: number;

  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @Inject(CHECKPOINT_SETTINGS) private readonly settings: CheckpointSettings,
  ) {}

  /** Leader work: a round every `roundMs` until `stop`. */
  start(): void {
    this.stopped = false;
    this.running = undefined;
    this.startedAt = this.clock.now().getTime();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.rounds;
    this.running = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.round()
        .catch((e: unknown) =>
          this.logger.error(
            `checkpoint round failed: ${(e as Error).name}: ${(e as { code?: string }).code ?? ''}`,
          ),
        )
        .finally(() => this.schedule());
    }, this.settings.roundMs ?? 5_000);
    this.timer.unref();
  }

  /** Folds what is new in the log and signs the checkpoints that are due; rounds never overlap. */
  round(): Promise<Checkpoint[]> {
    const next = this.rounds.then(() => this.foldAndSign());
    this.rounds = next.catch(() => undefined);
    return next;
  }

  private async foldAndSign(): Promise<Checkpoint[]> {
    try {
      const run = (this.running ??= await this.resume());
      const signed: Checkpoint[] = [];
      for await (const page of walkLog(this.store, { fromPosition: run.position })) {
        for (const event of page) {
          run.head = nextHead(run.head, event);
          run.position = event.position;
          if (event.stream !== CHECKPOINTS_STREAM) run.pending++;
          if (run.pending >= this.settings.every) signed.push(await this.sign(run));
        }
      }
      if (run.pending > 0 && this.clock.now().getTime() - run.since >= this.settings.intervalMs)
        signed.push(await this.sign(run));
      return signed;
    } catch (e) {
      this.running = undefined; // start again from the log's last checkpoint
      throw e;
    }
  }

  /** The running head as of the last checkpoint in the log (or the empty log's). */
  private async resume(): Promise<Running> {
    const revision = await this.store.streamRevision(CHECKPOINTS_STREAM);
    if (revision < 0) {
      const since = this.startedAt ?? this.clock.now().getTime();
      return { position: 0, head: GENESIS_HEAD, revision, pending: 0, since };
    }
    const [last] = await this.store.read(CHECKPOINTS_STREAM, { fromRevision: revision });
    const checkpoint = checkpointOf(last?.data);
    if (!checkpoint) throw new Error(`the last checkpoint (revision ${revision}) is not one`);
    const { position, head, signedAt } = checkpoint;
    return { position, head, revision, pending: 0, since: Date.parse(signedAt) };
  }

  private async sign(run: Running): Promise<Checkpoint> {
    const now = this.clock.now();
    const checkpoint = signCheckpoint(this.key.privateKey, {
      position: run.position,
      head: run.head,
      signedAt: now.toISOString(),
    });
    const { nextRevision } = await this.store.append(
      CHECKPOINTS_STREAM,
      [
        {
          eventId: deterministicId('log-checkpoint', String(checkpoint.position)),
          type: CHECKPOINT_EVENT,
          schemaVersion: 1,
          data: checkpoint,
          metadata: { occurredAt: checkpoint.signedAt, actor: CHECKPOINTER_ACTOR },
        },
      ],
      { expectedRevision: run.revision < 0 ? 'no-stream' : run.revision },
    );
    run.revision = nextRevision;
    run.pending = 0;
    run.since = now.getTime();
    return checkpoint;
  }
}
