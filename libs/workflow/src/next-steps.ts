import { propose, type CaseCommand } from './propose';
import { snapshotOf } from './snapshot';
import type { CaseStep } from './steps';
import { exampleCommand } from './example-commands';
import { STEPS, type CaseState, type Step } from './types';

/** Steps on an existing case, in API order. */
export const CASE_STEPS = STEPS.filter((s): s is CaseStep => s !== 'request');

const REFERENCE_TIME = new Date(Date.UTC(2000, 0, 1));

/**
 * The steps that can be taken now: exactly those for which *some* command would be accepted.
 *
 * Derived from the machine: for each step it builds an {@link exampleCommand} that satisfies every
 * rule about the command's content and asks `snapshot.can(...)`. So a step is missing when the
 * state forbids it (wrong state, finished case, no coordinator, fewer than two accepted, nobody
 * invited to answer...), and a listed step can still be refused for what a command says (a blank
 * reason, an attendee who was not invited). Time rules compare against the step's own time, so the
 * answer does not depend on the clock. An unknown case (`undefined`) allows only `request`.
 */
export function nextSteps(state: CaseState | undefined): Step[] {
  if (state === undefined) return ['request'];
  const snapshot = snapshotOf(state);
  if (snapshot.status === 'done') return [];
  const at = REFERENCE_TIME.toISOString();
  return CASE_STEPS.filter((step) =>
    snapshot.can(propose(state, exampleCommand(state, step, REFERENCE_TIME) as CaseCommand, at)),
  );
}
