import { fold } from './evolve';
import { historyUpTo, run } from './testing/cases';
import { given } from './testing/decider-spec';
import type { CaseState, Command, DomainEvent } from './types';

const onVersion =
  (version: number) =>
  (label: string, kind: 'group' | 'family' = 'group') =>
    historyUpTo(label, kind, version);
const v1 = onVersion(1);
const v2 = onVersion(2);
const after = (events: DomainEvent[], recorded: DomainEvent[]) => fold([...events, ...recorded]) as CaseState;

describe('version 2: coded reasons and issue types, with their defaults', () => {
  it('records the issue type of the intake, other when not given', () => {
    given(v2('requested'))
      .when({ type: 'CompleteIntake', conferenceQuestions: ['How?'], issueType: 'school' })
      .then({ type: 'IntakeCompleted', data: { issueType: 'school' } });
    const events = given(v2('requested'))
      .when({ type: 'CompleteIntake', conferenceQuestions: ['How?'] })
      .then({ type: 'IntakeCompleted', data: { issueType: 'other' } });
    expect(after(v2('requested'), events).issueType).toBe('other');
  });

  it('records the reason code of a decline, other when not given', () => {
    const events = given(v2('requested'))
      .when({ type: 'DeclineRequest', reason: 'Unsafe for the child.', reasonCode: 'safety' })
      .then({ type: 'RequestDeclined', data: { reason: 'Unsafe for the child.', reasonCode: 'safety' } });
    expect(after(v2('requested'), events)).toMatchObject({
      declineReason: 'Unsafe for the child.',
      declineReasonCode: 'safety',
    });
    given(v2('requested'))
      .when({ type: 'DeclineRequest', reason: 'Not a fit.' })
      .then({ type: 'RequestDeclined', data: { reasonCode: 'other' } });
  });

  it('records the reason code of a withdrawal, other when not given', () => {
    const events = given(v2('scheduled'))
      .when({ type: 'WithdrawCase', reason: 'Moved.', reasonCode: 'applicant-withdrew' })
      .then({ type: 'CaseWithdrawn', data: { reasonCode: 'applicant-withdrew' } });
    expect(after(v2('scheduled'), events).withdrawal).toEqual({
      at: events[0].data.at,
      reason: 'Moved.',
      reasonCode: 'applicant-withdrew',
    });
    given(v2('requested'))
      .when({ type: 'WithdrawCase', reason: 'Moved.' })
      .then({ type: 'CaseWithdrawn', data: { reasonCode: 'other' } });
  });
});

describe('version 2: language and research contact of a participant', () => {
  it('records the language a participant is written to in, and none when not given', () => {
    const events = given(v2('preparing'))
      .when({ type: 'InviteParticipant', participantId: 'p1', name: 'Ann', role: 'family', language: 'en' })
      .then({ type: 'ParticipantInvited', data: { language: 'en' } });
    expect(after(v2('preparing'), events).participants[0].language).toBe('en');
    const none = given(v2('preparing'))
      .when({ type: 'InviteParticipant', participantId: 'p1', name: 'Ann', role: 'family' })
      .then({ type: 'ParticipantInvited' });
    expect(none[0].data).not.toHaveProperty('language');
    expect(after(v2('preparing'), none).participants[0]).not.toHaveProperty('language');
  });

  it('records whether a participant may be contacted for research, yes when not said', () => {
    const no = given(v2('invited-1'))
      .when({ type: 'RecordAnswer', participantId: 'p1', answer: 'accepted', researchContact: false })
      .then({ type: 'ParticipantAnswered', data: { researchContact: false } });
    expect(after(v2('invited-1'), no).participants[0]).toMatchObject({
      answer: 'accepted',
      researchContact: false,
    });
    given(v2('invited-1'))
      .when({ type: 'RecordAnswer', participantId: 'p1', answer: 'declined' })
      .then({ type: 'ParticipantAnswered', data: { researchContact: true } });
  });

  it('keeps a no to research contact when a later answer does not say it again', () => {
    const no = given(v2('invited-1'))
      .when({ type: 'RecordAnswer', participantId: 'p1', answer: 'declined', researchContact: false })
      .then({ type: 'ParticipantAnswered' });
    given([...v2('invited-1'), ...no])
      .when({ type: 'RecordAnswer', participantId: 'p1', answer: 'accepted' })
      .then({ type: 'ParticipantAnswered', data: { answer: 'accepted', researchContact: false } });
  });
});

describe('version 2: the kind of a follow-up conference', () => {
  it("keeps the original's kind unless another is asked for", () => {
    given(v2('plan-distributed', 'family'))
      .when({ type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Again' })
      .then({ type: 'FollowUpConferenceRequested', data: { kind: 'family' } });
    given(v2('plan-distributed', 'family'))
      .when({
        type: 'RequestFollowUpConference',
        followUpCaseId: 'case-2',
        reason: 'The street',
        kind: 'group',
      })
      .then({ type: 'FollowUpConferenceRequested', data: { kind: 'group' } });
  });
});

describe('a version 1 case records exactly what it always recorded', () => {
  const commands: [string, Command, DomainEvent['type']][] = [
    [
      'requested',
      { type: 'CompleteIntake', conferenceQuestions: ['How?'], issueType: 'school' },
      'IntakeCompleted',
    ],
    [
      'requested',
      { type: 'DeclineRequest', reason: 'No fit.', reasonCode: 'not-suitable' },
      'RequestDeclined',
    ],
    [
      'scheduled',
      { type: 'WithdrawCase', reason: 'Moved.', reasonCode: 'applicant-withdrew' },
      'CaseWithdrawn',
    ],
    [
      'preparing',
      { type: 'InviteParticipant', participantId: 'p1', name: 'Ann', role: 'family', language: 'en' },
      'ParticipantInvited',
    ],
    [
      'invited-1',
      { type: 'RecordAnswer', participantId: 'p1', answer: 'accepted', researchContact: false },
      'ParticipantAnswered',
    ],
    [
      'plan-distributed',
      { type: 'RequestFollowUpConference', followUpCaseId: 'case-2', reason: 'Again', kind: 'family' },
      'FollowUpConferenceRequested',
    ],
  ];

  it.each(commands)(
    'in %s, %j records none of the fields of version 2, nor their defaults',
    (label, command, type) => {
      const [event] = given(v1(label)).when(command).then({ type });
      for (const field of ['issueType', 'reasonCode', 'language', 'researchContact', 'kind'])
        expect(event.data).not.toHaveProperty(field);
      const state = after(v1(label), [event]);
      expect(state).not.toHaveProperty('issueType');
      expect(state).not.toHaveProperty('declineReasonCode');
      expect(state.withdrawal ?? {}).not.toHaveProperty('reasonCode');
      for (const p of state.participants) {
        expect(p).not.toHaveProperty('language');
        expect(p).not.toHaveProperty('researchContact');
      }
    },
  );

  it('the happy path of version 1 records the very same events as before version 2 existed', () => {
    // The events as version 1 recorded them, key for key (see the golden histories for whole cases).
    const events = run([{ type: 'DistributePlan' }], new Date('2025-03-15T09:00:00Z'), v1('plan-recorded'));
    expect(events.map((e) => Object.keys(e.data))).toEqual([
      [
        'at',
        'caseId',
        'reference',
        'kind',
        'applicant',
        'region',
        'description',
        'channel',
        'workflowVersion',
      ],
      ['at', 'conferenceQuestions'],
      ['at', 'coordinatorId', 'name', 'email', 'independenceDeclared'],
      ['at', 'participantId', 'name', 'role'],
      ['at', 'participantId', 'name', 'role'],
      ['at', 'participantId', 'name', 'role'],
      ['at', 'participantId', 'answer'],
      ['at', 'participantId', 'answer'],
      ['at', 'startsAt', 'location', 'rescheduled'],
      ['at', 'heldAt', 'attendees'],
      ['at', 'agreements', 'ifItDoesNotWork'],
      ['at', 'recipients'],
    ]);
  });
});
