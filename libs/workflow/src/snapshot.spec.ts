import { conferenceMachine } from './conference.machine';
import { conferenceMachineV2 } from './conference-v2.machine';
import { decide } from './decide';
import { nextSteps } from './next-steps';
import { snapshotOf } from './snapshot';
import { stateUpTo, T0 } from './testing/cases';
import { nextStepsByTrial } from './testing/next-steps-by-trial';
import { registerWorkflowVersion } from './workflow-registry';

describe('the snapshot of a folded state', () => {
  it('is resolved once by a decide, accepted or refused: the refusal’s rule and nextSteps use the same one', () => {
    const state = stateUpTo('scheduled', 'group', 2);
    const allowed = nextStepsByTrial(state);
    const resolve = jest.spyOn(conferenceMachineV2, 'resolveState');
    try {
      expect(decide(state, { type: 'WithdrawCase', reason: 'They settled it.' }, T0)).toMatchObject({
        ok: true,
      });
      expect(resolve).toHaveBeenCalledTimes(1);
      const refused = decide(state, { type: 'RecordPlan', agreements: [], ifItDoesNotWork: 'Meet.' }, T0);
      expect(refused).toMatchObject({ ok: false, refusal: { nextSteps: allowed } });
      expect(resolve).toHaveBeenCalledTimes(2);
      expect(resolve).toHaveBeenLastCalledWith({ value: 'scheduled', context: state });
    } finally {
      resolve.mockRestore();
    }
    expect(snapshotOf(state)).toMatchObject({ value: 'scheduled', status: 'active', context: state });
  });

  it('is resolved with the machine registered for the case’s version when it is asked for', () => {
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
