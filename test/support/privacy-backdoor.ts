import type { TafelConfig } from '@app/config';
import { query } from '../../apps/cli/src/testing/store-backdoor';

/**
 * Runs SQL behind the app's back on the database that holds the events (`keys`: the key store; in
 * the embedded shape a SQLite file of its own, with PostgreSQL the same database).
 */
function onEventsDb<T>(config: TafelConfig, sql: string, params: unknown[] = [], keys = false): Promise<T[]> {
  if (config.store !== 'sqlite') return query<T>({ kind: 'postgres', url: config.postgresUrl! }, sql, params);
  return query<T>({ kind: 'sqlite', path: keys ? config.keysSqlitePath : config.sqlitePath }, sql, params);
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
