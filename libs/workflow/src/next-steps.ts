import { exampleCommand } from './example-commands';
import { propose, type CaseCommand } from './propose';
import { stepRulesOf, type StepRule } from './rule-table';
import { holds, rulesOf, snapshotOf, type CaseSnapshot } from './snapshot';
import type { CaseStep } from './steps';
import { STEPS, type CaseState, type Step } from './types';

/** Steps on an existing case, in API order. */
export const CASE_STEPS = STEPS.filter((s): s is CaseStep => s !== 'request');

const REFERENCE_TIME = new Date(Date.UTC(2000, 0, 1));

/** A moment no earlier than the times the rules compare a step with (scheduled, distributed). */
export function referenceTime(state: CaseState): Date {
  const times = [state.schedule?.scheduledAt, state.distribution?.distributedAt]
    .filter((t): t is string => t !== undefined)
    .map((t) => Date.parse(t));
  return new Date(Math.max(REFERENCE_TIME.getTime(), ...times));
}

/** A step that a state of the machine has a transition for, with the rules its guard checks, in order. */
interface Candidate {
  readonly step: CaseStep;
  readonly rules: readonly StepRule[];
}

type Machine = CaseSnapshot['machine'];

/**
 * Per machine, for each of its states: the steps it has a transition for, in API order, each with the
 * rules of its guard. That much the machine's definition alone says, so it is worked out once per
 * machine (per workflow version), and a case is asked only about the steps its state has.
 */
const candidateTables = new WeakMap<Machine, ReadonlyMap<string, readonly Candidate[]>>();

function candidatesOf(snapshot: CaseSnapshot): readonly Candidate[] {
  let table = candidateTables.get(snapshot.machine);
  if (table === undefined) {
    const rules = rulesOf(snapshot);
    table = new Map(
      Object.entries(snapshot.machine.root.states).map(([value, node]) => [
        value,
        CASE_STEPS.filter((step) => node.transitions.has(step)).map((step) => ({
          step,
          rules: stepRulesOf(rules, step),
        })),
      ]),
    );
    candidateTables.set(snapshot.machine, table);
  }
  return table.get(snapshot.value) ?? [];
}

/**
 * The steps that can be taken now: exactly those for which *some* command would be accepted.
 *
 * Derived from the machine: of the steps the current state has a transition for, those whose guard
 * (every rule of the step, as the machine checks them) holds for an {@link exampleCommand} that
 * satisfies every rule about the command's content. So a step is missing when the state forbids it
 * (wrong state, finished case, no coordinator, fewer than two accepted, nobody invited to answer...),
 * and a listed step can still be refused for what a command says (a blank reason, an attendee who was
 * not invited). Time rules compare against the step's own time (taken no earlier than the case's own
 * schedule and distribution times), so the answer does not depend on the clock. An unknown case
 * (`undefined`) allows only `request`. The same answer as asking `snapshot.can(...)` of every step
 * (see `testing/next-steps-by-trial.ts`), without trying the steps the state has no transition for.
 */
export function nextSteps(state: CaseState | undefined): Step[] {
  return state === undefined ? ['request'] : stepsAllowed(state, snapshotOf(state));
}

/** {@link nextSteps} of a case whose snapshot is at hand (`decide` refusing), not resolving it again. */
export function stepsAllowed(state: CaseState, snapshot: CaseSnapshot): Step[] {
  if (snapshot.status === 'done') return [];
  const reference = referenceTime(state);
  const at = reference.toISOString();
  const allowed: Step[] = [];
  for (const { step, rules } of candidatesOf(snapshot)) {
    const event = propose(state, exampleCommand(state, step, reference) as CaseCommand, at);
    if (rules.every((rule) => holds(snapshot, rule, event))) allowed.push(step);
  }
  return allowed;
}
