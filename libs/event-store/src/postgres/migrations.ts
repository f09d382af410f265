import type { Pool } from 'pg';
import { SCHEMA_V1, SCHEMA_V2 } from './schema.sql';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS: Migration[] = [
  { version: 1, name: 'events, streams, tafel_append', sql: SCHEMA_V1 },
  { version: 2, name: 'tafel_append_batch (group commit), heads from the events', sql: SCHEMA_V2 },
];

const MIGRATION_LOCK = [0x7afe1, 0] as const;

/**
 * Brings the schema up to date. Idempotent, and safe when several processes start at once: one
 * session-level advisory lock serialises them, and each migration commits with its version row.
 * @returns the versions this call applied (empty when the schema was already current).
 * @throws Error (a driver error) when the database cannot be reached or a migration fails.
 */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS tafel_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM tafel_schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    for (const m of MIGRATIONS.filter((x) => !done.has(x.version))) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO tafel_schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        await client.query('COMMIT');
        applied.push(m.version);
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
    await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
    client.release();
  } catch (e) {
    client.release(true);
    throw e;
  }
  return applied;
}
