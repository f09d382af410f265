import type { CaseState, Step } from '@app/workflow';
import { forbidden } from '../errors';
import type { Actor, Role } from './actor';

const COORDINATOR_STEPS: readonly Step[] = [
  'revise-questions',
  'invite-participant',
  'correct-participant',
  'remove-participant',
  'record-preparation',
  'record-answer',
  'schedule-conference',
  'adjourn-conference',
  'hold-conference',
  'record-plan',
  'record-no-plan',
  'distribute-plan',
];
const RESEARCHER_STEPS: readonly Step[] = ['contact-follow-up', 'request-follow-up-conference'];

/** API.md "Who may do what", as data. */
const STEPS_BY_ROLE: Record<Role, (step: Step) => boolean> = {
  admin: () => true,
  'region-manager': () => true,
  coordinator: (step) => COORDINATOR_STEPS.includes(step),
  researcher: (step) => RESEARCHER_STEPS.includes(step),
  auditor: () => false,
  participant: (step) => step === 'record-answer',
};

const NOT_YOURS = 'This case is not assigned to you.';

function assignedElsewhere(actor: Actor, state: CaseState): boolean {
  return actor.role === 'coordinator' && state.coordinator?.coordinatorId !== actor.id;
}

/**
 * A participant answers for themselves only: every participant the step names (its target's and its
 * command's) is the actor, and the actor is a participant of this very case.
 */
function notThemselves(
  actor: Actor,
  state: CaseState | undefined,
  participantIds: readonly string[],
): boolean {
  if (actor.role !== 'participant') return false;
  if (participantIds.length === 0 || participantIds.some((id) => id !== actor.id)) return true;
  return !state?.participants.some((p) => p.participantId === actor.id);
}

/**
 * Why the actor may not take this step on this case, or `undefined` when they may.
 * `participantIds`: the participants the step acts on (the path's and the command's).
 */
export function stepDenial(
  actor: Actor,
  step: Step,
  state: CaseState | undefined,
  participantIds: readonly string[] = [],
): string | undefined {
  if (!STEPS_BY_ROLE[actor.role](step)) return `The role ${actor.role} may not take the step ${step}.`;
  if (state && assignedElsewhere(actor, state)) return NOT_YOURS;
  if (notThemselves(actor, state, participantIds)) return 'A participant may answer only for themselves.';
  return undefined;
}

const NO_READS = 'A participant reads nothing through the API.';

/** @throws TafelError (forbidden) when the actor may not read this case. */
export function assertMayRead(actor: Actor, state: CaseState): void {
  if (actor.role === 'participant') throw forbidden(NO_READS);
  if (assignedElsewhere(actor, state)) throw forbidden(NOT_YOURS);
}

/** The coordinator filter a case list must apply for this actor, if any. @throws for a participant. */
export function listScope(actor: Actor): { coordinatorId?: string } {
  if (actor.role === 'participant') throw forbidden(NO_READS);
  return actor.role === 'coordinator' ? { coordinatorId: actor.id } : {};
}
