import type { SqlDb } from '@app/kernel';

/** Tables of the read side. `case_list.state_json` is the folded case, so the list needs no replay. */
export async function createReadSchema(db: SqlDb): Promise<void> {
  const bigint = db.dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  await db.run(
    `CREATE TABLE IF NOT EXISTS tafel_checkpoints (name TEXT PRIMARY KEY, position ${bigint} NOT NULL)`,
  );
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_case_list (
    id TEXT PRIMARY KEY,
    created_position ${bigint} NOT NULL,
    reference TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    region TEXT NOT NULL,
    coordinator_id TEXT,
    revision INTEGER NOT NULL,
    requested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    state_json TEXT NOT NULL
  )`);
  await db.run(`CREATE INDEX IF NOT EXISTS tafel_case_list_created ON tafel_case_list (created_position)`);
  // The flow report's rows: codes and milestone times only, never personal data (`FlowRow`).
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_flow (id TEXT PRIMARY KEY,
    created_position ${bigint} NOT NULL, revision INTEGER NOT NULL, requested_at TEXT NOT NULL,
    region TEXT NOT NULL, kind TEXT NOT NULL, row_json TEXT NOT NULL)`);
  await db.run(`CREATE INDEX IF NOT EXISTS tafel_flow_requested ON tafel_flow (requested_at)`);
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_step_outcomes (
    actor_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    command_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (actor_id, idem_key)
  )`);
  // The table before it held whole answers, personal data included: it goes.
  await db.run('DROP TABLE IF EXISTS tafel_idempotency');
}
