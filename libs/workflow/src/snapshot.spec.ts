import { conferenceMachine } from './conference.machine';
import { conferenceMachineV2 } from './conference-v2.machine';
import { decide } from './decide';
import { evolve } from './evolve';
import { nextSteps } from './next-steps';
import { snapshotOf } from './snapshot';
import { stateUpTo, T0 } from './testing/cases';
import { nextStepsByTrial } from './testing/next-steps-by-trial';
import type { CaseState } from './types';
import { machineFor, registerWorkflowVersion } from './workflow-registry';

/** The snapshot resolved afresh, as before snapshots were kept per state. */
const resolved = (state: CaseState) =>
  machineFor(state.workflowVersion).resolveState({ value: state.status, context: state });

describe('the snapshot of a folded state', () => {
  it('is resolved once per state: the snapshot resolveState gives, again for the same state, a new one for the next', () => {
    const state = stateUpTo('scheduled', 'group', 2);
    const snapshot = snapshotOf(state);
    expect(snapshotOf(state)).toBe(snapshot);
    const fresh = resolved(state);
    expect([snapshot.machine, snapshot.value, snapshot.status]).toEqual([
      fresh.machine,
      fresh.value,
      fresh.status,
    ]);
    expect(snapshot.context).toBe(state);
    const decision = decide(state, { type: 'WithdrawCase', reason: 'They settled it.' }, T0);
    if (!decision.ok) throw new Error(decision.refusal.rule);
    const next = evolve(state, decision.events[0]) as CaseState;
    expect(snapshotOf(next)).not.toBe(snapshot);
    expect(snapshotOf(next).value).toBe('withdrawn');
    expect(snapshotOf(state)).toBe(snapshot);
  });

  it('follows the machine registered for the version now, not the one it was first resolved with', () => {
    const state = { ...stateUpTo('held', 'group', 2), workflowVersion: 99 };
    const unregister = registerWorkflowVersion(99, conferenceMachineV2);
    try {
      expect(snapshotOf(state).machine).toBe(conferenceMachineV2);
      expect(nextSteps(state)).toEqual(['correct-participant', 'record-plan', 'record-no-plan']);
    } finally {
      unregister();
    }
    const again = registerWorkflowVersion(99, conferenceMachine);
    try {
      expect(snapshotOf(state).machine).toBe(conferenceMachine);
      expect(nextSteps(state)).toEqual(nextStepsByTrial(state));
    } finally {
      again();
    }
  });
});
