import type { SnapshotFrom } from 'xstate';
import type { GuardArgs, RuleTable, StepRule } from './rule-table';
import type { StepEvent } from './steps';
import type { CaseState } from './types';
import { machineFor, type WorkflowMachine } from './workflow-registry';

export type CaseSnapshot = SnapshotFrom<WorkflowMachine>;

/**
 * The machine snapshot of a folded case, under the case's own workflow version. Resolved on each call
 * (a few µs): `decide` hands its snapshot on to the refusal's `nextSteps` instead. Snapshots are not
 * kept per state in a `WeakMap`: with a new state after every step, such a cache missed almost always
 * and its garbage collection cost several times what it saved (fold + decide ~20 µs slower).
 */
export function snapshotOf(state: CaseState): CaseSnapshot {
  return machineFor(state.workflowVersion).resolveState({ value: state.status, context: state });
}

/** Whether the machine's current state has a transition for the step at all (guards aside). */
export function hasTransition(snapshot: CaseSnapshot, step: StepEvent['type']): boolean {
  return snapshot.machine.root.states[snapshot.value]?.transitions.has(step) ?? false;
}

/**
 * The rule table the snapshot's machine was built from (its root `meta.rules`).
 * @throws Error when the machine carries none.
 */
export function rulesOf(snapshot: CaseSnapshot): RuleTable {
  const rules = snapshot.machine.root.meta?.rules;
  if (rules === undefined) throw new Error(`Machine ${snapshot.machine.id} carries no rule table`);
  return rules;
}

/** Evaluates a rule with the machine's own guard of that name (a machine may be given another). */
export function holds(snapshot: CaseSnapshot, rule: StepRule, event: StepEvent): boolean {
  const args: GuardArgs = { context: snapshot.context, event };
  const guard = snapshot.machine.implementations.guards[rule.code] as
    ((args: GuardArgs, params: undefined) => boolean) | undefined;
  return guard ? guard(args, undefined) : rule.guard(args);
}
