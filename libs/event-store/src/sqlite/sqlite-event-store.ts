import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuplicateEventId, StoreUnavailable } from '../errors';
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
import { pollingSubscription, type PollingPage } from '../polling-subscription';
import { OpenSubscriptions } from '../open-subscriptions';
import type { PendingAppend } from './sqlite-append-batch';
import { settle } from './sqlite-commit';
import { InlineWriter, WriterThread, type BatchWriter } from './sqlite-writer-thread';
import { unavailable } from './sqlite-errors';
import { prepareEvent, toStoredEvent } from './sqlite-rows';
import { prepareStatements, SCHEMA, type Statements } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** Database file; created with its tables when missing. */
  path: string;
  /** `FULL` (default) survives power loss; `NORMAL` may lose the last commits. */
  synchronous?: 'FULL' | 'NORMAL' | 'EXTRA';
  /** How long a writer waits for another process's write lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * `thread` (default): commits on a writer thread, so an fsync never stalls this one (best with
   * many writers at once). `inline`: commits on this thread, one hop less per append (best for a
   * single sequential writer).
   */
  writer?: 'thread' | 'inline';
  /** How often a caught-up subscription looks for other processes' writes. Default 100 ms. */
  pollIntervalMs?: number;
}

const MAX_BATCH = 512;

/** The embedded event store: one SQLite file in WAL mode, safe for several processes at once. */
export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  private writing?: Promise<void>;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new OpenSubscriptions();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  /** Write transactions committed, for observing group commit. */
  transactions = 0;

  /**
   * Reads run on `db` in this thread; writes go to the writer thread's own connection, so a group
   * commit's fsync never stalls the thread that serves requests.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly writer: BatchWriter,
    private readonly pollIntervalMs: number,
  ) {
    this.statements = prepareStatements(db);
  }

  append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      if (this.closed) throw new StoreUnavailable('event store is closed');
      const ids = events.map((e) => e.eventId);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (twice.length > 0) throw new DuplicateEventId(stream, twice);
      this.queue.push({
        stream,
        events: events.map(prepareEvent),
        expected: options.expectedRevision,
        resolve,
        reject,
      });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /**
   * Group commit: everything queued goes to the writer thread as one batch — one `BEGIN IMMEDIATE`
   * transaction, one fsync. While a batch is being written, new appends wait in the queue and form
   * the next batch, so batches grow with the load by themselves.
   */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    this.writing = this.writer.write(batch).then(
      (outcomes) => {
        this.transactions++;
        batch.forEach((p, i) => {
          try {
            p.resolve(settle(outcomes[i]));
          } catch (e) {
            p.reject(e);
          }
        });
        this.appended.emit('appended');
      },
      (e: unknown) => batch.forEach((p) => p.reject(unavailable(e))),
    );
    void this.writing.finally(() => {
      this.writing = undefined;
      this.flush();
    });
  };

  async read(stream: string, options: ReadOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    const rows = this.guard(() =>
      options.toTime
        ? this.statements.readStreamUntil.all(stream, from, to, options.toTime.getTime())
        : this.statements.readStream.all(stream, from, to),
    );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const rows = this.guard(() =>
      this.statements.readAll.all(options.fromPosition ?? -1, options.limit ?? -1),
    );
    return rows.map(toStoredEvent);
  }

  subscribe(
    handler: EventHandler,
    options?: SubscribeOptions & { onError?: (e: unknown) => void },
  ): Subscription {
    const source = {
      readPage: (after: number, limit: number) => this.subscriptionPage(after, limit),
      onWake: (callback: () => void) => {
        this.appended.on('appended', callback);
        return () => void this.appended.off('appended', callback);
      },
      pollIntervalMs: this.pollIntervalMs,
      // Pages as large as a rebuild reads them: fewer reads while catching up; a live page is small anyway.
      pageSize: 1000,
    };
    const inner = pollingSubscription(source, handler, options);
    return this.subscriptions.track(inner);
  }

  /** A subscription's page: positions are commit order here, so nothing is ever held back. */
  private async subscriptionPage(after: number, limit: number): Promise<PollingPage> {
    return { events: await this.readAll({ fromPosition: after, limit }), heldBack: false };
  }

  async streamRevision(stream: string): Promise<number> {
    return this.guard(() => this.statements.head.get(stream)?.revision ?? -1);
  }

  async ping(): Promise<void> {
    this.guard(() => this.statements.ping.get());
  }

  alive(): boolean {
    return !this.closed && this.writer.alive();
  }

  /** Commits what is queued, stops subscriptions, then closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    while (this.writing) await this.writing;
    await this.subscriptions.stopAll();
    await this.writer.close();
    this.db.close();
  }

  private guard<T>(fn: () => T): T {
    if (this.closed) throw new StoreUnavailable('event store is closed');
    try {
      return fn();
    } catch (e) {
      throw unavailable(e);
    }
  }
}

/**
 * Makes the database file mode 0600 before SQLite opens it (SQLite makes its `-wal` and `-shm` with
 * the database file's mode, so they follow), and narrows those three where they are wider. A
 * missing directory is left for SQLite to refuse. (This library is loaded in child processes without
 * the `@app/` paths, so it does not use `@app/kernel`'s own helper.)
 */
function privateFile(path: string): void {
  if (path === ':memory:' || path === '' || !existsSync(dirname(path))) return;
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    const mode = existsSync(file) ? statSync(file).mode & 0o777 : 0;
    if (mode & 0o077) chmodSync(file, mode & 0o600);
  }
}

/**
 * Opens (creating if needed) an SQLite event store: WAL, `synchronous=FULL` unless told otherwise;
 * the file (and so its `-wal`/`-shm`) mode 0600; `secure_delete` on both connections.
 * @throws StoreUnavailable when the file cannot be opened or prepared.
 */
export async function openSqliteEventStore(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
  let db: Database.Database | undefined;
  let writer: BatchWriter | undefined;
  try {
    privateFile(options.path);
    db = new Database(options.path);
    db.pragma('secure_delete = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    const database = db;
    database.transaction(() => database.exec(SCHEMA)).immediate();
    if (options.writer === 'inline') {
      writer = new InlineWriter(db);
    } else {
      const thread = new WriterThread({
        path: options.path,
        synchronous: options.synchronous ?? 'FULL',
        busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      });
      writer = thread;
      await thread.ready;
    }
    return new SqliteEventStore(db, writer, options.pollIntervalMs ?? 100);
  } catch (e) {
    db?.close();
    await writer?.close();
    throw unavailable(e);
  }
}
