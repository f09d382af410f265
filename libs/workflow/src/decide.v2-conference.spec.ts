import { initialTransition, transition } from 'xstate';
import { fold } from './evolve';
import { nextSteps } from './next-steps';
import { RULES } from './rules';
import { snapshotOf } from './snapshot';
import { stepEventOf } from './steps';
import { historyUpTo, run } from './testing/cases';
import { given } from './testing/decider-spec';
import type { CaseState, Command, DomainEvent } from './types';
import { machineFor } from './workflow-registry';

const v2 = (label: string, kind: 'group' | 'family' = 'group') => historyUpTo(label, kind, 2);
const DAY = 86_400_000;
const later = (events: DomainEvent[], commands: Command[]) =>
  run(commands, new Date(Date.parse(events.at(-1)!.data.at) + DAY), events);

/** Adjourned at the first meeting (11 March), continuing on 25 March. */
const adjourn = (extra: Partial<Extract<Command, { type: 'AdjournConference' }>> = {}): Command => ({
  type: 'AdjournConference',
  heldAt: '2025-03-11T19:00:00.000Z',
  attendees: ['p1', 'p2'],
  reason: 'The group asks for more time.',
  continuesAt: '2025-03-25T19:00:00.000Z',
  ...extra,
});
const hold = (attendees: string[], heldAt = '2025-03-25T19:00:00.000Z'): Command => ({
  type: 'HoldConference',
  heldAt,
  attendees,
});
const plan = (ownerIds: string[]): Command => ({
  type: 'RecordPlan',
  agreements: [{ ownerIds, action: 'Collects the children', when: 'Wednesdays' }],
  ifItDoesNotWork: 'We call the coordinator.',
});

describe('version 2: adjourning a scheduled conference', () => {
  const scheduled = v2('scheduled');

  it('records who met and why, and stays scheduled at the new date in the same place', () => {
    const events = given(scheduled)
      .when(adjourn())
      .then({
        type: 'ConferenceAdjourned',
        data: { attendees: ['p1', 'p2'], continuesAt: '2025-03-25T19:00:00.000Z', location: 'Buurthuis' },
      });
    const state = fold([...scheduled, ...events]) as CaseState;
    expect(state.status).toBe('scheduled');
    expect(state.schedule).toEqual({
      startsAt: '2025-03-25T19:00:00.000Z',
      location: 'Buurthuis',
      scheduledAt: events[0].data.at,
      sequence: 1,
    });
    expect(state.adjournments).toEqual([
      {
        heldAt: '2025-03-11T19:00:00.000Z',
        attendees: ['p1', 'p2'],
        reason: 'The group asks for more time.',
        continuesAt: '2025-03-25T19:00:00.000Z',
        location: 'Buurthuis',
        adjournedAt: events[0].data.at,
      },
    ]);
    expect(state.conference).toBeUndefined();
  });

  it('moves to a new place when one is given', () => {
    given(scheduled)
      .when(adjourn({ location: 'Library' }))
      .then({ type: 'ConferenceAdjourned', data: { location: 'Library' } });
  });

  it('is held later at the new date, and may be adjourned again', () => {
    const adjourned = later(scheduled, [adjourn()]);
    given(adjourned, [])
      .when(
        adjourn({ heldAt: '2025-03-25T19:00:00.000Z', continuesAt: '2025-04-08T19:00:00.000Z' }),
        new Date('2025-03-26T09:00:00Z'),
      )
      .then({ type: 'ConferenceAdjourned' });
    given(adjourned)
      .when(hold(['p1', 'p2', 'p3']), new Date('2025-03-26T09:00:00Z'))
      .then({ type: 'ConferenceHeld' });
  });

  it('refuses to continue at a time that has passed', () => {
    given(scheduled)
      .when(adjourn({ continuesAt: '2025-03-10T19:00:00.000Z' }))
      .thenRefuses(RULES.CONTINUES_NOT_IN_FUTURE);
  });

  it('refuses an adjournment without a reason', () => {
    given(scheduled)
      .when(adjourn({ reason: ' ' }))
      .thenRefuses(RULES.REASON_REQUIRED);
  });

  it('refuses attendees who were not invited, or none at all', () => {
    given(scheduled)
      .when(adjourn({ attendees: ['p1', 'stranger'] }))
      .thenRefuses(RULES.ATTENDEE_NOT_INVITED);
    given(scheduled)
      .when(adjourn({ attendees: [] }))
      .thenRefuses(RULES.NO_ATTENDEES);
  });

  it('refuses an attendee who was removed', () => {
    const removed = later(scheduled, [
      { type: 'RecordAnswer', participantId: 'p3', answer: 'accepted' },
      { type: 'RemoveParticipant', participantId: 'p3', reason: 'Moved abroad.' },
    ]);
    given(removed)
      .when(adjourn({ attendees: ['p1', 'p3'] }))
      .thenRefuses(RULES.ATTENDEE_REMOVED);
  });

  it('refuses a meeting recorded in the future or before it was scheduled', () => {
    given(scheduled)
      .when(adjourn({ heldAt: '2025-03-20T19:00:00.000Z' }))
      .thenRefuses(RULES.HELD_IN_FUTURE);
    given(scheduled)
      .when(adjourn({ heldAt: '2025-03-01T19:00:00.000Z' }))
      .thenRefuses(RULES.HELD_BEFORE_SCHEDULED);
  });

  it('needs a scheduled conference with two accepted, as holding one does', () => {
    given(v2('accepted-2')).when(adjourn()).thenRefuses(RULES.NOT_SCHEDULED);
    const oneAccepted = run(
      [{ type: 'ScheduleConference', startsAt: '2025-03-20T19:00:00.000Z', location: 'Hall' }],
      new Date('2025-03-10T09:00:00Z'),
      v2('accepted-1'),
    );
    given(oneAccepted)
      .when(
        adjourn({ heldAt: '2025-03-20T19:00:00.000Z', continuesAt: '2025-04-01T19:00:00.000Z' }),
        new Date('2025-03-21T09:00:00Z'),
      )
      .thenRefuses(RULES.TOO_FEW_ACCEPTED);
  });
});

describe('version 2: a conference that ends without a plan', () => {
  const held = v2('held');

  it('records why, and the case is then no-plan', () => {
    const events = given(held)
      .when({ type: 'RecordNoPlan', reason: 'The neighbours could not agree.' })
      .then({ type: 'NoPlanRecorded', data: { reason: 'The neighbours could not agree.' } });
    const state = fold([...held, ...events]) as CaseState;
    expect(state).toMatchObject({
      status: 'no-plan',
      noPlan: { at: events[0].data.at, reason: 'The neighbours could not agree.' },
    });
    expect(nextSteps(state)).toEqual(['request-follow-up-conference', 'close']);
  });

  it('refuses it without a reason', () => {
    given(held).when({ type: 'RecordNoPlan', reason: '' }).thenRefuses(RULES.REASON_REQUIRED);
  });

  it('refuses it before the conference was held, and once a plan was recorded', () => {
    given(v2('scheduled')).when({ type: 'RecordNoPlan', reason: 'No' }).thenRefuses(RULES.STEP_NOT_ALLOWED);
    given(v2('plan-recorded'))
      .when({ type: 'RecordNoPlan', reason: 'No' })
      .thenRefuses(RULES.STEP_NOT_ALLOWED);
  });

  describe('then', () => {
    const noPlan = later(held, [{ type: 'RecordNoPlan', reason: 'The neighbours could not agree.' }]);

    it('asks for a follow-up conference of the same kind, or of the kind asked for', () => {
      given(noPlan)
        .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Try again' })
        .then({ type: 'FollowUpConferenceRequested', data: { followUpCaseId: 'case-2', kind: 'group' } });
      given(noPlan)
        .when({
          type: 'RequestFollowUpConference',
          followUpCaseId: 'case-2',
          reason: 'For the children',
          kind: 'family',
        })
        .then({ type: 'FollowUpConferenceRequested', data: { kind: 'family' } });
    });

    it('is closed, and even closed can still ask for a follow-up conference', () => {
      const closed = later(noPlan, [{ type: 'CloseCase' }]);
      expect(fold(closed)!.status).toBe('closed');
      expect(nextSteps(fold(closed))).toEqual(['request-follow-up-conference']);
      const linked = given(closed)
        .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Try again' })
        .then({ type: 'FollowUpConferenceRequested' });
      expect(fold([...closed, ...linked])).toMatchObject({ status: 'closed', followUpCases: ['case-2'] });
      given(closed, linked)
        .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Again' })
        .thenRefuses(RULES.ALREADY_LINKED);
    });

    it('has no follow-up contact: there is no plan to follow up', () => {
      given(noPlan)
        .when({ type: 'ContactFollowUp', contactedAt: '2025-03-14T10:00:00.000Z', outcome: 'on-track' })
        .thenRefuses(RULES.PLAN_NOT_DISTRIBUTED);
    });
  });

  it('a follow-up conference is refused before the conference concluded, with or without a plan', () => {
    given(held)
      .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Again' })
      .thenRefuses(RULES.NOT_CONCLUDED);
  });

  it('a version 1 case has no such step, and its closed cases stay closed', () => {
    given(historyUpTo('held', 'group', 1))
      .when({ type: 'RecordNoPlan', reason: 'No agreement.' })
      .thenRefuses(RULES.STEP_NOT_ALLOWED);
    const closedV1 = run(
      [{ type: 'CloseCase' }],
      new Date('2025-03-20T09:00:00Z'),
      historyUpTo('followed-up', 'group', 1),
    );
    given(closedV1)
      .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Again' })
      .thenRefuses(RULES.STEP_NOT_ALLOWED);
  });
});

describe('version 2: the plan is for everyone', () => {
  // p1 and p2 accepted and attended; p3 accepted but could not come; p4 declined; p5 accepted and was removed.
  const scheduled = later(v2('scheduled'), [
    { type: 'RecordAnswer', participantId: 'p3', answer: 'accepted' },
    { type: 'InviteParticipant', participantId: 'p4', name: 'Person p4', role: 'family' },
    { type: 'RecordAnswer', participantId: 'p4', answer: 'declined' },
    { type: 'InviteParticipant', participantId: 'p5', name: 'Person p5', role: 'family' },
    { type: 'RecordAnswer', participantId: 'p5', answer: 'accepted' },
    { type: 'RemoveParticipant', participantId: 'p5', reason: 'Not welcome after all.' },
  ]);
  const held = later(scheduled, [hold(['p1', 'p2'], '2025-03-11T19:00:00.000Z')]);

  it('an agreement may be owned by an invited participant who did not come', () => {
    given(held)
      .when(plan(['p3']))
      .then({ type: 'PlanRecorded' });
    given(held)
      .when(plan(['p1', 'p4']))
      .then({ type: 'PlanRecorded' });
  });

  it('refuses an owner who was removed, or never invited', () => {
    given(held)
      .when(plan(['p5']))
      .thenRefuses(RULES.OWNER_NOT_PARTICIPANT);
    given(held)
      .when(plan(['stranger']))
      .thenRefuses(RULES.OWNER_NOT_PARTICIPANT);
  });

  it('goes to everyone who attended and everyone who accepted but could not come, not to p4 or p5', () => {
    given(later(held, [plan(['p3'])]))
      .when({ type: 'DistributePlan' })
      .then({ type: 'PlanDistributed', data: { recipients: ['p1', 'p2', 'p3'] } });
  });

  it('also goes to someone who came to an adjourned meeting only', () => {
    const adjournedThenHeld = later(v2('scheduled'), [
      adjourn({ attendees: ['p1', 'p2', 'p3'] }),
      { type: 'RecordAnswer', participantId: 'p3', answer: 'declined' },
    ]);
    const recorded = run(
      [hold(['p1', 'p2']), plan(['p1'])],
      new Date('2025-03-26T09:00:00Z'),
      adjournedThenHeld,
    );
    given(recorded)
      .when({ type: 'DistributePlan' })
      .then({ type: 'PlanDistributed', data: { recipients: ['p1', 'p2', 'p3'] } });
  });

  it('the machine itself refuses a distribution that leaves out someone who accepted', () => {
    const recorded = later(held, [plan(['p3'])]);
    const snapshot = snapshotOf(fold(recorded) as CaseState);
    const distribute = (recipients: string[]) => ({
      type: 'distribute-plan' as const,
      event: { type: 'PlanDistributed' as const, data: { at: '2025-03-30T09:00:00.000Z', recipients } },
    });
    expect(transition(snapshot.machine, snapshot, distribute(['p1', 'p2']))[0]).toBe(snapshot);
    expect(transition(snapshot.machine, snapshot, distribute(['p1', 'p2', 'p3', 'p5']))[0]).toBe(snapshot);
    expect(transition(snapshot.machine, snapshot, distribute(['p1', 'p2', 'p3']))[0].value).toBe(
      'plan-distributed',
    );
  });

  it('a version 1 history that gave the plan to the attendees only replays by version 1, not by version 2', () => {
    const v1 = run(
      [
        { type: 'RecordAnswer', participantId: 'p3', answer: 'accepted' },
        hold(['p1', 'p2'], '2025-03-11T19:00:00.000Z'),
        plan(['p1']),
        { type: 'DistributePlan' },
      ],
      new Date('2025-03-12T09:00:00Z'),
      historyUpTo('scheduled', 'group', 1),
    );
    expect(v1.at(-1)).toMatchObject({ type: 'PlanDistributed', data: { recipients: ['p1', 'p2'] } });
    const replays = (version: number) => {
      const machine = machineFor(version);
      let [snapshot] = initialTransition(machine, fold(v1.slice(0, 1)) as CaseState);
      for (const event of v1.slice(1)) {
        const [next] = transition(machine, snapshot, stepEventOf(event));
        if (next === snapshot) return false;
        snapshot = next;
      }
      return true;
    };
    expect(replays(1)).toBe(true);
    expect(replays(2)).toBe(false);
  });
});
