import type { Pool } from 'pg';
import { DuplicateEventId, ExpectedRevisionConflict, StoreUnavailable } from '../errors';
import type {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { EVENT_COLUMNS, type EventRow, toStoredEvent } from './event-rows';
import { GroupCommit } from './group-commit';
import { HeadCache, type StreamHead } from './head-cache';
import { unavailable } from './pg-errors';
import { OpenSubscriptions } from '../open-subscriptions';
import { pollingSubscription, type PollingPage } from '../polling-subscription';
import { WakeUps } from './wake-ups';

const HEAD_SQL = 'SELECT revision, hash FROM tafel_events WHERE stream = $1 ORDER BY revision DESC LIMIT 1';
const PAGE_SQL = `SELECT ${EVENT_COLUMNS}, transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot())) AS settled
  FROM tafel_events WHERE position > $1 ORDER BY position LIMIT $2`;
const READ_SQL = `SELECT ${EVENT_COLUMNS} FROM tafel_events WHERE stream = $1 AND revision BETWEEN $2 AND $3
  AND ($4::timestamptz IS NULL OR occurred_at <= $4) ORDER BY revision`;

/** The event store on PostgreSQL; see `schema.sql.ts` for how the global order is kept. */
export class PostgresEventStore implements EventStore {
  private readonly heads = new HeadCache();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly subscriptions = new OpenSubscriptions();
  private readonly groupCommit: GroupCommit;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly wakeUps: WakeUps,
    private readonly options: { pollMs: number; settleWaitMs: number },
  ) {
    this.groupCommit = new GroupCommit(
      pool,
      this.heads,
      (stream) => this.head(stream),
      () => this.wakeUps.committed(),
    );
  }

  /**
   * @throws ExpectedRevisionConflict when the stream's revision differs from `expectedRevision`.
   * @throws DuplicateEventId when event ids are known but not as a repeat of an append to this stream.
   * @throws StoreUnavailable when PostgreSQL cannot be reached or the store is closed.
   */
  append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.track('append', () => this.doAppend(stream, events, options.expectedRevision));
  }

  /** @throws StoreUnavailable */
  read(stream: string, options: ReadOptions = {}): Promise<StoredEvent[]> {
    return this.track('read', async () => {
      const to = options.toRevision ?? 2 ** 31 - 1;
      const args = [stream, options.fromRevision ?? 0, to, options.toTime?.toISOString() ?? null];
      const events = (
        await this.pool.query<EventRow>({ name: 'tafel_read', text: READ_SQL, values: args })
      ).rows.map(toStoredEvent);
      const last = events[events.length - 1];
      if (last) this.heads.remember(stream, { revision: last.revision, hash: last.hash });
      return events;
    });
  }

  /** Waits (boundedly) for events held back behind still-open transactions. @throws StoreUnavailable */
  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.track('readAll', async () => {
      let page = await this.readPage(options.fromPosition ?? 0, options.limit ?? null);
      for (
        let waited = 0, ms = 1;
        page.heldBack && waited < this.options.settleWaitMs;
        waited += ms, ms *= 2
      ) {
        await new Promise((r) => setTimeout(r, ms));
        page = await this.readPage(options.fromPosition ?? 0, options.limit ?? null);
      }
      return page.events;
    });
  }

  /**
   * The SQL stores' one polling loop (`pollingSubscription`), reading pages that stop before any
   * position not yet settled. A read error (PostgreSQL restarted, connection lost) ends the
   * subscription and reaches `onError` once; the subscriber resumes from its checkpoint.
   */
  subscribe(
    handler: EventHandler,
    options: SubscribeOptions & { onError?: (e: unknown) => void } = {},
  ): Subscription {
    const source = {
      readPage: (after: number, limit: number) => this.subscriptionPage(after, limit),
      onWake: (callback: () => void) => this.wakeUps.on(callback),
      pollIntervalMs: this.options.pollMs,
      pageSize: 500,
    };
    const sub = this.subscriptions.track(pollingSubscription(source, handler, options));
    if (this.closed) void sub.stop();
    return sub;
  }

  /** @throws StoreUnavailable */
  streamRevision(stream: string): Promise<number> {
    return this.track('streamRevision', async () => (await this.head(stream)).revision);
  }

  /** @throws StoreUnavailable */
  alive(): boolean {
    return !this.closed;
  }

  ping(): Promise<void> {
    return this.track('ping', async () => void (await this.pool.query('SELECT 1')));
  }

  /** Stops subscriptions, lets appends already handed over finish, then ends the pool and listener. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    await Promise.allSettled([...this.inFlight]);
    await this.wakeUps.close();
    await this.pool.end();
  }

  /** A subscription's page; each read also re-opens the LISTEN connection if it was lost. */
  private subscriptionPage(after: number, limit: number): Promise<PollingPage> {
    this.wakeUps.listen();
    return this.track('readAll', () => this.readPage(after, limit));
  }

  private async readPage(fromPosition: number, limit: number | null): Promise<PollingPage> {
    const { rows } = await this.pool.query<EventRow & { settled: boolean }>({
      name: 'tafel_page',
      text: PAGE_SQL,
      values: [fromPosition, limit],
    });
    const cut = rows.findIndex((r) => !r.settled);
    return { events: (cut < 0 ? rows : rows.slice(0, cut)).map(toStoredEvent), heldBack: cut >= 0 };
  }

  private async head(stream: string): Promise<StreamHead> {
    const { rows } = await this.pool.query<StreamHead>({
      name: 'tafel_head',
      text: HEAD_SQL,
      values: [stream],
    });
    return rows[0] ?? { revision: -1, hash: null };
  }

  private async doAppend(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const expected =
      expectedRevision === 'any' ? null : expectedRevision === 'no-stream' ? -1 : expectedRevision;
    if (events.length === 0) {
      const { revision } = await this.head(stream);
      if (expected !== null && revision !== expected)
        throw new ExpectedRevisionConflict(stream, expectedRevision, revision);
      return { nextRevision: revision, positions: [] };
    }
    const ids = events.map((e) => e.eventId);
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length > 0) throw new DuplicateEventId(stream, twice);
    const cached = this.heads.get(stream);
    const known = expected === -1 || (cached && (expected === null || cached.revision === expected));
    const head = known ? undefined : await this.head(stream);
    return new Promise<AppendResult>((resolve, reject) =>
      this.groupCommit.enqueue({
        stream,
        events,
        ids,
        expectedRevision,
        expected,
        head,
        checkIds: false,
        staleTries: 0,
        uniqueTries: 0,
        resolve,
        reject,
      }),
    );
  }

  private track<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailable(`postgres: ${what} after close`));
    const p = work().catch((e: unknown) => {
      if (e instanceof ExpectedRevisionConflict || e instanceof DuplicateEventId) throw e;
      throw unavailable(what, e);
    });
    this.inFlight.add(p);
    void p.catch(() => undefined).finally(() => this.inFlight.delete(p));
    return p;
  }
}
