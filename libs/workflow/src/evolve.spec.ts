import { evolve, fold } from './evolve';
import { stepOf, STEP_COMMANDS } from './steps';
import { historyUpTo, stateUpTo } from './testing/cases';
import adjournedNoPlan from './testing/fixtures/v2-adjourned-no-plan-family-follow-up.json';
import planForEveryone from './testing/fixtures/v2-plan-to-attendees-and-accepted-absent.json';
import { STEPS, type CaseState, type DomainEvent } from './types';
import { upcast } from './upcasters';

describe('evolve', () => {
  it('folds a request into a requested case with empty collections', () => {
    expect(stateUpTo('requested')).toMatchObject({
      status: 'requested',
      participants: [],
      followUps: [],
      followUpCases: [],
      previousCoordinators: [],
    });
  });

  it('refuses to start a case with anything but a request', () => {
    expect(() => evolve(undefined, { type: 'CaseClosed', data: { at: 'x' } })).toThrow(/cannot start a case/);
  });

  it('never mutates the state it is given', () => {
    const events = historyUpTo('followed-up');
    const before = fold(events.slice(0, -1))!;
    const copy = structuredClone(before);
    evolve(before, events.at(-1)!);
    expect(before).toEqual(copy);
  });

  it('keeps a replaced coordinator among the previous ones', () => {
    const state = evolve(stateUpTo('invited-1'), {
      type: 'CoordinatorAssigned',
      data: {
        at: 't',
        coordinatorId: 'coord-2',
        name: 'N',
        email: 'e',
        independenceDeclared: true,
        replaces: 'coord-1',
        reason: 'r',
      },
    });
    expect(state.status).toBe('preparing');
    expect(state.coordinator?.coordinatorId).toBe('coord-2');
    expect(state.previousCoordinators.map((c) => c.coordinatorId)).toEqual(['coord-1']);
  });

  it('records answers on the participant', () => {
    expect(stateUpTo('accepted-2').participants.filter((p) => p.answer === 'accepted')).toHaveLength(2);
  });

  it('numbers the schedule: 0 when first scheduled, one higher for each reschedule', () => {
    const first = stateUpTo('scheduled');
    expect(first.schedule).toMatchObject({ sequence: 0 });
    const again = evolve(first, {
      type: 'ConferenceScheduled',
      data: { at: 't2', startsAt: '2026-10-31T09:00:00.000Z', location: 'Elders', rescheduled: true },
    });
    expect(again.schedule).toEqual({
      startsAt: '2026-10-31T09:00:00.000Z',
      location: 'Elders',
      scheduledAt: 't2',
      sequence: 1,
    });
    // A state stored before the sequence existed counts as 0.
    const { sequence: _old, ...stored } = first.schedule!;
    const fromStored = evolve({ ...first, schedule: stored }, {
      type: 'ConferenceScheduled',
      data: { at: 't3', startsAt: '2026-11-01T09:00:00.000Z', location: 'L', rescheduled: true },
    });
    expect(fromStored.schedule?.sequence).toBe(1);
  });

  it('links a follow-up conference without leaving the state', () => {
    const state = evolve(stateUpTo('followed-up'), {
      type: 'FollowUpConferenceRequested',
      data: { at: 't', followUpCaseId: 'case-2', reason: 'r' },
    });
    expect(state).toMatchObject({ status: 'followed-up', followUpCases: ['case-2'] });
  });
});

describe('evolve, for the events of version 2', () => {
  const histories = [adjournedNoPlan, planForEveryone].map((f) =>
    f.events.map((e) => upcast(e.type, e.schemaVersion, e.data) as DomainEvent),
  );

  it('never mutates the state it is given', () => {
    for (const events of histories) {
      let state: CaseState | undefined;
      for (const event of events) {
        const copy = structuredClone(state);
        const next = evolve(state, event);
        expect(state).toEqual(copy);
        state = next;
      }
    }
  });

  it('counts an adjournment (a new date) as a change of the schedule', () => {
    let state: CaseState | undefined;
    const sequences: number[] = [];
    for (const event of histories[0]) {
      state = evolve(state, event);
      if (event.type === 'ConferenceScheduled' || event.type === 'ConferenceAdjourned')
        sequences.push(state.schedule!.sequence!);
    }
    expect(sequences).toEqual([0, 1]);
    expect(state!.schedule).toMatchObject({ startsAt: state!.adjournments![0].continuesAt });
  });

  it('keeps the place of every participant, removed or corrected', () => {
    const state = fold(histories[0])!;
    expect(state.participants.map((p) => p.participantId)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});

describe('steps and commands', () => {
  it('maps every step to a command and back', () => {
    for (const step of STEPS) expect(stepOf({ type: STEP_COMMANDS[step] } as never)).toBe(step);
  });
});
