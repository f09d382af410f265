import { upcast, evolve, type CaseState } from '@app/workflow';
import type { StoredEvent } from '@app/event-store';
import { isDomainEvent } from '../case-repository';
import type { SqlTx } from '../sql/sql-db';

export const CASE_LIST = 'case-list';

/** Keeps one row per case, with the folded case beside the columns the list filters on. */
export async function projectCaseList(event: StoredEvent, tx: SqlTx): Promise<void> {
  if (!isDomainEvent(event) || !event.stream.startsWith('case-')) return;
  const caseId = event.stream.slice('case-'.length);
  const rows = await tx.all<{ state_json: string }>('SELECT state_json FROM tafel_case_list WHERE id = ?', [
    caseId,
  ]);
  const before = rows[0] ? (JSON.parse(rows[0].state_json) as CaseState) : undefined;
  const state = evolve(before, upcast(event.type, event.schemaVersion, event.data));
  await tx.run(
    `INSERT INTO tafel_case_list
       (id, created_position, reference, kind, state, region, coordinator_id, revision, requested_at, updated_at, state_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, coordinator_id = excluded.coordinator_id,
       revision = excluded.revision, updated_at = excluded.updated_at, state_json = excluded.state_json`,
    [
      caseId,
      event.position,
      state.reference,
      state.kind,
      state.status,
      state.region,
      state.coordinator?.coordinatorId ?? null,
      event.revision,
      state.requestedAt,
      event.metadata.occurredAt,
      JSON.stringify(state),
    ],
  );
}
