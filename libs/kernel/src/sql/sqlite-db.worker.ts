/**
 * A SQLite database's writer thread (`SqliteDb` with `commitOnThread`): owns a write connection of its
 * own, so the fsync of each `commit` blocks this thread and not the one serving requests. Messages:
 * `{ id, statements, guard? }` → `{ id }` or `{ id, failure, code?, guardFailed? }`; `{ close: true }`
 * closes the connection and ends the thread.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { SqlGuard, SqlStatement } from './sql-db';

const { path, synchronous } = workerData as { path: string; synchronous: string };
const db = new Database(path);
db.pragma('secure_delete = ON');
db.pragma('busy_timeout = 5000');
db.pragma(`synchronous = ${synchronous}`);

const statements = new Map<string, Database.Statement>();
const prepared = (sql: string) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};

class Refused extends Error {}

const commit = db.transaction((work: SqlStatement[], guard?: SqlGuard) => {
  if (guard) {
    const value =
      (
        prepared(guard.sql)
          .raw()
          .get(...guard.params) as unknown[] | undefined
      )?.[0] ?? null;
    if (value !== guard.equals) throw new Refused();
  }
  for (const s of work) prepared(s.sql).run(...s.params);
});

parentPort!.on(
  'message',
  (message: { id: number; statements: SqlStatement[]; guard?: SqlGuard } | { close: true }) => {
    if ('close' in message) {
      db.close();
      parentPort!.close();
      return;
    }
    try {
      commit.immediate(message.statements, message.guard);
      parentPort!.postMessage({ id: message.id });
    } catch (e) {
      parentPort!.postMessage({
        id: message.id,
        failure: e instanceof Error ? e.message : String(e),
        code: (e as { code?: unknown }).code,
        guardFailed: e instanceof Refused,
      });
    }
  },
);
parentPort!.postMessage({ ready: true });
