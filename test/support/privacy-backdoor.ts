import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { TafelConfig } from '@app/config';

/**
 * Runs SQL behind the app's back on the database that holds the events (`keys`: the key store; in
 * the embedded shape a SQLite file of its own, with PostgreSQL the same database).
 */
async function onEventsDb<T>(
  config: TafelConfig,
  sql: string,
  params: unknown[] = [],
  keys = false,
): Promise<T[]> {
  if (config.store === 'sqlite') {
    const db = new Database(keys ? config.keysSqlitePath : config.sqlitePath);
    try {
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: config.postgresUrl });
  await client.connect();
  try {
    let n = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every stored event's data and metadata, as the database holds them, in one text. */
export async function storedEventsText(config: TafelConfig): Promise<string> {
  const table = config.store === 'sqlite' ? 'events' : 'tafel_events';
  const rows = await onEventsDb<{ data: string; metadata: string }>(
    config,
    `SELECT CAST(data AS TEXT) AS data, CAST(metadata AS TEXT) AS metadata FROM ${table}`,
  );
  return rows.map((r) => `${r.data}\n${r.metadata}`).join('\n');
}

/** Deletes a person's key row, as a lost or restored-from-elsewhere key store would be. */
export async function deleteKeyRow(config: TafelConfig, personId: string): Promise<void> {
  await onEventsDb(config, 'DELETE FROM tafel_person_keys WHERE person_id = ?', [personId], true);
}
