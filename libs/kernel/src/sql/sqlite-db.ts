import Database from 'better-sqlite3';
import type { SqlDb, SqlTx } from './sql-db';

/**
 * Read models in the embedded SQLite file. They can be rebuilt from the log, so this connection
 * runs with synchronous=NORMAL; the checkpoint commits with the rows, so a crash never skips an event.
 */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.db = new Database(path);
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
    all: async <T>(sql: string, params: unknown[] = []) => this.statement(sql).all(...params) as T[],
    run: async (sql: string, params: unknown[] = []) => {
      if (params.length === 0 && /;\s*\S/.test(sql)) this.db.exec(sql);
      else this.statement(sql).run(...params);
    },
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
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        this.db.exec('ROLLBACK');
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
