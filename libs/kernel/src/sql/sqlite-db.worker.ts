/**
 * A thread of a SQLite database (`SqliteDb` with `commitOnThread`) with a connection of its own: the
 * writer's `commit`s, so their fsyncs block this thread and not the one serving requests, or the
 * reader's queries, so no read blocks it either. Messages: `{ id, statements, guard? }` → `{ id }`;
 * `{ id, query }` → `{ id, rows }`; either → `{ id, failure, code?, guardFailed? }` when it fails;
 * `{ close: true }` closes the connection and ends the thread.
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
  (
    message:
      | { id: number; statements: SqlStatement[]; guard?: SqlGuard }
      | { id: number; query: SqlStatement }
      | { close: true },
  ) => {
    if ('close' in message) {
      db.close();
      parentPort!.close();
      return;
    }
    try {
      if ('query' in message)
        parentPort!.postMessage({
          id: message.id,
          rows: prepared(message.query.sql).all(...message.query.params),
        });
      else {
        commit.immediate(message.statements, message.guard);
        parentPort!.postMessage({ id: message.id });
      }
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
