import { STEPS, type CaseState, type Step } from '@app/workflow';
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

/** The steps a role may take at all (whether a case allows one now is its `nextSteps`). */
export const stepsOf = (role: Role): Step[] => STEPS.filter((step) => STEPS_BY_ROLE[role](step));

const NOT_YOURS = 'This case is not assigned to you.';

function assignedElsewhere(actor: Actor, state: CaseState): boolean {
  return actor.role === 'coordinator' && state.coordinator?.coordinatorId !== actor.id;
}

const OTHER_REGION = 'This case is in a region outside yours.';

/**
 * The regions the actor is limited to, or `undefined` for every region: a region manager's `regions`;
 * any other role's are ignored.
 */
export function regionsOf(actor: Actor): readonly string[] | undefined {
  return actor.role === 'region-manager' ? actor.regions : undefined;
}

/** True when a region manager with `regions` acts on a case (or asks for a new one) elsewhere. */
function inOtherRegion(actor: Actor, region: string | undefined): boolean {
  const regions = regionsOf(actor);
  return regions !== undefined && (region === undefined || !regions.includes(region));
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
 * `requestedRegion`: for `request` (no case yet), the region the new case would be in.
 */
export function stepDenial(
  actor: Actor,
  step: Step,
  state: CaseState | undefined,
  participantIds: readonly string[] = [],
  requestedRegion?: string,
): string | undefined {
  if (!STEPS_BY_ROLE[actor.role](step)) return `The role ${actor.role} may not take the step ${step}.`;
  if (state && assignedElsewhere(actor, state)) return NOT_YOURS;
  if (inOtherRegion(actor, state ? state.region : requestedRegion)) return OTHER_REGION;
  if (notThemselves(actor, state, participantIds)) return 'A participant may answer only for themselves.';
  return undefined;
}

/** @throws TafelError (forbidden) unless the actor is an auditor or an admin: `Only auditors and admins <what>.` */
export function assertAuditOnly(actor: Actor, what: string): void {
  if (actor.role !== 'auditor' && actor.role !== 'admin')
    throw forbidden(`Only auditors and admins ${what}.`);
}

const NO_READS = 'A participant reads nothing through the API.';

/** @throws TafelError (forbidden) when the actor may not read this case. */
export function assertMayRead(actor: Actor, state: CaseState): void {
  if (actor.role === 'participant') throw forbidden(NO_READS);
  if (assignedElsewhere(actor, state)) throw forbidden(NOT_YOURS);
  if (inOtherRegion(actor, state.region)) throw forbidden(OTHER_REGION);
}

/** Which cases a list or report may show this actor: `regions` absent means every region. */
export interface ReadScope {
  coordinatorId?: string;
  regions?: readonly string[];
}

/** The filter a case list must apply for this actor (coordinator, regions). @throws for a participant. */
export function listScope(actor: Actor): ReadScope {
  if (actor.role === 'participant') throw forbidden(NO_READS);
  if (actor.role === 'coordinator') return { coordinatorId: actor.id };
  const regions = regionsOf(actor);
  return regions ? { regions } : {};
}

/**
 * The regions a report may cover for this actor, or `undefined` for all. A report asked for one
 * region outside a region manager's is refused rather than answered with nothing: an empty report
 * would read as "no cases there".
 * @throws TafelError (forbidden) for a `region` outside the actor's regions.
 */
export function reportRegions(actor: Actor, region: string | undefined): readonly string[] | undefined {
  const regions = regionsOf(actor);
  if (regions && region !== undefined && !regions.includes(region)) {
    throw forbidden(`The region ${region} is outside yours.`);
  }
  return regions;
}
