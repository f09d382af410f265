import type { StepOutcomeLabel } from '@app/kernel';
import type { CaseState, EventType, Refusal } from '@app/workflow';

/**
 * Why a step was not taken: a final answer, kept for a retry with the same Idempotency-Key. Only
 * codes, ids, revisions and states: no personal data.
 */
export type StepRefusal =
  | ({ kind: 'rule' } & Refusal)
  | { kind: 'case-not-found'; caseId: string }
  | { kind: 'participant-not-found'; participantId: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'stale'; expected: number; current: number }
  | { kind: 'key-reused' };

export interface StepTaken {
  ok: true;
  /** The case after the step: for `request-follow-up-conference`, the new case. */
  state: CaseState;
  revision: number;
  /** The event types this command appended, on every stream it touched. */
  appended: EventType[];
  /** The ids of the events it appended to the case's stream. */
  eventIds: string[];
  /** The participant `invite-participant` created. */
  participantId?: string;
}

export type StepOutcome = StepTaken | { ok: false; refusal: StepRefusal };

export const refused = (refusal: StepRefusal): StepOutcome => ({ ok: false, refusal });

/** How `tafel_steps_total` labels an outcome (a thrown outage is `error`). */
export function outcomeLabel(outcome: StepOutcome): StepOutcomeLabel {
  if (outcome.ok) return 'ok';
  switch (outcome.refusal.kind) {
    case 'rule':
      return 'refused-rule';
    case 'forbidden':
      return 'refused-forbidden';
    case 'case-not-found':
    case 'participant-not-found':
      return 'not-found';
    case 'stale':
      return 'stale';
    case 'key-reused':
      return 'key-reused';
  }
}
