import { stableJson, type SqlTx } from '@app/kernel';
import type { StoredEvent } from '@app/event-store';
import { caseStreamOf, isDomainEvent } from '@app/cases';
import {
  CASE_DATA_DESTROYED,
  PERSON_ERASED,
  erasePerson,
  destroyedCase,
  evolve,
  upcast,
  type CaseState,
  type CaseDataDestroyedData,
  type PersonErasedData,
} from '@app/workflow';
import { isMessageEvent, type MessageFailedData, type MessageSentData } from '../policy/message-events';
import { planMessages } from '../policy/message-policy';
import type { NotificationSettings } from '../policy/message.types';

export const MESSAGE_SCHEDULE = 'message-schedule';

interface CaseBatch {
  state?: CaseState;
  revision: number;
  dirty: boolean;
  replan: boolean;
  /** Retention destroyed the case's data (in this batch): what is still due for it is dropped. */
  destroyed?: boolean;
  outcomes: StoredEvent[];
}

async function loadCase(tx: SqlTx, caseId: string): Promise<CaseBatch> {
  const rows = await tx.all<{ state_json: string; revision: number }>(
    'SELECT state_json, revision FROM tafel_message_cases WHERE case_id = ?',
    [caseId],
  );
  return rows[0]
    ? {
        state: JSON.parse(rows[0].state_json),
        revision: Number(rows[0].revision),
        dirty: false,
        replan: false,
        outcomes: [],
      }
    : { revision: -1, dirty: false, replan: false, outcomes: [] };
}

async function recordOutcome(tx: SqlTx, caseId: string, event: StoredEvent): Promise<void> {
  const data = event.data as MessageSentData | MessageFailedData;
  const status = event.type === 'MessageSent' ? 'sent' : 'failed';
  await tx.run(
    `INSERT INTO tafel_messages (message_key, case_id, kind, participant_id, due_at, status, attempts, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (message_key) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
       claimed_by = NULL, lease_until = NULL`,
    [event.eventId, caseId, data.kind, data.participantId, data.dueAt, status, data.attempts, data.dueAt],
  );
}

/** Inserts what the case calls for now; deletes what is no longer called for and was not sent. */
async function replan(tx: SqlTx, caseId: string, state: CaseState, settings: NotificationSettings) {
  const plan = planMessages(state, settings).filter((m) => m.reachBy === 'email');
  const wanted = new Set(plan.map((m) => m.key));
  const rows = await tx.all<{ message_key: string; status: string }>(
    'SELECT message_key, status FROM tafel_messages WHERE case_id = ?',
    [caseId],
  );
  const have = new Set(rows.map((r) => r.message_key));
  for (const r of rows)
    if (r.status === 'due' && !wanted.has(r.message_key))
      await tx.run(`DELETE FROM tafel_messages WHERE message_key = ? AND status = 'due'`, [r.message_key]);
  for (const m of plan) {
    if (have.has(m.key)) continue;
    await tx.run(
      `INSERT INTO tafel_messages (message_key, case_id, kind, participant_id, due_at, status, attempts, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, 'due', 0, ?) ON CONFLICT (message_key) DO NOTHING`,
      [m.key, caseId, m.kind, m.participantId, m.dueAt, m.dueAt],
    );
  }
}

/**
 * The projection: keeps, per case, every message the policy calls for, and marks the ones whose
 * outcome is recorded. A batch folds each case once; events it saw before are skipped.
 */
export function messageScheduleProjection(settings: NotificationSettings) {
  return async (events: StoredEvent[], tx: SqlTx): Promise<void> => {
    const cases = new Map<string, CaseBatch>();
    const batchOf = async (caseId: string) => {
      let batch = cases.get(caseId);
      if (!batch) cases.set(caseId, (batch = await loadCase(tx, caseId)));
      return batch;
    };
    for (const event of events) {
      if (event.type === PERSON_ERASED) {
        // No address any more: the replan drops what was still due for them.
        const { personId, caseIds } = event.data as PersonErasedData;
        for (const caseId of caseIds) {
          const batch = await batchOf(caseId);
          if (!batch.state) continue;
          batch.state = erasePerson(batch.state, personId);
          batch.replan = batch.dirty = true;
        }
        continue;
      }
      if (event.type === CASE_DATA_DESTROYED) {
        // Retention: nothing more goes out for the case, and its fold keeps no sealed value.
        const { caseId } = event.data as CaseDataDestroyedData;
        const batch = await batchOf(caseId);
        batch.destroyed = batch.dirty = true;
        if (batch.state) batch.state = destroyedCase(batch.state);
        continue;
      }
      const owner = caseStreamOf(event.stream);
      const domain = owner?.kind === 'case' && isDomainEvent(event);
      const outcome = owner?.kind === 'messages' && isMessageEvent(event);
      if (!owner || (!domain && !outcome)) continue;
      const batch = await batchOf(owner.caseId);
      if (outcome) {
        batch.outcomes.push(event); // recording an outcome again changes nothing
      } else {
        if (event.revision <= batch.revision) continue;
        batch.revision = event.revision;
        batch.state = evolve(batch.state, upcast(event.type, event.schemaVersion, event.data));
        batch.replan = true;
      }
      batch.dirty = true;
    }
    for (const [caseId, batch] of cases) {
      if (!batch.dirty || !batch.state) continue;
      for (const outcome of batch.outcomes) await recordOutcome(tx, caseId, outcome);
      if (batch.destroyed)
        await tx.run(`DELETE FROM tafel_messages WHERE case_id = ? AND status = 'due'`, [caseId]);
      else if (batch.replan) await replan(tx, caseId, batch.state, settings);
      await tx.run(
        `INSERT INTO tafel_message_cases (case_id, revision, state_json) VALUES (?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET revision = excluded.revision, state_json = excluded.state_json`,
        [caseId, batch.revision, stableJson(batch.state)],
      );
    }
  };
}
