import { stableJson, type SqlTx } from '@app/kernel';
import {
  PERSON_ERASED,
  erasePerson,
  upcast,
  evolve,
  type CaseState,
  type PersonErasedData,
} from '@app/workflow';
import type { StoredEvent } from '@app/event-store';
import { isDomainEvent } from '../case-repository';

export const CASE_LIST = 'case-list';

const UPSERT = `INSERT INTO tafel_case_list
    (id, created_position, reference, kind, state, region, coordinator_id, revision, requested_at, updated_at, state_json)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET state = excluded.state, coordinator_id = excluded.coordinator_id,
    revision = excluded.revision, updated_at = excluded.updated_at, state_json = excluded.state_json`;

interface Row {
  state: CaseState;
  createdPosition: number;
  revision: number;
  updatedAt: string;
  dirty: boolean;
}

/**
 * Keeps one row per case, with the folded case beside the columns the list filters on. A batch
 * reads and writes each case once, however many of its events the batch holds.
 */
export async function projectCaseList(events: StoredEvent[], tx: SqlTx): Promise<void> {
  const rows = new Map<string, Row | undefined>();
  const load = async (caseId: string) => {
    if (rows.has(caseId)) return rows.get(caseId);
    const found = await tx.all<{
      state_json: string;
      created_position: number;
      revision: number;
      updated_at: string;
    }>('SELECT state_json, created_position, revision, updated_at FROM tafel_case_list WHERE id = ?', [
      caseId,
    ]);
    const row = found[0] && {
      state: JSON.parse(found[0].state_json) as CaseState,
      createdPosition: Number(found[0].created_position),
      revision: Number(found[0].revision),
      updatedAt: found[0].updated_at,
      dirty: false,
    };
    rows.set(caseId, row);
    return row;
  };
  for (const event of events) {
    if (event.type === PERSON_ERASED) {
      // The person's key is gone: the rows that hold their data read as erased from now on.
      const { personId, caseIds } = event.data as PersonErasedData;
      for (const caseId of caseIds) {
        const row = await load(caseId);
        if (row) rows.set(caseId, { ...row, state: erasePerson(row.state, personId), dirty: true });
      }
      continue;
    }
    if (!isDomainEvent(event) || !event.stream.startsWith('case-')) continue;
    const caseId = event.stream.slice('case-'.length);
    const before = await load(caseId);
    if (before && event.revision <= before.revision) continue; // delivered again: already applied
    rows.set(caseId, {
      dirty: true,
      state: evolve(before?.state, upcast(event.type, event.schemaVersion, event.data)),
      createdPosition: before?.createdPosition ?? event.position,
      revision: event.revision,
      updatedAt: event.metadata.occurredAt,
    });
  }
  for (const [caseId, row] of rows) {
    if (!row?.dirty) continue;
    const { state } = row;
    await tx.run(UPSERT, [
      caseId,
      row.createdPosition,
      state.reference,
      state.kind,
      state.status,
      state.region,
      state.coordinator?.coordinatorId ?? null,
      row.revision,
      state.requestedAt,
      row.updatedAt,
      stableJson(state),
    ]);
  }
}
