import { Pool } from 'pg';
import { unavailable } from './pg-errors';
import { migrate } from './migrations';
import { PostgresEventStore } from './postgres-event-store';
import { WakeUps } from './wake-ups';

export interface PostgresEventStoreOptions {
  /** e.g. `postgres://user@host:5432/db`. */
  connectionString: string;
  /** Connections in the pool (default 10); the LISTEN connection comes on top. */
  poolSize?: number;
  /** How often a subscription looks for new events when no wake-up came (default 500 ms). */
  pollMs?: number;
}

/**
 * Opens the PostgreSQL event store (no Nest needed) and brings its schema up to date.
 * @throws StoreUnavailable when PostgreSQL cannot be reached or the migration fails.
 */
export async function openPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const config = { connectionString: options.connectionString, connectionTimeoutMillis: 10_000 };
  const pool = new Pool({ ...config, max: options.poolSize ?? 10 });
  pool.on('error', () => undefined); // an idle client lost its connection; the next query reconnects
  // A checked-out client has no listener of the pool's: a server shutting down (FATAL 57P01) between
  // its queries would otherwise be an unhandled 'error' that ends the process. Its next query fails
  // instead, and the client is dropped when released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw unavailable('open (migrate)', e);
  }
  const wakeUps = new WakeUps(pool, config);
  return new PostgresEventStore(pool, wakeUps, { pollMs: options.pollMs ?? 500, settleWaitMs: 1_000 });
}
