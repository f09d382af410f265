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
import { EVENT_COLUMNS, type EventRow, encodeAppend, toStoredEvent } from './event-rows';
import { HeadCache, type StreamHead } from './head-cache';
import { CODE, type PgError, pgCode, unavailable } from './pg-errors';
import { OpenSubscriptions } from '../open-subscriptions';
import { pollingSubscription, type PollingPage } from '../polling-subscription';
import { WakeUps } from './wake-ups';

interface AppendRow {
  outcome: 'appended' | 'repeat';
  next_revision: number;
  positions: string[];
}

const APPEND_SQL = 'SELECT outcome, next_revision, positions FROM tafel_append($1, $2, $3, $4, $5, $6)';
const PAGE_SQL = `SELECT ${EVENT_COLUMNS}, transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot())) AS settled
  FROM tafel_events WHERE position > $1 ORDER BY position LIMIT $2`;
const READ_SQL = `SELECT ${EVENT_COLUMNS} FROM tafel_events WHERE stream = $1 AND revision BETWEEN $2 AND $3
  AND ($4::timestamptz IS NULL OR occurred_at <= $4) ORDER BY revision`;

/** The event store on PostgreSQL; see `schema.sql.ts` for how the global order is kept. */
export class PostgresEventStore implements EventStore {
  private readonly heads = new HeadCache();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly subscriptions = new OpenSubscriptions();
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly wakeUps: WakeUps,
    private readonly options: { pollMs: number; settleWaitMs: number },
  ) {}

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
      text: 'SELECT revision, last_hash AS hash FROM tafel_streams WHERE stream = $1',
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
    const conflict = (actual: number): ExpectedRevisionConflict =>
      new ExpectedRevisionConflict(stream, expectedRevision, actual);
    if (events.length === 0) {
      const { revision } = await this.head(stream);
      if (expected !== null && revision !== expected) throw conflict(revision);
      return { nextRevision: revision, positions: [] };
    }
    const ids = events.map((e) => e.eventId);
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length > 0) throw new DuplicateEventId(stream, twice);
    const cached = this.heads.get(stream);
    let head =
      expected === -1
        ? { revision: -1, hash: null }
        : cached && (expected === null || cached.revision === expected)
          ? cached
          : await this.head(stream);
    for (let attempt = 0; ; attempt++) {
      const { json, lastHash } = encodeAppend(stream, events, head);
      try {
        const row = await this.callAppend([stream, expected, head.revision, head.hash, ids, json]);
        if (row.outcome === 'appended') {
          this.heads.remember(stream, { revision: row.next_revision, hash: lastHash });
          this.wakeUps.committed();
        }
        return { nextRevision: row.next_revision, positions: row.positions.map(Number) };
      } catch (e) {
        const { code, message, constraint } = e as PgError;
        if (code === CODE.conflict) throw conflict(Number(message));
        if (code === CODE.duplicateId) throw new DuplicateEventId(stream, message.split(','));
        if (code === CODE.staleHead && attempt < 100) head = JSON.parse(message) as StreamHead;
        else if (code === CODE.uniqueViolation && constraint === 'tafel_events_event_id_key' && attempt < 3)
          continue;
        else if (code === CODE.uniqueViolation) throw conflict((await this.head(stream)).revision);
        else throw unavailable('append', e);
      }
    }
  }

  private async callAppend(values: unknown[]): Promise<AppendRow> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<AppendRow>({ name: 'tafel_append', text: APPEND_SQL, values });
      client.release();
      return rows[0];
    } catch (e) {
      // An error not raised by tafel_append itself may have left the allocation lock held: drop the session.
      client.release(!/^(TF|23)/.test(pgCode(e) ?? ''));
      throw e;
    }
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
