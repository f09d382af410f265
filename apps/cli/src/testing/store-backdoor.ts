import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { TafelConfig } from '@app/config';

/** The event store's own tables: everything else in the database is a read model. */
const EVENT_TABLES = ['events', 'tafel_events', 'tafel_streams', 'tafel_schema_migrations'];

export type Where = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const eventsOf = (config: TafelConfig): Where =>
  config.store === 'postgres'
    ? { kind: 'postgres', url: config.postgresUrl! }
    : { kind: 'sqlite', path: config.sqlitePath };

const readModelsOf = (config: TafelConfig): Where =>
  config.readStore === 'postgres'
    ? { kind: 'postgres', url: config.postgresUrl! }
    : { kind: 'sqlite', path: config.readSqlitePath };

/** Runs SQL behind the app's back on one database (`?` placeholders on both kinds). */
export async function query<T>(where: Where, sql: string, params: unknown[] = []): Promise<T[]> {
  if (where.kind === 'sqlite') {
    const db = new Database(where.path);
    try {
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: where.url });
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

/**
 * Every read-model table, rows in a stable order, as one text: equal texts mean byte-identical read
 * models.
 */
export async function dumpReadModels(config: TafelConfig): Promise<string> {
  const where = readModelsOf(config);
  const tables = (
    where.kind === 'sqlite'
      ? await query<{ name: string }>(where, "SELECT name FROM sqlite_master WHERE type = 'table'")
      : await query<{ name: string }>(
          where,
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
        )
  )
    .map((t) => t.name)
    .filter((name) => !EVENT_TABLES.includes(name))
    .sort();
  const dump: string[] = [];
  for (const table of tables) {
    const rows = (await query<Record<string, unknown>>(where, `SELECT * FROM ${table}`)).map((r) =>
      JSON.stringify(r),
    );
    dump.push(`# ${table} (${rows.length})`, ...rows.sort());
  }
  return dump.join('\n');
}

/** Changes a stored event's data behind the store's back, as someone with database access could. */
export async function tamperWithEvent(
  config: TafelConfig,
  stream: string,
  revision: number,
  field: string,
  value: string,
) {
  const where = eventsOf(config);
  if (where.kind === 'sqlite') {
    await query(
      where,
      `UPDATE events SET data = json_set(data, '$.${field}', ?) WHERE stream = ? AND revision = ?`,
      [value, stream, revision],
    );
  } else {
    await query(
      where,
      `UPDATE tafel_events SET data = jsonb_set(data, '{${field}}', to_jsonb(?::text)) WHERE stream = ? AND revision = ?`,
      [value, stream, revision],
    );
  }
}

/** Runs a statement against the read models (to spoil them before a rebuild). */
export async function runSql(config: TafelConfig, sql: string, params: unknown[] = []): Promise<void> {
  await query(readModelsOf(config), sql, params);
}
