import { RULES } from './rules';
import { given } from './testing/decider-spec';
import { historyUpTo, requestCommand, T0 } from './testing/cases';
import { decide } from './decide';
import { WORKFLOW_VERSION } from './workflow-registry';

describe('unknown case', () => {
  it('records a request with the current workflow version and the time of the step', () => {
    given()
      .when(requestCommand('family'), T0)
      .then({
        type: 'ConferenceRequested',
        data: { at: T0.toISOString(), caseId: 'case-1', kind: 'family', workflowVersion: WORKFLOW_VERSION },
      });
  });

  it('refuses any other step, naming no state and offering only request', () => {
    const decision = given()
      .when({ type: 'CompleteIntake', conferenceQuestions: ['q?'] })
      .thenRefuses(RULES.NOT_FOUND);
    expect(decision.refusal).toMatchObject({ currentState: null, nextSteps: ['request'] });
  });

  it('refuses a request that names itself as the case it follows up', () => {
    given()
      .when({ ...requestCommand(), followUpOf: 'case-1' })
      .thenRefuses(RULES.FOLLOW_UP_OF_ITSELF);
  });

  it('records the case a follow-up request follows up', () => {
    given()
      .when({ ...requestCommand('group', 'case-2'), followUpOf: 'case-1' })
      .then({ type: 'ConferenceRequested', data: { followUpOf: 'case-1' } });
  });
});

describe('requested case', () => {
  const requested = historyUpTo('requested');

  it('refuses a second request for the same case id', () => {
    given(requested).when(requestCommand()).thenRefuses(RULES.ALREADY_EXISTS);
  });

  it('completes the intake with conference questions', () => {
    given(requested)
      .when({ type: 'CompleteIntake', conferenceQuestions: ['How do we talk again?'], notes: 'by phone' })
      .then({
        type: 'IntakeCompleted',
        data: { conferenceQuestions: ['How do we talk again?'], notes: 'by phone' },
      });
  });

  it('refuses an intake without conference questions', () => {
    given(requested)
      .when({ type: 'CompleteIntake', conferenceQuestions: [] })
      .thenRefuses(RULES.NO_QUESTIONS);
  });

  it('refuses an intake with a blank conference question', () => {
    given(requested)
      .when({ type: 'CompleteIntake', conferenceQuestions: ['How?', '  '] })
      .thenRefuses(RULES.NO_QUESTIONS);
  });

  it('declines with a reason', () => {
    given(requested).when({ type: 'DeclineRequest', reason: 'Not a fit' }).then({ type: 'RequestDeclined' });
  });

  it('refuses a decline without a reason', () => {
    given(requested).when({ type: 'DeclineRequest', reason: ' ' }).thenRefuses(RULES.REASON_REQUIRED);
  });

  it('refuses a coordinator before the intake produced a conference question', () => {
    given(requested)
      .when({
        type: 'AssignCoordinator',
        coordinatorId: 'c',
        name: 'C',
        email: 'c@x',
        independenceDeclared: true,
      })
      .thenRefuses(RULES.NO_CONFERENCE_QUESTIONS);
  });

  it('refuses a step out of order, naming the current state and the steps allowed now', () => {
    const decision = given(requested).when({ type: 'CloseCase' }).thenRefuses(RULES.STEP_NOT_ALLOWED);
    expect(decision.refusal).toMatchObject({
      currentState: 'requested',
      nextSteps: ['complete-intake', 'decline', 'withdraw'],
    });
    expect(decision.refusal.message).toMatch(/requested/);
  });

  it('stamps every event with the time of the step', () => {
    const now = new Date('2025-04-01T12:00:00.000Z');
    const decision = decide(undefined, requestCommand(), now);
    expect(decision.ok && decision.events[0].data.at).toBe('2025-04-01T12:00:00.000Z');
  });
});
