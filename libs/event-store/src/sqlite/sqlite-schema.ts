import type { Database, Statement } from 'better-sqlite3';

/**
 * `position` is the rowid. SQLite has one writer at a time per file (across processes) and a
 * rowid is taken as max+1 inside that writer's transaction, so positions are handed out in commit
 * order and a reader never sees position n+1 before n. (A PostgreSQL sequence gives no such promise.)
 * Events are never deleted, so no rowid is reused without AUTOINCREMENT.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  occurred_at INTEGER,
  recorded_at TEXT NOT NULL,
  prev_hash TEXT,
  hash TEXT NOT NULL,
  UNIQUE (stream, revision)
);`;

const COLUMNS =
  'position, stream, revision, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

export interface EventRow {
  position: number;
  stream: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  prev_hash: string | null;
  hash: string;
}

export interface KnownEvent {
  stream: string;
  revision: number;
  position: number;
}

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database) {
  return {
    readStream: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision BETWEEN ? AND ? ORDER BY revision`,
    ),
    readStreamUntil: db.prepare<[string, number, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision BETWEEN ? AND ? AND occurred_at <= ? ORDER BY revision`,
    ),
    readAll: db.prepare<[number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ),
    head: db.prepare<[string], { revision: number; hash: string }>(
      'SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    ),
    ping: db.prepare('SELECT 1'),
    byId: db.prepare<[string], KnownEvent>(
      'SELECT stream, revision, position FROM events WHERE event_id = ?',
    ),
    insert: db.prepare(
      `INSERT INTO events (stream, revision, event_id, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ) as Statement<unknown[]>,
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
