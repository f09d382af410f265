import Database from 'better-sqlite3';
import { preparePrivateSqliteFile } from '../private-files';
import { ReadStoreUnavailable, type SqlDb, type SqlTx } from './sql-db';

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

  constructor(path: string) {
    preparePrivateSqliteFile(path);
    this.db = new Database(path);
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
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

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}
