import { conferenceMachine } from './conference.machine';
import { conferenceMachineV2 } from './conference-v2.machine';
import { decide } from './decide';
import { fold } from './evolve';
import { nextSteps } from './next-steps';
import { RULES } from './rules';
import { snapshotOf } from './snapshot';
import { historyUpTo, requestCommand, T0 } from './testing/cases';
import type { CaseState, Command } from './types';
import { machineFor, registerWorkflowVersion, WORKFLOW_VERSION, workflowVersions } from './workflow-registry';

describe('workflow versions', () => {
  const pastSchedule: Command = {
    type: 'ScheduleConference',
    startsAt: '2025-01-01T10:00:00.000Z',
    location: 'Hall',
  };

  it('starts every new case on version 2', () => {
    expect(WORKFLOW_VERSION).toBe(2);
    const decision = decide(undefined, requestCommand(), T0);
    expect(decision.ok && decision.events[0]).toMatchObject({ data: { workflowVersion: 2 } });
  });

  it('knows versions 1 and 2, each with its own machine, and refuses to register one twice', () => {
    expect(workflowVersions()).toEqual([1, 2]);
    expect(machineFor(1)).toBe(conferenceMachine);
    expect(machineFor(2)).toBe(conferenceMachineV2);
    expect(() => registerWorkflowVersion(2, conferenceMachineV2)).toThrow(/already registered/);
  });

  it('throws for an unknown version', () => {
    expect(() => machineFor(99)).toThrow(/Unknown workflow version 99/);
    const state = { ...(fold(historyUpTo('requested')) as CaseState), workflowVersion: 99 };
    expect(() => decide(state, { type: 'CloseCase' }, T0)).toThrow(/Unknown workflow version/);
  });

  it('restores each case into the machine of its own version', () => {
    expect(snapshotOf(fold(historyUpTo('held', 'group', 1))!).machine).toBe(conferenceMachine);
    expect(snapshotOf(fold(historyUpTo('held', 'group', 2))!).machine).toBe(conferenceMachineV2);
  });

  describe('when a version 3 is registered', () => {
    // A hypothetical version 3 that lets the past be scheduled: enough to tell the versions apart.
    const v3 = conferenceMachineV2.provide({ guards: { 'SCHEDULE.NOT_IN_FUTURE': () => true } });
    let unregister: () => void;
    beforeAll(() => (unregister = registerWorkflowVersion(3, v3)));
    afterAll(() => unregister());

    it('lists it after the others', () => {
      expect(workflowVersions()).toEqual([1, 2, 3]);
    });

    it('a case begun under an earlier version still replays and decides by that version', () => {
      for (const version of [1, 2]) {
        const state = fold(historyUpTo('invited-1', 'group', version)) as CaseState;
        expect(state.workflowVersion).toBe(version);
        expect(nextSteps(state)).toContain('schedule-conference');
        expect(decide(state, pastSchedule, new Date('2025-03-07T09:00:00Z'))).toMatchObject({
          ok: false,
          refusal: { rule: RULES.NOT_IN_FUTURE },
        });
      }
    });

    it('a case on version 3 decides by version 3', () => {
      const state = { ...(fold(historyUpTo('invited-1', 'group', 2)) as CaseState), workflowVersion: 3 };
      expect(decide(state, pastSchedule, new Date('2025-03-07T09:00:00Z'))).toMatchObject({ ok: true });
    });
  });
});
