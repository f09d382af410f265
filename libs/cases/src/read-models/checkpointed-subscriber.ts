import type { SqlDb, SqlTx } from '@app/kernel';
import type { EventStore, StoredEvent, Subscription } from '@app/event-store';

const MAX_BATCH = 500;

export type BatchHandler = (events: StoredEvent[], tx: SqlTx) => Promise<void>;

/**
 * Runs a handler over the log from a stored checkpoint, in batches: events that arrive together are
 * handled together. With `transactional`, the handler's writes and the checkpoint commit in one
 * transaction (a projection); otherwise the checkpoint is saved after the handler's own idempotent
 * work (a process manager). At-least-once either way, never a skip: a batch not yet committed is
 * simply delivered again after a restart.
 */
export class CheckpointedSubscriber {
  private subscription?: Subscription;
  private position = 0;
  private failure?: unknown;
  private buffer: StoredEvent[] = [];
  private flushScheduled = false;
  /** Flushes run one after another, so checkpoints only move forward. */
  private flushes: Promise<void> = Promise.resolve();
  private readonly waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly name: string,
    private readonly store: EventStore,
    private readonly db: SqlDb,
    private readonly handle: BatchHandler,
    private readonly transactional: boolean,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const rows = await this.db.all<{ position: number }>(
      'SELECT position FROM tafel_checkpoints WHERE name = ?',
      [this.name],
    );
    this.position = rows[0] ? Number(rows[0].position) : 0;
    this.failure = undefined;
    this.subscription = this.store.subscribe((event) => this.receive(event), {
      fromPosition: this.position,
      onError: (e) => this.fail(e),
    });
  }

  private fail(e: unknown): void {
    this.failure = e;
    this.onError(e);
  }

  /** Buffers the event; a full buffer makes the subscription wait for the flush. */
  private async receive(event: StoredEvent): Promise<void> {
    if (this.failure) throw this.failure;
    this.buffer.push(event);
    if (this.buffer.length >= MAX_BATCH) {
      await this.enqueueFlush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.enqueueFlush());
    }
  }

  private enqueueFlush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    this.flushScheduled = false;
    this.flushes = this.flushes.then(() => this.flush(batch));
    return this.flushes;
  }

  private async flush(batch: StoredEvent[]): Promise<void> {
    if (batch.length === 0 || this.failure) return;
    const last = batch[batch.length - 1].position;
    const save = (tx: SqlTx) =>
      tx.run(
        `INSERT INTO tafel_checkpoints (name, position) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        [this.name, last],
      );
    try {
      if (this.transactional) {
        await this.db.transaction(async (tx) => {
          await this.handle(batch, tx);
          await save(tx);
        });
      } else {
        await this.handle(batch, this.db);
        await save(this.db);
      }
    } catch (e) {
      this.fail(e);
      // Not awaited: a full buffer is flushed inside the subscription's own handler call, and
      // `stop()` waits for that call to end.
      void this.subscription?.stop();
      return;
    }
    this.position = last;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= this.position) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  /** Resolves once everything up to `position` has been handled. */
  caughtUp(position: number): Promise<void> {
    if (position <= this.position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  get checkpoint(): number {
    return this.position;
  }

  get error(): unknown {
    return this.failure;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.enqueueFlush();
  }
}
