/**
 * The writer thread: owns the store's write connection, so the fsync of each group commit blocks
 * this thread and not the one serving requests. Messages: `{ id, batch }` → `{ id, outcomes }` or
 * `{ id, failure }`; `{ close: true }` closes the connection and ends the thread.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { batchCommitter } from './sqlite-commit';
import type { WriterOptions } from './sqlite-writer-thread';

const options = workerData as WriterOptions;
const db = new Database(options.path);
// Per connection: this one writes, so this is the one whose deletes and updates must zero the old bytes.
db.pragma('secure_delete = ON');
db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
db.pragma(`synchronous = ${options.synchronous}`);
const commit = batchCommitter(db);

parentPort!.on(
  'message',
  (message: { id: number; batch: Parameters<typeof commit>[0] } | { close: true }) => {
    if ('close' in message) {
      db.close();
      parentPort!.close();
      return;
    }
    try {
      parentPort!.postMessage({ id: message.id, outcomes: commit(message.batch) });
    } catch (e) {
      parentPort!.postMessage({ id: message.id, failure: e instanceof Error ? e.message : String(e) });
    }
  },
);
parentPort!.postMessage({ ready: true });
