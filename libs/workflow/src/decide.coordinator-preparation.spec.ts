import { MAX_PARTICIPANTS } from './coordinator-preparation.rules';
import { fold } from './evolve';
import { nextSteps } from './next-steps';
import { RULES } from './rules';
import { dayAfter, historyUpTo, run } from './testing/cases';
import { given } from './testing/decider-spec';
import type { Command } from './types';

const assign = (coordinatorId: string, extra: Partial<Command> = {}): Command =>
  ({
    type: 'AssignCoordinator',
    coordinatorId,
    name: 'C',
    email: 'c@example.org',
    independenceDeclared: true,
    ...extra,
  }) as Command;

describe('case awaiting a coordinator', () => {
  const awaiting = historyUpTo('awaiting-coordinator');

  it('assigns an independent coordinator', () => {
    given(awaiting)
      .when(assign('coord-1'))
      .then({ type: 'CoordinatorAssigned', data: { coordinatorId: 'coord-1' } });
  });

  it('refuses a coordinator who did not declare independence', () => {
    given(awaiting)
      .when(assign('coord-1', { independenceDeclared: false }))
      .thenRefuses(RULES.INDEPENDENCE_NOT_DECLARED);
  });

  it('refuses invitations before a coordinator is assigned', () => {
    given(awaiting)
      .when({ type: 'InviteParticipant', participantId: 'p1', name: 'P', role: 'family' })
      .thenRefuses(RULES.COORDINATOR_NOT_ASSIGNED);
  });

  it('refuses scheduling before a coordinator is assigned', () => {
    given(awaiting)
      .when({ type: 'ScheduleConference', startsAt: '2030-01-01T10:00:00.000Z', location: 'Hall' })
      .thenRefuses(RULES.COORDINATOR_NOT_ASSIGNED);
  });

  it('withdraws with a reason', () => {
    given(awaiting).when({ type: 'WithdrawCase', reason: 'Family moved' }).then({ type: 'CaseWithdrawn' });
  });

  it('refuses a withdrawal without a reason', () => {
    given(awaiting).when({ type: 'WithdrawCase', reason: '' }).thenRefuses(RULES.REASON_REQUIRED);
  });
});

describe('case in preparation', () => {
  const preparing = historyUpTo('invited-1');

  it('replaces the coordinator with a reason, naming whom it replaces', () => {
    given(preparing)
      .when(assign('coord-2', { reason: 'Illness' }))
      .then({
        type: 'CoordinatorAssigned',
        data: { coordinatorId: 'coord-2', replaces: 'coord-1', reason: 'Illness' },
      });
  });

  it('refuses a replacement without a reason', () => {
    given(preparing).when(assign('coord-2')).thenRefuses(RULES.REPLACEMENT_REASON_REQUIRED);
  });

  it('refuses to assign the coordinator who is already assigned', () => {
    given(preparing)
      .when(assign('coord-1', { reason: 'again' }))
      .thenRefuses(RULES.ALREADY_ASSIGNED);
  });

  it('refuses to invite the same participant twice', () => {
    given(preparing)
      .when({ type: 'InviteParticipant', participantId: 'p1', name: 'P', role: 'family' })
      .thenRefuses(RULES.ALREADY_INVITED);
  });

  it('records the preparation of an invited participant', () => {
    given(preparing)
      .when({ type: 'RecordPreparation', participantId: 'p1', notes: 'Knows the questions' })
      .then({ type: 'ParticipantPrepared', data: { participantId: 'p1' } });
  });

  it('refuses to prepare someone who was not invited', () => {
    given(preparing).when({ type: 'RecordPreparation', participantId: 'p9' }).thenRefuses(RULES.NOT_INVITED);
  });

  it('refuses an answer from someone who was not invited', () => {
    given(preparing)
      .when({ type: 'RecordAnswer', participantId: 'p9', answer: 'accepted' })
      .thenRefuses(RULES.NOT_INVITED);
  });

  it('refuses a conference scheduled in the past', () => {
    given(preparing)
      .when({ type: 'ScheduleConference', startsAt: '2025-01-01T10:00:00.000Z', location: 'Hall' })
      .thenRefuses(RULES.NOT_IN_FUTURE);
  });

  it('refuses to hold a conference that is not scheduled', () => {
    given(historyUpTo('accepted-2'))
      .when({ type: 'HoldConference', heldAt: '2025-03-10T10:00:00.000Z', attendees: ['p1', 'p2'] })
      .thenRefuses(RULES.NOT_SCHEDULED);
  });
});

describe('scheduled case', () => {
  const scheduled = historyUpTo('scheduled');

  it('reschedules, marking the event as a reschedule', () => {
    given(scheduled)
      .when({ type: 'ScheduleConference', startsAt: '2025-03-20T19:00:00.000Z', location: 'School' })
      .then({ type: 'ConferenceScheduled', data: { rescheduled: true, location: 'School' } });
  });

  it('still invites participants and replaces the coordinator', () => {
    given(scheduled)
      .when({
        type: 'InviteParticipant',
        participantId: 'p4',
        name: 'P4',
        role: 'professional',
        organisation: 'Police',
      })
      .then({ type: 'ParticipantInvited' });
    given(scheduled)
      .when(assign('coord-2', { reason: 'Conflict of interest' }))
      .then({ type: 'CoordinatorAssigned' });
  });

  it('can still be withdrawn', () => {
    given(scheduled)
      .when({ type: 'WithdrawCase', reason: 'Parties settled' })
      .then({ type: 'CaseWithdrawn' });
  });
});

describe('a case with as many participants as it may have', () => {
  const invite = (n: number): Command => ({
    type: 'InviteParticipant',
    participantId: `p${n}`,
    name: `P${n}`,
    role: 'family',
  });
  const first = historyUpTo('invited-1');
  const upTo = (count: number) =>
    run(
      Array.from({ length: count - 1 }, (_, i) => invite(i + 2)),
      dayAfter(first.at(-1)!.data.at),
      first,
    );

  it(`invites the ${MAX_PARTICIPANTS}th participant`, () => {
    const almost = upTo(MAX_PARTICIPANTS - 1);
    expect(nextSteps(fold(almost))).toContain('invite-participant');
    given(almost).when(invite(MAX_PARTICIPANTS)).then({ type: 'ParticipantInvited' });
  });

  it(`refuses the ${MAX_PARTICIPANTS + 1}st, and no longer offers the step`, () => {
    const full = upTo(MAX_PARTICIPANTS);
    expect(fold(full)!.participants).toHaveLength(MAX_PARTICIPANTS);
    given(full)
      .when(invite(MAX_PARTICIPANTS + 1))
      .thenRefuses(RULES.TOO_MANY_PARTICIPANTS);
    expect(nextSteps(fold(full))).not.toContain('invite-participant');
  });
});
