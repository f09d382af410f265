import type { SqlTx } from '@app/kernel';
import { stableJson } from '@app/kernel';
import { upcast } from '@app/workflow';
import type { StoredEvent } from '@app/event-store';
import { isDomainEvent } from '../case-repository';
import { evolveFlowRow, type FlowRow } from '../reports/flow-row';

export const FLOW = 'flow';

const UPSERT = `INSERT INTO tafel_flow (id, created_position, revision, requested_at, region, kind, row_json)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, row_json = excluded.row_json`;

interface Entry {
  row: FlowRow;
  createdPosition: number;
  revision: number;
  dirty: boolean;
}

/** Keeps one `FlowRow` per case; a batch reads and writes each case once. */
export async function projectFlow(events: StoredEvent[], tx: SqlTx): Promise<void> {
  const entries = new Map<string, Entry | undefined>();
  const load = async (caseId: string) => {
    if (entries.has(caseId)) return entries.get(caseId);
    const found = await tx.all<{ row_json: string; created_position: number; revision: number }>(
      'SELECT row_json, created_position, revision FROM tafel_flow WHERE id = ?',
      [caseId],
    );
    const entry = found[0] && {
      row: JSON.parse(found[0].row_json) as FlowRow,
      createdPosition: Number(found[0].created_position),
      revision: Number(found[0].revision),
      dirty: false,
    };
    entries.set(caseId, entry);
    return entry;
  };
  for (const event of events) {
    if (!isDomainEvent(event) || !event.stream.startsWith('case-')) continue;
    const caseId = event.stream.slice('case-'.length);
    const before = await load(caseId);
    if (before && event.revision <= before.revision) continue; // delivered again: already applied
    const row = evolveFlowRow(before?.row, upcast(event.type, event.schemaVersion, event.data));
    if (!row) continue;
    entries.set(caseId, {
      row,
      createdPosition: before?.createdPosition ?? event.position,
      revision: event.revision,
      dirty: true,
    });
  }
  for (const [caseId, entry] of entries) {
    if (!entry?.dirty) continue;
    const { row } = entry;
    await tx.run(UPSERT, [
      caseId,
      entry.createdPosition,
      entry.revision,
      row.requestedAt,
      row.region,
      row.kind,
      stableJson(row),
    ]);
  }
}

/** Deletes the rows, so the log can build them again. */
export const resetFlow = (tx: SqlTx) => tx.run('DELETE FROM tafel_flow');
