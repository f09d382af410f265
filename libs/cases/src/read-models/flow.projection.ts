import { stableJson, type SqlTx } from '@app/kernel';
import type { StoredEvent } from '@app/event-store';
import { evolveFlowRow, type FlowRow } from '../reports/flow-row';
import { CaseRows } from './case-rows';

export const FLOW = 'flow';

const UPSERT = `INSERT INTO tafel_flow (id, created_position, revision, requested_at, region, kind, row_json)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, row_json = excluded.row_json`;

/** Keeps one `FlowRow` per case; a batch reads and writes each case once. */
export async function projectFlow(events: StoredEvent[], tx: SqlTx): Promise<void> {
  const rows = new CaseRows<FlowRow>(
    tx,
    'SELECT row_json AS json, created_position, revision, requested_at AS updated_at FROM tafel_flow WHERE id = ?',
  );
  for (const event of events) await rows.apply(event, evolveFlowRow);
  for (const [caseId, { value: row, createdPosition, revision }] of rows.changed()) {
    await tx.run(UPSERT, [
      caseId,
      createdPosition,
      revision,
      row.requestedAt,
      row.region,
      row.kind,
      stableJson(row),
    ]);
  }
}

/** Deletes the rows, so the log can build them again. */
export const resetFlow = (tx: SqlTx) => tx.run('DELETE FROM tafel_flow');
