import type { Pool } from 'pg';
import { DuplicateEventId, ExpectedRevisionConflict } from '../errors';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { encodeAppend } from './event-rows';
import type { HeadCache, StreamHead } from './head-cache';
import { CODE, pgCode, unavailable } from './pg-errors';

/** One caller's append, waiting in the group-commit queue. */
export interface PendingAppend {
  stream: string;
  events: NewEvent[];
  ids: string[];
  expectedRevision: ExpectedRevision;
  /** `expectedRevision` as `tafel_append_batch` takes it: `null` for any, `-1` for no stream. */
  expected: number | null;
  /** A head to hash onto when the cache has none that fits: fetched, or the server's answer to a stale one. */
  head?: StreamHead;
  /** Look the event ids up before inserting (after a batch failed on a known id). */
  checkIds: boolean;
  staleTries: number;
  uniqueTries: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface BatchRow {
  n: number;
  outcome: 'appended' | 'repeat' | 'duplicate' | 'conflict' | 'stale';
  at_revision: number;
  at_hash: string | null;
  first_position: string | null;
  known_positions: string[] | null;
  known_ids: string[] | null;
}

const COLUMNS = 'n, outcome, at_revision, at_hash, first_position, known_positions, known_ids';
const BATCH = {
  name: 'tafel_append_batch',
  text: `SELECT ${COLUMNS} FROM tafel_append_batch($1, $2, $3, $4, $5, $6, $7, $8)`,
};
/** A batch of one: the same outcome row from a cheaper function. */
const ONE = {
  name: 'tafel_append_one',
  text: `SELECT ${COLUMNS} FROM tafel_append_one($1, $2, $3, $4, $5, $6, $7)`,
};
const MAX_APPENDS = 256;
const MAX_EVENTS = 10_000;
const NEW_STREAM: StreamHead = { revision: -1, hash: null };

/**
 * Group commit, as the SQLite store does it: everything queued goes to PostgreSQL as one call of
 * `tafel_append_batch` — one transaction, one commit — and each append gets its own outcome. While
 * a batch is being written, new appends wait and form the next one, so batches grow with the load;
 * a lone append is sent at once. A batch holds at most one append per stream, and appends to one
 * stream leave the queue in the order they came. Nothing is resolved before its commit.
 */
export class GroupCommit {
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private writing = false;

  constructor(
    private readonly pool: Pool,
    private readonly heads: HeadCache,
    private readonly fetchHead: (stream: string) => Promise<StreamHead>,
    private readonly committed: () => void,
  ) {}

  enqueue(p: PendingAppend): void {
    this.queue.push(p);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.writing || this.queue.length === 0) return;
    const batch = this.take();
    this.writing = true;
    void this.write(batch).finally(() => {
      this.writing = false;
      this.flush();
    });
  };

  /** The next batch: distinct streams, each stream's appends in their order, bounded in size. */
  private take(): PendingAppend[] {
    const batch: PendingAppend[] = [];
    const rest: PendingAppend[] = [];
    const seen = new Set<string>();
    let events = 0;
    for (const p of this.queue) {
      const fits =
        batch.length === 0 || (batch.length < MAX_APPENDS && events + p.events.length <= MAX_EVENTS);
      if (fits && !seen.has(p.stream)) {
        batch.push(p);
        events += p.events.length;
      } else rest.push(p);
      seen.add(p.stream);
    }
    this.queue = rest;
    return batch;
  }

  /** The head to hash onto: the cached one when it fits the expectation, else the one the append carries. */
  private headFor(p: PendingAppend): StreamHead {
    if (p.expected === -1) return NEW_STREAM;
    const cached = this.heads.get(p.stream);
    const fits = cached && (p.expected === null || cached.revision === p.expected);
    if (fits && (!p.head || cached.revision >= p.head.revision)) return cached;
    return p.head ?? cached ?? NEW_STREAM;
  }

  private async write(all: PendingAppend[]): Promise<void> {
    const batch: PendingAppend[] = [];
    const encoded: { head: StreamHead; json: string; lastHash: string }[] = [];
    for (const p of all) {
      try {
        const head = this.headFor(p);
        encoded.push({ head, ...encodeAppend(p.stream, p.events, head) });
        batch.push(p);
      } catch (e) {
        p.reject(unavailable('append', e));
      }
    }
    if (batch.length === 0) return;
    const [one] = batch;
    const values =
      batch.length === 1
        ? [
            one.stream,
            one.expected,
            encoded[0].head.revision,
            encoded[0].head.hash,
            one.ids,
            encoded[0].json,
            one.checkIds,
          ]
        : [
            batch.map((p) => p.stream),
            batch.map((p) => p.expected),
            encoded.map((e) => e.head.revision),
            encoded.map((e) => e.head.hash),
            batch.map((p) => p.events.length),
            batch.flatMap((p) => p.ids),
            `[${encoded.map((e) => e.json).join(',')}]`,
            batch.some((p) => p.checkIds),
          ];
    let rows: BatchRow[];
    try {
      rows = await this.call(batch.length === 1 ? ONE : BATCH, values);
    } catch (e) {
      await this.failed(batch, e);
      return;
    }
    const again: PendingAppend[] = [];
    let appended = false;
    for (const row of rows) {
      const p = batch[row.n - 1];
      switch (row.outcome) {
        case 'appended': {
          appended = true;
          this.heads.remember(p.stream, { revision: row.at_revision, hash: encoded[row.n - 1].lastHash });
          const first = Number(row.first_position);
          p.resolve({ nextRevision: row.at_revision, positions: p.events.map((_, i) => first + i) });
          break;
        }
        case 'repeat':
          p.resolve({ nextRevision: row.at_revision, positions: row.known_positions!.map(Number) });
          break;
        case 'duplicate':
          p.reject(new DuplicateEventId(p.stream, row.known_ids!));
          break;
        case 'conflict':
          p.reject(new ExpectedRevisionConflict(p.stream, p.expectedRevision, row.at_revision));
          break;
        case 'stale':
          p.head = { revision: row.at_revision, hash: row.at_hash };
          if (++p.staleTries > 100) p.reject(unavailable('append', new Error('the stream kept moving')));
          else again.push(p);
          break;
      }
    }
    if (appended) this.committed();
    this.queue.unshift(...again);
  }

  /**
   * A known event id (or a row another writer got in first) failed the whole batch on a unique index:
   * nothing of it was written. Its appends go again with their ids looked up first, so that the one
   * at fault gets its own outcome; any other error fails them all.
   */
  private async failed(batch: PendingAppend[], e: unknown): Promise<void> {
    if (pgCode(e) !== CODE.uniqueViolation) {
      batch.forEach((p) => p.reject(unavailable('append', e)));
      return;
    }
    const again: PendingAppend[] = [];
    for (const p of batch) {
      p.checkIds = true;
      if (++p.uniqueTries <= 3) again.push(p);
      else
        await this.fetchHead(p.stream).then(
          ({ revision }) => p.reject(new ExpectedRevisionConflict(p.stream, p.expectedRevision, revision)),
          (err: unknown) => p.reject(unavailable('append', err)),
        );
    }
    this.queue.unshift(...again);
  }

  private async call(statement: { name: string; text: string }, values: unknown[]): Promise<BatchRow[]> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<BatchRow>({ ...statement, values });
      client.release();
      return rows;
    } catch (e) {
      // An error not raised by the data itself may have left the allocation lock held: drop the session.
      client.release(!/^23/.test(pgCode(e) ?? ''));
      throw e;
    }
  }
}
