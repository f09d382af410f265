import { fold } from './evolve';
import { RULES } from './rules';
import { historyUpTo, run } from './testing/cases';
import { given } from './testing/decider-spec';
import type { Command } from './types';

const hold = (attendees: string[], privatePartHeld?: boolean): Command => ({
  type: 'HoldConference',
  heldAt: '2025-03-11T19:00:00.000Z',
  attendees,
  ...(privatePartHeld === undefined ? {} : { privatePartHeld }),
});

describe('scheduled case', () => {
  it('refuses a conference with one accepted participant', () => {
    const oneAccepted = run(
      [{ type: 'ScheduleConference', startsAt: '2025-03-20T19:00:00.000Z', location: 'Hall' }],
      new Date('2025-03-10T09:00:00Z'),
      historyUpTo('accepted-1'),
    );
    given(oneAccepted)
      .when(hold(['p1', 'p2']))
      .thenRefuses(RULES.TOO_FEW_ACCEPTED);
  });

  it('holds a group conference with invited attendees', () => {
    given(historyUpTo('scheduled'))
      .when(hold(['p1', 'p2', 'p3']))
      .then({ type: 'ConferenceHeld', data: { attendees: ['p1', 'p2', 'p3'] } });
  });

  it('refuses a conference without attendees', () => {
    given(historyUpTo('scheduled')).when(hold([])).thenRefuses(RULES.NO_ATTENDEES);
  });

  it('refuses an attendee who was not invited', () => {
    given(historyUpTo('scheduled'))
      .when(hold(['p1', 'stranger']))
      .thenRefuses(RULES.ATTENDEE_NOT_INVITED);
  });

  it('refuses a private part in a group conference', () => {
    given(historyUpTo('scheduled'))
      .when(hold(['p1', 'p2'], true))
      .thenRefuses(RULES.PRIVATE_PART_IN_GROUP);
  });

  it('records the private part of a family conference', () => {
    given(historyUpTo('scheduled', 'family'))
      .when(hold(['p1', 'p2'], false))
      .then({ type: 'ConferenceHeld', data: { privatePartHeld: false } });
  });

  it('refuses a family conference that does not say whether its private part took place', () => {
    given(historyUpTo('scheduled', 'family'))
      .when(hold(['p1', 'p2']))
      .thenRefuses(RULES.PRIVATE_PART_NOT_RECORDED);
  });

  it('refuses a conference recorded as held in the future', () => {
    given(historyUpTo('scheduled'))
      .when({ ...hold(['p1', 'p2']), heldAt: '2025-03-30T19:00:00.000Z' } as Command)
      .thenRefuses(RULES.HELD_IN_FUTURE);
  });

  it('refuses a conference recorded as held before it was scheduled', () => {
    given(historyUpTo('scheduled'))
      .when({ ...hold(['p1', 'p2']), heldAt: '2025-03-01T19:00:00.000Z' } as Command)
      .thenRefuses(RULES.HELD_BEFORE_SCHEDULED);
  });

  it('refuses a plan before the conference was held', () => {
    given(historyUpTo('scheduled'))
      .when({
        type: 'RecordPlan',
        agreements: [{ ownerIds: ['p1'], action: 'a', when: 'w' }],
        ifItDoesNotWork: 'x',
      })
      .thenRefuses(RULES.CONFERENCE_NOT_HELD);
  });
});

describe('held conference', () => {
  const held = historyUpTo('held');
  const plan = (agreements: unknown[], ifItDoesNotWork = 'We meet again.'): Command =>
    ({ type: 'RecordPlan', agreements, ifItDoesNotWork }) as Command;
  const ok = { ownerIds: ['p1'], action: 'Calls the school', where: 'School', when: 'Mondays' };

  it('records a plan', () => {
    given(held)
      .when(plan([ok]))
      .then({ type: 'PlanRecorded', data: { agreements: [ok] } });
  });

  it('refuses a plan without agreements', () => {
    given(held).when(plan([])).thenRefuses(RULES.NO_AGREEMENTS);
  });

  it.each([
    ['an owner', { ...ok, ownerIds: [] }],
    ['an action', { ...ok, action: ' ' }],
    ['a when', { ...ok, when: '' }],
  ])('refuses an agreement without %s', (_, agreement) => {
    given(held)
      .when(plan([ok, agreement]))
      .thenRefuses(RULES.AGREEMENT_INCOMPLETE);
  });

  it('refuses an owner who did not attend', () => {
    given(held)
      .when(plan([{ ...ok, ownerIds: ['p3'] }]))
      .thenRefuses(RULES.OWNER_NOT_ATTENDEE);
  });

  it('refuses a plan without what to do if it does not work', () => {
    given(held)
      .when(plan([ok], '  '))
      .thenRefuses(RULES.NO_FALLBACK);
  });

  it('refuses to distribute a plan that was not recorded', () => {
    given(held).when({ type: 'DistributePlan' }).thenRefuses(RULES.PLAN_NOT_RECORDED);
  });

  it('refuses a withdrawal once the conference was held', () => {
    given(held).when({ type: 'WithdrawCase', reason: 'Too late' }).thenRefuses(RULES.STEP_NOT_ALLOWED);
  });
});

describe('recorded plan', () => {
  const recorded = historyUpTo('plan-recorded');

  it('accepts a revised plan, which becomes the next plan version', () => {
    const revised = run(
      [
        {
          type: 'RecordPlan',
          agreements: [{ ownerIds: ['p2'], action: 'b', when: 'c' }],
          ifItDoesNotWork: 'd',
        },
      ],
      new Date('2025-03-14T09:00:00Z'),
      recorded,
    );
    expect(fold(revised)?.plan?.version).toBe(2);
  });

  it('distributes the plan to exactly those who attended, not to p3 who was invited but absent', () => {
    given(recorded)
      .when({ type: 'DistributePlan' })
      .then({ type: 'PlanDistributed', data: { recipients: ['p1', 'p2'] } });
  });

  it('refuses follow-up contact before the plan was distributed', () => {
    given(recorded)
      .when({ type: 'ContactFollowUp', contactedAt: '2025-06-01T10:00:00.000Z', outcome: 'partly' })
      .thenRefuses(RULES.PLAN_NOT_DISTRIBUTED);
  });

  it('refuses a follow-up conference before the plan was distributed', () => {
    given(recorded)
      .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Again' })
      .thenRefuses(RULES.PLAN_NOT_DISTRIBUTED);
  });
});
