import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { TafelConfig } from '@app/config';
import { hashEvent, type StoredEvent } from '@app/event-store';

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

interface StoredRow {
  position: number | string;
  stream: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  prev_hash: string | null;
  hash: string;
}

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** One stream's events as stored, read behind the store's back (what an insider sees in the table). */
export async function storedStream(config: TafelConfig, stream: string): Promise<StoredEvent[]> {
  const where = eventsOf(config);
  const table = where.kind === 'sqlite' ? 'events' : 'tafel_events';
  const rows = await query<StoredRow>(
    where,
    `SELECT position, stream, revision, event_id, type, schema_version, data, metadata, prev_hash, hash
     FROM ${table} WHERE stream = ? ORDER BY revision`,
    [stream],
  );
  return rows.map((r) => ({
    position: Number(r.position),
    stream: r.stream,
    revision: r.revision,
    eventId: r.event_id,
    type: r.type,
    schemaVersion: r.schema_version,
    data: parsed(r.data),
    metadata: parsed(r.metadata) as StoredEvent['metadata'],
    recordedAt: '',
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/**
 * Rewrites a stream as an insider who knows the hash function would: `edit` gets its events and
 * returns the ones to keep (changed as it likes); those are numbered again from revision 0 and
 * chained again (`prevHash`, `hash`), the rest deleted. Afterwards the stream's own chain holds.
 */
export async function rewriteStream(
  config: TafelConfig,
  stream: string,
  edit: (events: StoredEvent[]) => StoredEvent[],
): Promise<void> {
  const where = eventsOf(config);
  const table = where.kind === 'sqlite' ? 'events' : 'tafel_events';
  const before = await storedStream(config, stream);
  const after = edit(before.map((e) => structuredClone(e)));
  after.forEach((e, i) => {
    e.revision = i;
    e.prevHash = i === 0 ? null : after[i - 1].hash;
    e.hash = hashEvent(e);
  });
  const kept = new Set(after.map((e) => e.position));
  for (const e of before)
    if (!kept.has(e.position)) await query(where, `DELETE FROM ${table} WHERE position = ?`, [e.position]);
  for (const e of after) {
    const was = before.find((b) => b.position === e.position)!;
    if (was.hash === e.hash && was.revision === e.revision) continue;
    await query(
      where,
      `UPDATE ${table} SET revision = ?, data = ${where.kind === 'sqlite' ? '?' : '?::jsonb'}, prev_hash = ?, hash = ? WHERE position = ?`,
      [e.revision, JSON.stringify(e.data ?? null), e.prevHash, e.hash, e.position],
    );
  }
}

/** Deletes one stored event and nothing else (its stream's later events keep their revisions and links). */
export async function deleteEvent(config: TafelConfig, stream: string, revision: number): Promise<void> {
  const where = eventsOf(config);
  const table = where.kind === 'sqlite' ? 'events' : 'tafel_events';
  await query(where, `DELETE FROM ${table} WHERE stream = ? AND revision = ?`, [stream, revision]);
}
