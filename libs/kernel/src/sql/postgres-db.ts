import { Pool, type PoolClient } from 'pg';
import { ReadStoreUnavailable, type SqlDb, type SqlTx } from './sql-db';

/**
 * SQLSTATE classes of a server that cannot be used now: 08 connection exception, 53 insufficient
 * resources, 57 operator intervention (shutting down, cannot connect now). A driver error without a
 * SQLSTATE (refused, reset, terminated) is one too.
 */
const UNAVAILABLE = /^(08|53|57)/;

function classified(e: unknown): unknown {
  const code = (e as { code?: unknown } | undefined)?.code;
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  if (sqlState && !UNAVAILABLE.test(sqlState)) return e;
  return new ReadStoreUnavailable(`postgres read store: ${e instanceof Error ? e.message : String(e)}`, {
    cause: e,
  });
}

/** Runs a query, turning an unreachable server into `ReadStoreUnavailable`. */
async function guarded<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (e) {
    throw classified(e);
  }
}

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
    this.direct = over((text, params) => guarded(() => this.pool.query(text, params)));
  }

  all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<void> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const client: PoolClient = await guarded(() => this.pool.connect());
    try {
      await guarded(() => client.query('BEGIN'));
      const result = await fn(over((text, params) => guarded(() => client.query(text, params))));
      await guarded(() => client.query('COMMIT'));
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
