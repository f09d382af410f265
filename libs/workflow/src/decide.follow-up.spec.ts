import { RULES } from './rules';
import { historyUpTo } from './testing/cases';
import { given } from './testing/decider-spec';

describe('distributed plan', () => {
  const distributed = historyUpTo('plan-distributed');

  it('records a follow-up contact and moves to followed-up', () => {
    given(distributed)
      .when(
        {
          type: 'ContactFollowUp',
          contactedAt: '2025-06-12T10:00:00.000Z',
          outcome: 'partly',
          notes: 'Lawn yes',
        },
        new Date('2025-06-13T09:00:00.000Z'),
      )
      .then({ type: 'FollowUpContacted', data: { outcome: 'partly', notes: 'Lawn yes' } });
  });

  it('refuses a follow-up contact dated before the plan was distributed', () => {
    given(distributed)
      .when({ type: 'ContactFollowUp', contactedAt: '2025-03-04T10:00:00.000Z', outcome: 'partly' })
      .thenRefuses(RULES.CONTACT_TIME);
  });

  it('refuses a follow-up contact dated in the future', () => {
    given(distributed)
      .when(
        { type: 'ContactFollowUp', contactedAt: '2025-06-12T10:00:00.000Z', outcome: 'partly' },
        new Date('2025-06-01T09:00:00.000Z'),
      )
      .thenRefuses(RULES.CONTACT_TIME);
  });

  it('records a follow-up conference request that names the new case', () => {
    given(distributed)
      .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Garden again' })
      .then({ type: 'FollowUpConferenceRequested', data: { followUpCaseId: 'case-2' } });
  });

  it('refuses a follow-up conference that is this very case', () => {
    given(distributed)
      .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-1', reason: 'Again' })
      .thenRefuses(RULES.SAME_CASE);
  });

  it('refuses a follow-up conference without a reason', () => {
    given(distributed)
      .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: '' })
      .thenRefuses(RULES.REASON_REQUIRED);
  });

  it('closes the case', () => {
    given(distributed).when({ type: 'CloseCase' }).then({ type: 'CaseClosed' });
  });
});

describe('followed-up case', () => {
  const followedUp = historyUpTo('followed-up');
  const linked = given(followedUp).when({
    type: 'RequestFollowUpConference',
    followUpCaseId: 'case-2',
    reason: 'Again',
  });

  it('records further contacts', () => {
    given(followedUp)
      .when(
        { type: 'ContactFollowUp', contactedAt: '2025-09-01T10:00:00.000Z', outcome: 'unreachable' },
        new Date('2025-09-02T09:00:00.000Z'),
      )
      .then({ type: 'FollowUpContacted' });
  });

  it('refuses to link the same follow-up case twice', () => {
    const events = linked.then({ type: 'FollowUpConferenceRequested' });
    given(followedUp, events)
      .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Again' })
      .thenRefuses(RULES.ALREADY_LINKED);
  });

  it('closes the case', () => {
    given(followedUp).when({ type: 'CloseCase' }).then({ type: 'CaseClosed' });
  });
});

describe('finished cases', () => {
  it.each(['declined', 'withdrawn', 'closed'])('a %s case allows nothing but reading', (status) => {
    const end = {
      declined: { type: 'DeclineRequest', reason: 'No fit' },
      withdrawn: { type: 'WithdrawCase', reason: 'Moved' },
      closed: { type: 'CloseCase' },
    } as const;
    const base = status === 'closed' ? historyUpTo('followed-up') : historyUpTo('requested');
    const events = given(base)
      .when(end[status as keyof typeof end])
      .then({ type: expect.any(String) });
    const refused = given(base, events)
      .when({ type: 'CompleteIntake', conferenceQuestions: ['q?'] })
      .thenRefuses(RULES.STEP_NOT_ALLOWED);
    expect(refused.refusal).toMatchObject({ currentState: status, nextSteps: [] });
  });
});
