import type { SnapshotFrom } from 'xstate';
import type { GuardArgs, RuleTable, StepRule } from './rule-table';
import type { StepEvent } from './steps';
import type { CaseState } from './types';
import { machineFor, type WorkflowMachine } from './workflow-registry';

export type CaseSnapshot = SnapshotFrom<WorkflowMachine>;

/**
 * Resolved snapshots by folded state. A state is an immutable value (`evolve` and the erasures
 * return new ones, never change one), so its snapshot never goes stale; a `WeakMap` lets it go with
 * the state. The machine is compared too, as tests register a version and remove it again.
 */
const snapshots = new WeakMap<CaseState, CaseSnapshot>();

/**
 * The machine snapshot of a folded case, under the case's own workflow version. Resolved once per
 * state: deciding again on the same state (a cached case, a refusal's `nextSteps`) reuses it.
 */
export function snapshotOf(state: CaseState): CaseSnapshot {
  const machine = machineFor(state.workflowVersion);
  const known = snapshots.get(state);
  if (known !== undefined && known.machine === machine) return known;
  const snapshot = machine.resolveState({ value: state.status, context: state });
  snapshots.set(state, snapshot);
  return snapshot;
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
