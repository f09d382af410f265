import type { SqlDb, SqlTx } from '@app/kernel';
import { flowColumnsDdl } from '../reports/flow-columns';

/** Tables of the read side. `case_list.state_json` is the folded case, so the list needs no replay. */
export async function createReadSchema(db: SqlDb): Promise<void> {
  const bigint = db.dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  await db.run(
    `CREATE TABLE IF NOT EXISTS tafel_checkpoints (name TEXT PRIMARY KEY, position ${bigint} NOT NULL)`,
  );
  // A subscriber that stands still at an event that failed every attempt (one per subscriber).
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_parked_events (name TEXT PRIMARY KEY,
    position ${bigint} NOT NULL, event_id TEXT NOT NULL, error TEXT NOT NULL, parked_at TEXT NOT NULL)`);
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
  // The flow report's rows: codes and milestone times only, never personal data (`FlowRow`), a
  // column each, so the report counts in SQL. The first table held them as JSON: it goes, with its
  // checkpoint, and the new one is built from the log.
  await db.run('DROP TABLE IF EXISTS tafel_flow');
  await db.run("DELETE FROM tafel_checkpoints WHERE name = 'flow'");
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_flow_cases (id TEXT PRIMARY KEY,
    ${flowColumnsDdl(bigint)})`);
  await db.run(`CREATE INDEX IF NOT EXISTS tafel_flow_cases_requested ON tafel_flow_cases (requested_at)`);
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
  // Format 2: the case list folds the events as stored (sealed). Rows of format 1 hold opened values.
  await rebuildBefore(db, 'case-list', 2, (tx) => tx.run('DELETE FROM tafel_case_list'));
}

/**
 * Empties a projection whose rows are of an older format than `format` (with its checkpoint, so the
 * subscriber builds it again from the log), once: the format it has is kept in `tafel_read_formats`.
 */
export async function rebuildBefore(
  db: SqlDb,
  name: string,
  format: number,
  reset: (tx: SqlTx) => Promise<unknown>,
): Promise<void> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS tafel_read_formats (name TEXT PRIMARY KEY, format INTEGER NOT NULL)',
  );
  await db.transaction(async (tx) => {
    const [row] = await tx.all<{ format: number }>('SELECT format FROM tafel_read_formats WHERE name = ?', [
      name,
    ]);
    if (row && Number(row.format) >= format) return;
    await reset(tx);
    await tx.run('DELETE FROM tafel_checkpoints WHERE name = ?', [name]);
    await tx.run(
      `INSERT INTO tafel_read_formats (name, format) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET format = excluded.format`,
      [name, format],
    );
  });
}
