import { Client, type ClientConfig, type Pool } from 'pg';

export const CHANNEL = 'tafel_events';

/**
 * Wakes subscriptions when events may have been committed: at once for this process's own appends,
 * and through LISTEN/NOTIFY for other processes'. The NOTIFY is sent after the append commits, and at
 * most one at a time per process: a NOTIFY inside the append transaction takes PostgreSQL's global
 * notify lock until commit, which serialised concurrent appenders (measured: 16 writers fell from
 * ~15k to ~6k appends/s). It is also throttled to one per `notifyEveryMs`: each NOTIFY is a commit of
 * its own, one that does not wait for its WAL flush. A crash between commit and NOTIFY only delays
 * others until their next poll.
 */
export class WakeUps {
  private readonly listeners = new Set<() => void>();
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly config: ClientConfig,
    private readonly notifyEveryMs = 10,
  ) {}

  /** Registers `fn` and starts listening (once per store); returns the unregister function. */
  on(fn: () => void): () => void {
    this.listeners.add(fn);
    this.listen();
    return () => this.listeners.delete(fn);
  }

  /** After a local commit: wake local subscribers now, other processes soon. */
  committed(): void {
    this.fire();
    if (!this.timer && !this.closed) this.timer = setTimeout(() => this.send(), this.notifyEveryMs);
  }

  /** Reconnects the listener if it was lost; subscriptions call it on their poll ticks. */
  listen(): void {
    if (this.listener || this.closed || this.listeners.size === 0) return;
    const client = new Client(this.config);
    this.listener = client;
    const drop = (): void => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('notification', () => this.fire());
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => this.fire(), drop);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) this.send();
    await this.sending;
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  private fire(): void {
    this.listeners.forEach((fn) => fn());
  }

  private send(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Its own commit need not wait for the disk: a wake-up lost in a crash only delays a poll.
    const query = this.pool
      .query(`BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_notify('${CHANNEL}', ''); COMMIT`)
      .then(
        () => undefined,
        () => undefined,
      );
    this.sending = Promise.all([this.sending, query]).then(() => undefined);
  }
}
