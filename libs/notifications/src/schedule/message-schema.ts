import type { SqlDb, SqlTx } from '@app/kernel';
import { rebuildBefore } from '@app/cases';
import { MESSAGE_SCHEDULE } from './message-schedule.projection';

/**
 * The message schedule in the read database: one row per planned message (`due` until an outcome
 * is recorded, then `sent` or `failed`), with the dispatcher's retry state and claim; and the case
 * folds the projection plans from. Rebuilt from the log like every projection.
 */
export async function createMessageSchema(db: SqlDb): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_message_cases (
    case_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    state_json TEXT NOT NULL
  )`);
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_messages (
    message_key TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    due_at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    claimed_by TEXT,
    lease_until TEXT
  )`);
  await db.run(`CREATE INDEX IF NOT EXISTS tafel_messages_next ON tafel_messages (status, next_attempt_at)`);
  await db.run(`CREATE INDEX IF NOT EXISTS tafel_messages_case ON tafel_messages (case_id)`);
  // Format 2: the case folds are of the events as stored (sealed); format 1 held opened values.
  await rebuildBefore(db, MESSAGE_SCHEDULE, 2, clearMessageSchedule);
}

export async function clearMessageSchedule(tx: SqlTx): Promise<void> {
  await tx.run('DELETE FROM tafel_messages');
  await tx.run('DELETE FROM tafel_message_cases');
}
