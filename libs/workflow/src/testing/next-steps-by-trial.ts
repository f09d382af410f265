import { exampleCommand } from '../example-commands';
import { CASE_STEPS, referenceTime } from '../next-steps';
import { propose, type CaseCommand } from '../propose';
import type { CaseState, Step } from '../types';
import { machineFor } from '../workflow-registry';

/**
 * `nextSteps` as it was first derived, kept as the reference its faster derivation is tested
 * against: every case step is tried on the machine with its {@link exampleCommand}
 * (`snapshot.can(...)`), whether or not the current state has a transition for it. The snapshot is
 * resolved here afresh, not taken from `snapshotOf`'s cache.
 */
export function nextStepsByTrial(state: CaseState | undefined): Step[] {
  if (state === undefined) return ['request'];
  const snapshot = machineFor(state.workflowVersion).resolveState({ value: state.status, context: state });
  if (snapshot.status === 'done') return [];
  const reference = referenceTime(state);
  const at = reference.toISOString();
  return CASE_STEPS.filter((step) =>
    snapshot.can(propose(state, exampleCommand(state, step, reference) as CaseCommand, at)),
  );
}
