import type { SqlDb, SqlTx } from '@app/kernel';
import type { StoredEvent } from '@app/event-store';
import { caseStreamOf } from '@app/cases';
import { CASE_DATA_DESTROYED, type CaseDataDestroyedData } from '@app/workflow';

export const RETENTION = 'retention';

/** The events that end a case: the retention term counts from the last of them. */
const ENDINGS = new Set(['RequestDeclined', 'CaseWithdrawn', 'CaseClosed']);

/**
 * The retention read model: one row per case that ended (closed, declined or withdrawn), with when,
 * and when retention destroyed its data. Ids and times only. Rebuilt from the log like every projection.
 */
export async function createRetentionSchema(db: SqlDb): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_retention (
    case_id TEXT PRIMARY KEY,
    ended_at TEXT NOT NULL,
    destroyed_at TEXT
  )`);
  await db.run('CREATE INDEX IF NOT EXISTS tafel_retention_ended ON tafel_retention (ended_at)');
}

export async function clearRetention(tx: SqlTx): Promise<void> {
  await tx.run('DELETE FROM tafel_retention');
}

/** UTC, with milliseconds: the one form the table holds, so times compare as text. */
const utc = (at: string): string => new Date(at).toISOString();

/** The projection: an ending sets `ended_at`, `CaseDataDestroyed` sets `destroyed_at` (the first one stays). */
export async function projectRetention(events: StoredEvent[], tx: SqlTx): Promise<void> {
  for (const event of events) {
    if (event.type === CASE_DATA_DESTROYED) {
      const { caseId, endedAt, at } = event.data as CaseDataDestroyedData;
      await tx.run(
        `INSERT INTO tafel_retention (case_id, ended_at, destroyed_at) VALUES (?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET
           destroyed_at = COALESCE(tafel_retention.destroyed_at, excluded.destroyed_at)`,
        [caseId, utc(endedAt), utc(at)],
      );
      continue;
    }
    if (!ENDINGS.has(event.type)) continue;
    const owner = caseStreamOf(event.stream);
    if (owner?.kind !== 'case') continue;
    const { at } = event.data as { at: string };
    await tx.run(
      `INSERT INTO tafel_retention (case_id, ended_at) VALUES (?, ?)
       ON CONFLICT (case_id) DO UPDATE SET ended_at = excluded.ended_at
       WHERE tafel_retention.destroyed_at IS NULL`,
      [owner.caseId, utc(at)],
    );
  }
}
