import { Pool, type PoolClient } from 'pg';
import type { SqlDb, SqlTx } from './sql-db';

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function over(run: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>): SqlTx {
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: unknown[] = []) => (await run(numbered(sql), params)).rows as T[],
    run: async (sql: string, params: unknown[] = []) => {
      await run(params.length ? numbered(sql) : sql, params);
    },
  };
}

/** Read models in PostgreSQL, beside the events. */
export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly direct: SqlTx;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 4 });
    this.pool.on('error', () => undefined);
    // A client checked out for a transaction has no listener of the pool's: a server shutting down
    // between its queries would otherwise be an unhandled 'error' that ends the process.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.direct = over((text, params) => this.pool.query(text, params));
  }

  all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<void> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(over((text, params) => client.query(text, params)));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
