import { propose, type CaseCommand } from './propose';
import { snapshotOf } from './snapshot';
import type { CaseStep } from './steps';
import { exampleCommand } from './example-commands';
import { STEPS, type CaseState, type Step } from './types';

/** Steps on an existing case, in API order. */
export const CASE_STEPS = STEPS.filter((s): s is CaseStep => s !== 'request');

const REFERENCE_TIME = new Date(Date.UTC(2000, 0, 1));

/** A moment no earlier than the times the rules compare a step with (scheduled, distributed). */
function referenceTime(state: CaseState): Date {
  const times = [state.schedule?.scheduledAt, state.distribution?.distributedAt]
    .filter((t): t is string => t !== undefined)
    .map((t) => Date.parse(t));
  return new Date(Math.max(REFERENCE_TIME.getTime(), ...times));
}

/**
 * The steps that can be taken now: exactly those for which *some* command would be accepted.
 *
 * Derived from the machine: for each step it builds an {@link exampleCommand} that satisfies every
 * rule about the command's content and asks `snapshot.can(...)`. So a step is missing when the
 * state forbids it (wrong state, finished case, no coordinator, fewer than two accepted, nobody
 * invited to answer...), and a listed step can still be refused for what a command says (a blank
 * reason, an attendee who was not invited). Time rules compare against the step's own time (taken
 * no earlier than the case's own schedule and distribution times), so the answer does not depend on
 * the clock. An unknown case (`undefined`) allows only `request`.
 */
export function nextSteps(state: CaseState | undefined): Step[] {
  if (state === undefined) return ['request'];
  const snapshot = snapshotOf(state);
  if (snapshot.status === 'done') return [];
  const reference = referenceTime(state);
  const at = reference.toISOString();
  return CASE_STEPS.filter((step) =>
    snapshot.can(propose(state, exampleCommand(state, step, reference) as CaseCommand, at)),
  );
}
