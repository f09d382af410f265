import type { EventStore, StoredEvent, Subscription } from '@app/event-store';
import type { SqlDb, SqlTx } from '../sql/sql-db';

/**
 * Runs a handler over the log from a stored checkpoint. With `transactional`, the handler's writes
 * and the checkpoint commit together (a projection); otherwise the checkpoint is saved after the
 * handler's own idempotent work (a process manager): at-least-once either way, never a skip.
 */
export class CheckpointedSubscriber {
  private subscription?: Subscription;
  private position = 0;
  private failure?: unknown;
  private readonly waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly name: string,
    private readonly store: EventStore,
    private readonly db: SqlDb,
    private readonly handle: (event: StoredEvent, tx: SqlTx) => Promise<void>,
    private readonly transactional: boolean,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const rows = await this.db.all<{ position: number }>(
      'SELECT position FROM tafel_checkpoints WHERE name = ?',
      [this.name],
    );
    this.position = rows[0] ? Number(rows[0].position) : 0;
    this.subscription = this.store.subscribe((event) => this.apply(event), {
      fromPosition: this.position,
      onError: (e) => {
        this.failure = e;
        this.onError(e);
      },
    });
  }

  private async apply(event: StoredEvent): Promise<void> {
    const save = (tx: SqlTx) =>
      tx.run(
        `INSERT INTO tafel_checkpoints (name, position) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        [this.name, event.position],
      );
    if (this.transactional) {
      await this.db.transaction(async (tx) => {
        await this.handle(event, tx);
        await save(tx);
      });
    } else {
      await this.handle(event, this.db);
      await save(this.db);
    }
    this.position = event.position;
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
  }
}
