import { nextSteps, stepsAllowed } from './next-steps';
import { propose, requestEvent } from './propose';
import { stepRulesOf, type Rule } from './rule-table';
import { WORKFLOW_RULES } from './rules';
import { hasTransition, holds, rulesOf, snapshotOf, type CaseSnapshot } from './snapshot';
import type { StepEvent } from './steps';
import type { CaseState, Command, Decision, DomainEvent } from './types';
import { WORKFLOW_VERSION } from './workflow-registry';

const { STEP_NOT_ALLOWED, NOT_FOUND, ALREADY_EXISTS, FOLLOW_UP_OF_ITSELF } = WORKFLOW_RULES;

/** A refusal by `rule`; `snapshot`, when decide has resolved it, also answers the steps allowed now. */
function refuse(state: CaseState | undefined, { code, message }: Rule, snapshot?: CaseSnapshot): Decision {
  const currentState = state?.status ?? null;
  const sentence =
    code === STEP_NOT_ALLOWED.code && currentState !== null
      ? `This step is not allowed while the case is ${currentState}.`
      : message;
  const steps =
    state !== undefined && snapshot !== undefined ? stepsAllowed(state, snapshot) : nextSteps(state);
  return { ok: false, refusal: { rule: code, currentState, nextSteps: steps, message: sentence } };
}

/**
 * Why the machine did not take the step. With no transition for it in this state, the first
 * failing *state* rule of the step says what has to happen first (e.g. `CONFERENCE.NOT_SCHEDULED`),
 * else `CASE.STEP_NOT_ALLOWED`; a finished case always says `CASE.STEP_NOT_ALLOWED`. With a
 * transition, the first of its guards that fails.
 */
function explain(snapshot: CaseSnapshot, event: StepEvent): Rule {
  if (snapshot.status === 'done') return STEP_NOT_ALLOWED;
  const allowedHere = hasTransition(snapshot, event.type);
  const rules = stepRulesOf(rulesOf(snapshot), event.type).filter((r) => allowedHere || r.scope === 'state');
  return rules.find((r) => !holds(snapshot, r, event)) ?? STEP_NOT_ALLOWED;
}

/**
 * Decides a command against the case as it is (`undefined`: no such case yet), at `now`: the
 * command becomes a proposed event, and the case's machine (restored from the folded state) judges
 * it as a step.
 * Accepted: the events to append (each with `at: now`). Refused: the rule, the current state and
 * the steps allowed now; nothing is appended. The case's own workflow version decides.
 * @throws Error when the case's workflow version is unknown.
 */
export function decide(state: CaseState | undefined, command: Command, now: Date): Decision {
  const at = now.toISOString();
  if (command.type === 'RequestConference') {
    if (state !== undefined) return refuse(state, ALREADY_EXISTS);
    if (command.followUpOf === command.caseId) return refuse(state, FOLLOW_UP_OF_ITSELF);
    return { ok: true, events: [requestEvent(command, at, WORKFLOW_VERSION)] };
  }
  if (state === undefined) return refuse(state, NOT_FOUND);
  const snapshot = snapshotOf(state);
  const proposal = propose(state, command, at);
  // The machine's own verdict: a transition of the current state for the step whose guards hold.
  // `can` evaluates just that; `transition()` would say the same but first builds an actor for the
  // machine, most of a decide's time, to compute a next snapshot that is never used (the accepted
  // event is the proposal itself).
  if (!snapshot.can(proposal)) return refuse(state, explain(snapshot, proposal), snapshot);
  return { ok: true, events: [proposal.event as DomainEvent] };
}
