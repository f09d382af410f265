import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { preparePrivateSqliteFile } from '../private-files';
import { startWorkerThread } from '../worker-thread';
import {
  commitInTransaction,
  GuardFailed,
  ReadStoreUnavailable,
  type SqlDb,
  type SqlGuard,
  type SqlStatement,
  type SqlTx,
} from './sql-db';

/** SQLite faults of the disk or the file, not of the statement: the API answers 503 for them. */
const UNAVAILABLE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|CANTOPEN|READONLY|NOMEM|PROTOCOL)/;

function translated(e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE.test(code))
    return new ReadStoreUnavailable(`sqlite read store unavailable (${code})`, { cause: e });
  return e;
}

function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    throw translated(e);
  }
}

export interface SqliteDbOptions {
  /** `NORMAL` (default: read models, rebuildable from the log) or `FULL` (what cannot be rebuilt). */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * Runs `commit` and `run` on a writer thread with a connection of its own, so their fsyncs never
   * block the event loop (`transaction`, whose work is code, stays on the calling thread). Reads stay
   * on the calling thread: a read from the page cache costs less than a hop to a reader thread
   * (measured: a projection rebuild that looks keys up ran at a third of its speed over that hop).
   * Ignored for `:memory:`.
   */
  commitOnThread?: boolean;
}

type Reply =
  | { ready: true }
  | { id: number; failure?: undefined }
  | { id: number; failure: string; code?: string; guardFailed: boolean };

/** The calling thread's handle on a `sqlite-db.worker`: commits in flight, by id. */
class DbThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(): void; reject(e: unknown): void }>();
  private nextId = 0;
  private broken?: Error;
  private readonly exited: Promise<void>;

  constructor(path: string, synchronous: string) {
    this.worker = startWorkerThread(join(__dirname, 'sqlite-db.worker'), __filename, { path, synchronous });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      if ('ready' in reply) return;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.failure === undefined) return waiter?.resolve();
      const e = Object.assign(new Error(reply.failure), { code: reply.code });
      waiter?.reject(reply.guardFailed ? new GuardFailed() : translated(e));
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    const fail = (e: unknown) => {
      this.broken = new ReadStoreUnavailable('sqlite writer thread stopped', { cause: e });
      for (const waiter of this.pending.values()) waiter.reject(this.broken);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`exited (${code})`)));
  }

  commit(statements: SqlStatement[], guard?: SqlGuard): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref(); // a commit in flight keeps the process alive until it is durable
      this.worker.postMessage({ id, statements, guard });
    });
  }

  async close(): Promise<void> {
    if (!this.broken) {
      this.worker.ref();
      this.worker.postMessage({ close: true });
    }
    await this.exited;
  }
}

/**
 * Read models in the embedded SQLite file. They can be rebuilt from the log, so this connection
 * runs with synchronous=NORMAL; the checkpoint commits with the rows, so a crash never skips an event.
 * The file and its `-wal`/`-shm` are mode 0600, and deleted rows are overwritten with zeros
 * (`secure_delete`), so what was erased does not linger in free pages.
 */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();

  private readonly writer?: DbThread;

  constructor(path: string, options: SqliteDbOptions = {}) {
    preparePrivateSqliteFile(path);
    this.db = new Database(path);
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    if (options.commitOnThread && path !== ':memory:')
      this.writer = new DbThread(path, options.synchronous ?? 'NORMAL');
  }

  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private readonly tx: SqlTx = {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: unknown[] = []) =>
      guarded(() => this.statement(sql).all(...params) as T[]),
    run: async (sql: string, params: unknown[] = []) =>
      guarded(() => {
        if (params.length === 0 && /;\s*\S/.test(sql)) this.db.exec(sql);
        else this.statement(sql).run(...params);
      }),
  };

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.tx.all<T>(sql, params);
  }

  run(sql: string, params: unknown[] = []): Promise<void> {
    // A script or a PRAGMA (a setting of this connection) stays on the calling thread.
    if (this.writer && !/^\s*PRAGMA/i.test(sql) && !(params.length === 0 && /;\s*\S/.test(sql)))
      return this.writer.commit([{ sql, params }]);
    return this.tx.run(sql, params);
  }

  /** Transactions are serialised on this connection: better-sqlite3 has one connection, one transaction. */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      guarded(() => this.db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await fn(this.tx);
        guarded(() => this.db.exec('COMMIT'));
        return result;
      } catch (e) {
        // SQLite may have rolled back already (a full disk, an I/O error): keep the first error.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  dataVersion(): number {
    return guarded(() => this.db.pragma('data_version', { simple: true }) as number);
  }

  commit(statements: SqlStatement[], guard?: SqlGuard): Promise<void> {
    return this.writer ? this.writer.commit(statements, guard) : commitInTransaction(this, statements, guard);
  }

  async close(): Promise<void> {
    await this.queue;
    await this.writer?.close();
    this.db.close();
  }
}
