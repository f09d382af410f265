import { conferenceMachine } from './conference.machine';
import { decide } from './decide';
import { fold } from './evolve';
import { nextSteps } from './next-steps';
import { RULES } from './rules';
import { historyUpTo, requestCommand, T0 } from './testing/cases';
import type { CaseState, Command } from './types';
import { machineFor, registerWorkflowVersion, WORKFLOW_VERSION, workflowVersions } from './workflow-registry';

describe('workflow versions', () => {
  const pastSchedule: Command = {
    type: 'ScheduleConference',
    startsAt: '2025-01-01T10:00:00.000Z',
    location: 'Hall',
  };

  it('records the current version on every new case', () => {
    const decision = decide(undefined, requestCommand(), T0);
    expect(decision.ok && decision.events[0]).toMatchObject({ data: { workflowVersion: WORKFLOW_VERSION } });
  });

  it('throws for an unknown version', () => {
    expect(() => machineFor(99)).toThrow(/Unknown workflow version 99/);
    const state = { ...(fold(historyUpTo('requested')) as CaseState), workflowVersion: 99 };
    expect(() => decide(state, { type: 'CloseCase' }, T0)).toThrow(/Unknown workflow version/);
  });

  describe('when a version 2 is registered', () => {
    // A hypothetical version 2 that lets the past be scheduled: enough to tell the versions apart.
    const v2 = conferenceMachine.provide({ guards: { 'SCHEDULE.NOT_IN_FUTURE': () => true } });
    let unregister: () => void;
    beforeAll(() => (unregister = registerWorkflowVersion(2, v2)));
    afterAll(() => unregister());

    it('lists both versions and refuses to register one twice', () => {
      expect(workflowVersions()).toEqual([1, 2]);
      expect(() => registerWorkflowVersion(2, v2)).toThrow(/already registered/);
    });

    it('a case begun under version 1 still replays and decides by version 1', () => {
      const state = fold(historyUpTo('invited-1')) as CaseState;
      expect(state.workflowVersion).toBe(1);
      expect(nextSteps(state)).toContain('schedule-conference');
      expect(decide(state, pastSchedule, new Date('2025-03-07T09:00:00Z'))).toMatchObject({
        ok: false,
        refusal: { rule: RULES.NOT_IN_FUTURE },
      });
    });

    it('a case on version 2 decides by version 2', () => {
      const state = { ...(fold(historyUpTo('invited-1')) as CaseState), workflowVersion: 2 };
      expect(decide(state, pastSchedule, new Date('2025-03-07T09:00:00Z'))).toMatchObject({ ok: true });
    });
  });
});
