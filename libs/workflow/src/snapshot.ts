import type { SnapshotFrom } from 'xstate';
import { CHECKS } from './guards';
import type { ConferenceMachine } from './conference.machine';
import type { StepEvent } from './steps';
import type { CaseState } from './types';
import { machineFor } from './workflow-registry';

export type CaseSnapshot = SnapshotFrom<ConferenceMachine>;

/** The machine snapshot of a folded case, under the case's own workflow version. */
export function snapshotOf(state: CaseState): CaseSnapshot {
  return machineFor(state.workflowVersion).resolveState({ value: state.status, context: state });
}

/** Whether the machine's current state has a transition for the step at all (guards aside). */
export function hasTransition(snapshot: CaseSnapshot, step: StepEvent['type']): boolean {
  return snapshot.machine.root.states[snapshot.value]?.transitions.has(step) ?? false;
}

/** Evaluates one guard with the machine's own implementation (a later version may provide its own). */
export function holds(snapshot: CaseSnapshot, code: keyof typeof CHECKS, event: StepEvent): boolean {
  const guard = snapshot.machine.implementations.guards[code] as
    ((args: { context: CaseState; event: StepEvent }, params: unknown) => boolean) | undefined;
  return guard
    ? guard({ context: snapshot.context, event }, undefined)
    : CHECKS[code](snapshot.context, event);
}
