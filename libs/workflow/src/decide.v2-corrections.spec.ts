import { fold } from './evolve';
import { nextSteps } from './next-steps';
import { RULES } from './rules';
import { historyUpTo, run } from './testing/cases';
import { given } from './testing/decider-spec';
import type { CaseState, Command, DomainEvent } from './types';

const v2 = (label: string) => historyUpTo(label, 'group', 2);
const later = (events: DomainEvent[], commands: Command[]) =>
  run(commands, new Date(Date.parse(events.at(-1)!.data.at) + 86_400_000), events);

const revise = (conferenceQuestions: string[], reason = 'The family rephrased it.'): Command => ({
  type: 'ReviseQuestions',
  conferenceQuestions,
  reason,
});
const remove = (participantId: string, reason = 'Should not take part.'): Command => ({
  type: 'RemoveParticipant',
  participantId,
  reason,
});

describe('version 2: revising the conference questions', () => {
  it.each(['awaiting-coordinator', 'preparing', 'scheduled'])(
    'revises them with a reason while the case is %s',
    (label) => {
      const events = given(v2(label))
        .when(revise(['How do the children get to school again?']))
        .then({
          type: 'QuestionsRevised',
          data: {
            conferenceQuestions: ['How do the children get to school again?'],
            reason: 'The family rephrased it.',
          },
        });
      const state = fold([...v2(label), ...events]) as CaseState;
      expect(state.conferenceQuestions).toEqual(['How do the children get to school again?']);
      expect(state.questionRevisions).toEqual([
        { at: events[0].data.at, reason: 'The family rephrased it.' },
      ]);
      expect(state.status).toBe(fold(v2(label))!.status);
    },
  );

  it('refuses a revision without questions, or with a blank one', () => {
    given(v2('preparing')).when(revise([])).thenRefuses(RULES.NO_QUESTIONS_LEFT);
    given(v2('preparing'))
      .when(revise(['How?', ' ']))
      .thenRefuses(RULES.NO_QUESTIONS_LEFT);
  });

  it('refuses a revision that changes nothing', () => {
    given(v2('preparing'))
      .when(revise(['How do we share the garden again?']))
      .thenRefuses(RULES.QUESTIONS_UNCHANGED);
  });

  it('refuses a revision without a reason', () => {
    given(v2('preparing'))
      .when(revise(['How?'], '  '))
      .thenRefuses(RULES.REASON_REQUIRED);
  });

  it('refuses a revision once the conference was held', () => {
    given(v2('held'))
      .when(revise(['How?']))
      .thenRefuses(RULES.STEP_NOT_ALLOWED);
  });
});

describe('version 2: correcting a participant', () => {
  it('records only the details given, which replace the old ones', () => {
    const events = given(v2('invited-2'))
      .when({ type: 'CorrectParticipant', participantId: 'p1', email: 'p1@example.org', language: 'en' })
      .then({
        type: 'ParticipantCorrected',
        data: { participantId: 'p1', email: 'p1@example.org', language: 'en' },
      });
    expect(Object.keys(events[0].data).sort()).toEqual(['at', 'email', 'language', 'participantId']);
    const p1 = (fold([...v2('invited-2'), ...events]) as CaseState).participants[0];
    expect(p1).toMatchObject({
      name: 'Person p1',
      email: 'p1@example.org',
      language: 'en',
      correctedAt: events[0].data.at,
    });
  });

  it.each(['scheduled', 'held', 'plan-recorded'])('corrects details while the case is %s', (label) => {
    given(v2(label))
      .when({ type: 'CorrectParticipant', participantId: 'p2', phone: '06 1234 5678' })
      .then({ type: 'ParticipantCorrected', data: { phone: '06 1234 5678' } });
  });

  it('refuses a correction once the plan was distributed', () => {
    given(v2('plan-distributed'))
      .when({ type: 'CorrectParticipant', participantId: 'p2', phone: '06 1234 5678' })
      .thenRefuses(RULES.STEP_NOT_ALLOWED);
  });

  it('refuses a correction without any detail, or with only the details there already are', () => {
    given(v2('invited-1'))
      .when({ type: 'CorrectParticipant', participantId: 'p1' })
      .thenRefuses(RULES.NOTHING_CORRECTED);
    given(v2('invited-1'))
      .when({ type: 'CorrectParticipant', participantId: 'p1', name: 'Person p1' })
      .thenRefuses(RULES.NOTHING_CORRECTED);
  });

  it('refuses a blank detail', () => {
    given(v2('invited-1'))
      .when({ type: 'CorrectParticipant', participantId: 'p1', name: 'P. One', email: ' ' })
      .thenRefuses(RULES.BLANK_DETAIL);
  });

  it('refuses to correct someone who was not invited, or who was removed', () => {
    given(v2('invited-1'))
      .when({ type: 'CorrectParticipant', participantId: 'p9', name: 'Nobody' })
      .thenRefuses(RULES.NOT_INVITED);
    given(later(v2('invited-2'), [remove('p2')]))
      .when({ type: 'CorrectParticipant', participantId: 'p2', name: 'P. Two' })
      .thenRefuses(RULES.REMOVED);
  });
});

describe('version 2: removing a participant', () => {
  it('records the removal; the participant stays in the case, flagged with time and reason', () => {
    const events = given(v2('accepted-2'))
      .when(remove('p2', 'Has a restraining order.'))
      .then({
        type: 'ParticipantRemoved',
        data: { participantId: 'p2', reason: 'Has a restraining order.' },
      });
    const state = fold([...v2('accepted-2'), ...events]) as CaseState;
    expect(state.participants.map((p) => p.participantId)).toEqual(['p1', 'p2', 'p3']);
    expect(state.participants[1]).toMatchObject({
      removed: true,
      removedAt: events[0].data.at,
      removalReason: 'Has a restraining order.',
    });
    expect(state.participants[0]).not.toHaveProperty('removed');
  });

  it('refuses a removal without a reason, of someone not invited, or of someone removed already', () => {
    given(v2('invited-2')).when(remove('p2', '')).thenRefuses(RULES.REASON_REQUIRED);
    given(v2('invited-2')).when(remove('p9')).thenRefuses(RULES.NOT_INVITED);
    given(later(v2('invited-2'), [remove('p2')]))
      .when(remove('p2'))
      .thenRefuses(RULES.REMOVED);
  });

  it('refuses a removal once the conference was held', () => {
    given(v2('held')).when(remove('p3')).thenRefuses(RULES.STEP_NOT_ALLOWED);
  });

  describe('a removed participant takes no further part', () => {
    const removed = later(v2('scheduled'), [remove('p2')]);

    it('does not answer and is not prepared', () => {
      given(removed)
        .when({ type: 'RecordAnswer', participantId: 'p2', answer: 'accepted' })
        .thenRefuses(RULES.REMOVED);
      given(removed).when({ type: 'RecordPreparation', participantId: 'p2' }).thenRefuses(RULES.REMOVED);
    });

    it('no longer counts among those who accepted', () => {
      given(removed)
        .when({ type: 'HoldConference', heldAt: '2025-03-11T19:00:00.000Z', attendees: ['p1'] })
        .thenRefuses(RULES.TOO_FEW_ACCEPTED);
      expect(nextSteps(fold(removed))).not.toContain('hold-conference');
    });

    it('does not attend', () => {
      const enough = later(removed, [{ type: 'RecordAnswer', participantId: 'p3', answer: 'accepted' }]);
      given(enough)
        .when({ type: 'HoldConference', heldAt: '2025-03-11T19:00:00.000Z', attendees: ['p1', 'p2', 'p3'] })
        .thenRefuses(RULES.ATTENDEE_REMOVED);
      given(enough)
        .when({ type: 'HoldConference', heldAt: '2025-03-11T19:00:00.000Z', attendees: ['p1', 'p3'] })
        .then({ type: 'ConferenceHeld' });
    });
  });

  it('on a version 1 case, none of these steps exists', () => {
    for (const command of [
      revise(['How?']),
      remove('p2'),
      { type: 'CorrectParticipant', participantId: 'p2', name: 'Q' },
    ]) {
      given(historyUpTo('scheduled', 'group', 1))
        .when(command as Command)
        .thenRefuses(RULES.STEP_NOT_ALLOWED);
    }
  });
});
