import { Pool, type PoolClient } from 'pg';
import {
  commitInTransaction,
  ReadStoreUnavailable,
  type SqlDb,
  type SqlGuard,
  type SqlStatement,
  type SqlTx,
} from './sql-db';

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

/**
 * Connection-level failures become `ReadStoreUnavailable`: no SQLSTATE at all (refused, reset,
 * terminated, timed out), class 08 (connection exception), 53 (insufficient resources) or 57P
 * (shutdown, starting up). Anything else (a constraint, a syntax error) passes through as it is.
 */
function translated(e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  const sqlstate = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  if (sqlstate === undefined || /^(08|53|57P)/.test(sqlstate)) {
    return new ReadStoreUnavailable(`postgres read store unavailable (${sqlstate ?? 'connection'})`, {
      cause: e,
    });
  }
  return e;
}

const translating = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (e) {
    throw translated(e);
  }
};

/** Read models in PostgreSQL, beside the events. */
export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly direct: SqlTx;

  constructor(connectionString: string) {
    // A server that accepts the connection but does not answer (starting up, overloaded) fails the
    // connect after 10 s, so the caller's retry takes over instead of waiting for ever.
    this.pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 10_000 });
    this.pool.on('error', () => undefined);
    // A client checked out for a transaction has no listener of the pool's: a server shutting down
    // between its queries would otherwise be an unhandled 'error' that ends the process.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.direct = over((text, params) => translating(() => this.pool.query(text, params)));
  }

  all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<void> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const client: PoolClient = await translating(() => this.pool.connect());
    try {
      await translating(() => client.query('BEGIN'));
      const result = await fn(over((text, params) => translating(() => client.query(text, params))));
      await translating(() => client.query('COMMIT'));
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  commit(statements: SqlStatement[], guard?: SqlGuard): Promise<void> {
    return commitInTransaction(this, statements, guard);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
