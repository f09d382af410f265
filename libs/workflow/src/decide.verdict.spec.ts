import fc from 'fast-check';
import { transition } from 'xstate';
import { decide } from './decide';
import { propose, type CaseCommand } from './propose';
import { nextStepsByTrial } from './testing/next-steps-by-trial';
import { playVisiting, sessions } from './testing/sessions';
import { CONFERENCE_KINDS, type CaseState } from './types';
import { machineFor } from './workflow-registry';

/** A snapshot of the case resolved here, apart from `decide`. */
const resolved = (state: CaseState) =>
  machineFor(state.workflowVersion).resolveState({ value: state.status, context: state });

describe.each([1, 2])('workflow version %i: the machine’s verdict without a transition()', (version) => {
  it('decide accepts exactly what transition() takes, and a refusal lists the steps trying every step gives', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONFERENCE_KINDS), sessions, (kind, moves) => {
        playVisiting(version, kind, moves, (state, command, now) => {
          if (command === undefined || command.type === 'RequestConference') return;
          const snapshot = resolved(state);
          const proposal = propose(state, command as CaseCommand, now.toISOString());
          const decision = decide(state, command, now);
          expect(decision.ok).toBe(transition(snapshot.machine, snapshot, proposal)[0] !== snapshot);
          if (!decision.ok) expect(decision.refusal.nextSteps).toEqual(nextStepsByTrial(state));
        });
      }),
      { numRuns: 200 },
    );
  });
});
