import { ReadStoreUnavailable, redactPersonal, type SqlDb, type SqlTx } from '@app/kernel';
import { StoreUnavailable, type EventStore, type StoredEvent, type Subscription } from '@app/event-store';

/**
 * A fault of the database rather than of the event (down, restarting, disk full): retried for as
 * long as it lasts, never parked — it says nothing about the event in hand.
 */
const unavailable = (e: unknown): boolean =>
  e instanceof StoreUnavailable || e instanceof ReadStoreUnavailable;

const MAX_BATCH = 500;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
/** While parked: how often to look whether someone cleared the park (`projections --retry`). */
const PARKED_CHECK_MS = 30_000;

export type BatchHandler = (events: StoredEvent[], tx: SqlTx) => Promise<void>;

/**
 * `running`: handling the log; `retrying`: the last attempt failed, another follows after a
 * backoff; `parked`: one event failed every attempt, the subscriber stands still at it until someone
 * retries it; `stopped`: not started, or stopped.
 */
export type SubscriberState = 'running' | 'retrying' | 'parked' | 'stopped';

/** The event a subscriber is parked at: where, which, and the error's name and message. */
export interface ParkedEvent {
  position: number;
  eventId: string;
  error: string;
  parkedAt: string;
}

export interface SubscriberStatus {
  name: string;
  state: SubscriberState;
  /** The position handled last. */
  checkpoint: number;
  /** Failed attempts in a row (0 when healthy). */
  attempts: number;
  lastError?: string;
  parked?: ParkedEvent;
}

export interface SupervisionOptions {
  /** Failed attempts at one single event before it is parked (default 5). */
  maxAttempts?: number;
  /**
   * Runs `retry` after `ms` (default: an unref'd timer); answers a function that cancels it. Tests
   * pass their own to run retries when they choose.
   */
  retryAfter?: (ms: number, retry: () => void) => () => void;
  /** The injected clock's time, for `parkedAt`. */
  now?: () => Date;
}

const realTimer = (ms: number, retry: () => void) => {
  const timer = setTimeout(retry, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** The parks the read database records (of one subscriber, or all), by subscriber name. */
export async function readParks(db: SqlDb, name?: string): Promise<Map<string, ParkedEvent>> {
  const rows = await db.all<{
    name: string;
    position: number;
    event_id: string;
    error: string;
    parked_at: string;
  }>(
    `SELECT name, position, event_id, error, parked_at FROM tafel_parked_events${name ? ' WHERE name = ?' : ''}`,
    name ? [name] : [],
  );
  return new Map(
    rows.map((r) => [
      r.name,
      { position: Number(r.position), eventId: r.event_id, error: r.error, parkedAt: r.parked_at },
    ]),
  );
}

/**
 * What is kept (in `tafel_parked_events`) and logged of an error: its name and message, short, never
 * a stack, with any address or phone number a handler's error quoted from the event redacted.
 */
export const errorText = (e: unknown): string =>
  redactPersonal(e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);

/**
 * Runs a handler over the log from a stored checkpoint, in batches: events that arrive together are
 * handled together. With `transactional`, the handler's writes and the checkpoint commit in one
 * transaction (a projection); otherwise the checkpoint is saved after the handler's own idempotent
 * work (a process manager). At-least-once either way, never a skip: a batch not yet committed is
 * simply delivered again after a restart.
 *
 * It never stops silently: a failure (a batch that throws, or the store that cannot be read) is
 * retried from the checkpoint with a capped backoff (1 s, 2 s, … 60 s). After a failed batch it goes
 * on one event at a time up to that batch's end, so a failure is pinned to one event; an event
 * that fails `maxAttempts` times in a row is parked (`tafel_parked_events`) and the subscriber
 * stands still at it, visibly (`status()`), until the park is cleared (`retry()`, or
 * `npm run tafel -- projections --retry` from another process, noticed within 30 s).
 */
export class CheckpointedSubscriber {
  private subscription?: Subscription;
  private stopping: Promise<void> = Promise.resolve();
  private position = 0;
  private failure?: unknown;
  private attempts = 0;
  private state: SubscriberState = 'stopped';
  private parked?: ParkedEvent;
  /** Deliveries of an older subscription (before a failure or a stop) are dropped. */
  private generation = 0;
  /** After a failed batch: flush one event at a time up to this position. */
  private oneByOneUntil = 0;
  private cancelRetry?: () => void;
  private buffer: StoredEvent[] = [];
  private flushScheduled = false;
  /** Flushes run one after another, so checkpoints only move forward. */
  private flushes: Promise<void> = Promise.resolve();
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly maxAttempts: number;
  private readonly retryAfter: NonNullable<SupervisionOptions['retryAfter']>;
  private readonly now: () => Date;

  constructor(
    private readonly name: string,
    private readonly store: EventStore,
    private readonly db: SqlDb,
    private readonly handle: BatchHandler,
    private readonly transactional: boolean,
    private readonly onError: (e: unknown) => void = () => undefined,
    options: SupervisionOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryAfter = options.retryAfter ?? realTimer;
    this.now = options.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    await this.stopping;
    const generation = ++this.generation;
    const [checkpoint] = await this.db.all<{ position: number }>(
      'SELECT position FROM tafel_checkpoints WHERE name = ?',
      [this.name],
    );
    this.position = checkpoint ? Number(checkpoint.position) : 0;
    const [parked] = (await readParks(this.db, this.name)).values();
    if (parked) {
      this.parked = parked;
      this.state = 'parked';
      this.cancelRetry = this.retryAfter(PARKED_CHECK_MS, () => void this.restart());
      return;
    }
    this.parked = undefined;
    this.dropBuffer();
    this.state = this.attempts > 0 ? 'retrying' : 'running';
    this.subscription = this.store.subscribe((event) => this.receive(event, generation), {
      fromPosition: this.position,
      onError: (e) => this.failed(e, generation),
    });
  }

  /** Buffers the event; a full buffer (or one-at-a-time after a failure) waits for the flush. */
  private async receive(event: StoredEvent, generation: number): Promise<void> {
    if (generation !== this.generation) return;
    this.buffer.push(event);
    if (this.buffer.length >= MAX_BATCH || event.position <= this.oneByOneUntil) {
      await this.enqueueFlush(generation);
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.enqueueFlush(generation));
    }
  }

  /**
   * Forgets what an ended subscription buffered, and its scheduled flush: that flush belongs to the
   * old generation and will do nothing, so the next subscription must be free to schedule its own.
   */
  private dropBuffer(): void {
    this.buffer = [];
    this.flushScheduled = false;
  }

  private enqueueFlush(generation: number): Promise<void> {
    // A flush asked for by an older subscription must not take the buffer of the new one.
    if (generation !== this.generation) return this.flushes;
    const batch = this.buffer;
    this.buffer = [];
    this.flushScheduled = false;
    this.flushes = this.flushes.then(() => this.flush(batch, generation));
    return this.flushes;
  }

  private async flush(batch: StoredEvent[], generation: number): Promise<void> {
    if (batch.length === 0 || generation !== this.generation) return;
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
      this.failed(e, generation, batch);
      return;
    }
    this.position = last;
    this.attempts = 0;
    this.failure = undefined;
    this.state = 'running';
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= this.position) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  /**
   * A batch threw, or (no batch) the store could not be read: stop this subscription and retry from
   * the checkpoint after a backoff; a single event that keeps failing is parked.
   */
  private failed(e: unknown, generation: number, batch?: StoredEvent[]): void {
    if (generation !== this.generation) return;
    this.generation++;
    this.failure = e;
    this.onError(e);
    // Not awaited: a full buffer is flushed inside the subscription's own handler call, and its
    // `stop()` waits for that call to end.
    const subscription = this.subscription;
    this.subscription = undefined;
    this.stopping = subscription?.stop() ?? Promise.resolve();
    this.dropBuffer();
    this.attempts++;
    if (batch && batch.length > 1 && !unavailable(e)) {
      this.oneByOneUntil = Math.max(this.oneByOneUntil, batch[batch.length - 1].position);
    } else if (batch && this.attempts >= this.maxAttempts && !unavailable(e)) {
      void this.park(batch[0], e);
      return;
    }
    this.state = 'retrying';
    const delay = Math.min(FIRST_RETRY_MS * 2 ** (this.attempts - 1), MAX_RETRY_MS);
    this.cancelRetry = this.retryAfter(delay, () => void this.restart());
  }

  private async park(event: StoredEvent, e: unknown): Promise<void> {
    const parked = {
      position: event.position,
      eventId: event.eventId,
      error: errorText(e),
      parkedAt: this.now().toISOString(),
    };
    try {
      await this.db.run(
        `INSERT INTO tafel_parked_events (name, position, event_id, error, parked_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, event_id = excluded.event_id,
           error = excluded.error, parked_at = excluded.parked_at`,
        [this.name, parked.position, parked.eventId, parked.error, parked.parkedAt],
      );
    } catch (writeError) {
      // The read store is down too: keep retrying rather than stand still unrecorded.
      this.state = 'retrying';
      this.failure = writeError;
      this.cancelRetry = this.retryAfter(MAX_RETRY_MS, () => void this.restart());
      return;
    }
    this.parked = parked;
    this.state = 'parked';
    this.cancelRetry = this.retryAfter(PARKED_CHECK_MS, () => void this.restart());
  }

  private async restart(): Promise<void> {
    if (this.state === 'stopped') return;
    try {
      await this.start();
    } catch (e) {
      this.failed(e, this.generation);
    }
  }

  /** Clears a park (if any) and starts again from the checkpoint. */
  async retry(): Promise<void> {
    await this.db.run('DELETE FROM tafel_parked_events WHERE name = ?', [this.name]);
    this.attempts = 0;
    this.failure = undefined;
    this.oneByOneUntil = 0;
    await this.stop();
    await this.start();
  }

  /** Resolves once everything up to `position` has been handled. */
  caughtUp(position: number): Promise<void> {
    if (position <= this.position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  get checkpoint(): number {
    return this.position;
  }

  /** The last failure while not healthy again (cleared by the next batch that commits). */
  get error(): unknown {
    return this.failure;
  }

  status(): SubscriberStatus {
    return {
      name: this.name,
      state: this.state,
      checkpoint: this.position,
      attempts: this.attempts,
      ...(this.failure === undefined ? {} : { lastError: errorText(this.failure) }),
      ...(this.parked ? { parked: this.parked } : {}),
    };
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    const generation = this.generation;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    await this.stopping;
    await this.enqueueFlush(generation);
    this.generation++;
  }
}
