import { stableJson, type SqlTx } from '@app/kernel';
import {
  CASE_DATA_DESTROYED,
  PERSON_ERASED,
  erasePerson,
  destroyedCase,
  evolve,
  type CaseDataDestroyedData,
  type CaseState,
  type PersonErasedData,
} from '@app/workflow';
import type { StoredEvent } from '@app/event-store';
import { CaseRows } from './case-rows';

export const CASE_LIST = 'case-list';

const UPSERT = `INSERT INTO tafel_case_list
    (id, created_position, reference, kind, state, region, coordinator_id, revision, requested_at, updated_at, state_json)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET state = excluded.state, coordinator_id = excluded.coordinator_id,
    revision = excluded.revision, updated_at = excluded.updated_at, state_json = excluded.state_json`;

/**
 * Keeps one row per case, with the folded case beside the columns the list filters on. A batch
 * reads and writes each case once, however many of its events the batch holds.
 */
export async function projectCaseList(events: StoredEvent[], tx: SqlTx): Promise<void> {
  const rows = new CaseRows<CaseState>(
    tx,
    'SELECT state_json AS json, created_position, revision, updated_at FROM tafel_case_list WHERE id = ?',
  );
  for (const event of events) {
    if (event.type === PERSON_ERASED) {
      // The person's key is gone: the rows that hold their data read as erased from now on.
      const { personId, caseIds } = event.data as PersonErasedData;
      for (const caseId of caseIds) await rows.change(caseId, (state) => erasePerson(state, personId));
    } else if (event.type === CASE_DATA_DESTROYED) {
      // Retention destroyed the case's keys: whatever they sealed in the row reads as erased.
      await rows.change((event.data as CaseDataDestroyedData).caseId, destroyedCase);
    } else await rows.apply(event, evolve);
  }
  for (const [caseId, row] of rows.changed()) {
    const state = row.value;
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
      // Canonical: a fold keeps keys a step once set to undefined, a fold read back from JSON does not.
      stableJson(state),
    ]);
  }
}
