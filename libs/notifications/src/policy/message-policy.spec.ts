import { ERASED, erasePerson, evolve, fold, type CaseState, type DomainEvent } from '@app/workflow';
import { DEFAULT_RETRY, retryDelay } from '../dispatch/backoff';
import { dueMessages, planMessages } from './message-policy';

const DAY = 86_400_000;
const settings = {
  reminderOffsetsMs: [7 * DAY, DAY],
  answerNudgeAfterMs: 5 * DAY,
  followUpAfterMs: 90 * DAY,
};
const at = (d: string) => `2026-03-${d}T09:00:00.000Z`;

function given(...events: DomainEvent[]): CaseState {
  return fold([
    {
      type: 'ConferenceRequested',
      data: {
        at: at('01'),
        caseId: 'c1',
        reference: 'EK-1',
        kind: 'group',
        applicant: { personId: 'ap', name: 'X' },
        region: 'Utrecht',
        description: 'd',
        channel: 'online',
        workflowVersion: 1,
      },
    },
    { type: 'IntakeCompleted', data: { at: at('01'), conferenceQuestions: ['Q?'] } },
    {
      type: 'CoordinatorAssigned',
      data: { at: at('01'), coordinatorId: 'k', name: 'K', email: 'k@x.nl', independenceDeclared: true },
    },
    {
      type: 'ParticipantInvited',
      data: { at: at('02'), participantId: 'a', name: 'A', role: 'family', email: 'a@x.nl' },
    },
    { type: 'ParticipantInvited', data: { at: at('02'), participantId: 'b', name: 'B', role: 'neighbour' } },
    ...events,
  ])!;
}

const scheduled = (startsAt: string, when = at('03')): DomainEvent => ({
  type: 'ConferenceScheduled',
  data: { at: when, startsAt, location: 'L', rescheduled: false },
});
const answered = (participantId: string, answer: 'accepted' | 'declined'): DomainEvent => ({
  type: 'ParticipantAnswered',
  data: { at: at('03'), participantId, answer },
});
/** Scheduled for the 20th, held by a and b, the plan recorded and sent to both on the 22nd. */
const heldAndDistributed: DomainEvent[] = [
  scheduled(at('20')),
  { type: 'ConferenceHeld', data: { at: at('20'), heldAt: at('20'), attendees: ['a', 'b'] } },
  {
    type: 'PlanRecorded',
    data: { at: at('21'), agreements: [{ ownerIds: ['a'], action: 'x', when: 'y' }], ifItDoesNotWork: 'z' },
  },
  { type: 'PlanDistributed', data: { at: at('22'), recipients: ['a', 'b'] } },
];
const answered_ = (participantId: string): DomainEvent => answered(participantId, 'accepted');
const plan = (s: CaseState) =>
  planMessages(s, settings).map((m) => `${m.kind}:${m.participantId}:${m.dueAt.slice(5, 10)}:${m.reachBy}`);

describe('message policy', () => {
  it('invites at once and nudges after five days without an answer; no address means by phone', () => {
    expect(plan(given())).toEqual([
      'invitation:a:03-02:email',
      'answer-nudge:a:03-07:email',
      'invitation:b:03-02:phone',
      'answer-nudge:b:03-07:phone',
    ]);
  });

  it('reminds a week and a day before the conference, and moves the reminders on a reschedule', () => {
    const s = given(answered('a', 'accepted'), scheduled(at('20')));
    expect(plan(s).filter((m) => m.startsWith('reminder:a'))).toEqual([
      'reminder:a:03-13:email',
      'reminder:a:03-19:email',
    ]);
    const moved = given(answered('a', 'accepted'), scheduled(at('20')), scheduled(at('27'), at('04')));
    expect(plan(moved).filter((m) => m.startsWith('reminder:a'))).toEqual([
      'reminder:a:03-20:email',
      'reminder:a:03-26:email',
    ]);
  });

  it('moves the reminders to the new date when the conference is adjourned', () => {
    const s = given(answered('a', 'accepted'), answered('b', 'accepted'), scheduled(at('10')));
    const adjourned = evolve(s, {
      type: 'ConferenceAdjourned',
      data: {
        at: at('10'),
        heldAt: at('10'),
        attendees: ['a', 'b'],
        reason: 'r',
        continuesAt: at('24'),
        location: 'L',
      },
    });
    expect(plan(adjourned).filter((m) => m.startsWith('reminder:a'))).toEqual([
      'reminder:a:03-17:email',
      'reminder:a:03-23:email',
    ]);
  });

  it('skips a reminder whose moment had passed when the conference was scheduled', () => {
    const s = given(answered('a', 'accepted'), scheduled(at('08')));
    expect(plan(s).filter((m) => m.startsWith('reminder:a'))).toEqual(['reminder:a:03-07:email']);
  });

  it('cancels reminders and the nudge for who declined, and everything but the cancel notice on withdrawal', () => {
    const s = given(answered('a', 'declined'), scheduled(at('20')));
    expect(plan(s).filter((m) => m.includes(':a:'))).toEqual([]);
    const withdrawn = given(scheduled(at('20')), {
      type: 'CaseWithdrawn',
      data: { at: at('04'), reason: 'r' },
    });
    expect(plan(withdrawn)).toEqual([
      'conference-cancelled:a:03-04:email',
      'conference-cancelled:b:03-04:phone',
    ]);
    const unscheduled = given({ type: 'CaseWithdrawn', data: { at: at('04'), reason: 'r' } });
    expect(planMessages(unscheduled, settings)).toEqual([]);
  });

  it('sends the plan to the attendees and the follow-up contact later, not after closing', () => {
    const s = given(answered('a', 'accepted'), answered('b', 'accepted'), ...heldAndDistributed);
    expect(plan(s).filter((m) => !m.startsWith('invitation'))).toEqual([
      'plan:a:03-22:email',
      'follow-up:a:06-20:email',
      'plan:b:03-22:phone',
      'follow-up:b:06-20:phone',
    ]);
    const closed = evolve(s, { type: 'CaseClosed', data: { at: at('23') } });
    expect(plan(closed).filter((m) => m.startsWith('follow-up'))).toEqual([]);
  });

  it('plans nothing more for a removed participant: what was still due is cancelled', () => {
    const s = given(answered('a', 'accepted'), scheduled(at('20')));
    expect(plan(s).some((m) => m.includes(':b:'))).toBe(true);
    const removed = evolve(s, {
      type: 'ParticipantRemoved',
      data: { at: at('04'), participantId: 'b', reason: 'r' },
    });
    expect(plan(removed).filter((m) => m.includes(':b:'))).toEqual([]);
    expect(plan(removed)).toEqual(plan(s).filter((m) => !m.includes(':b:')));
  });

  it('invites again at a corrected address, until they answered', () => {
    const corrected = given({
      type: 'ParticipantCorrected',
      data: { at: at('04'), participantId: 'a', email: 'a2@x.nl' },
    });
    const invitations = planMessages(corrected, settings).filter((m) => m.kind === 'invitation');
    expect(invitations.map((m) => `${m.participantId}:${m.dueAt.slice(5, 10)}:${m.email}`)).toEqual([
      'a:03-02:a2@x.nl',
      'a:03-04:a2@x.nl',
      'b:03-02:undefined',
    ]);
    const renamed = given({
      type: 'ParticipantCorrected',
      data: { at: at('04'), participantId: 'a', name: 'Ann' },
    });
    expect(plan(renamed)).toEqual(plan(given()));
    const answered = evolve(corrected, answered_('a'));
    expect(plan(answered).filter((m) => m.startsWith('invitation:a'))).toEqual(['invitation:a:03-02:email']);
  });

  it('sends the plan but no research follow-up to who said no to research contact', () => {
    const s = given(
      {
        type: 'ParticipantAnswered',
        data: { at: at('03'), participantId: 'a', answer: 'accepted', researchContact: false },
      },
      answered('b', 'accepted'),
      ...heldAndDistributed,
    );
    expect(plan(s).filter((m) => !m.startsWith('invitation'))).toEqual([
      'plan:a:03-22:email',
      'plan:b:03-22:phone',
      'follow-up:b:06-20:phone',
    ]);
  });

  it('separates what is due now from what comes later, leaving out what is done', () => {
    const s = given();
    const [invitation] = planMessages(s, settings);
    const { due, later } = dueMessages(s, new Set([invitation.key]), settings, new Date(at('03')));
    expect(due.map((m) => `${m.kind}:${m.participantId}`)).toEqual(['invitation:b']);
    expect(later.map((m) => m.kind)).toEqual(['answer-nudge', 'answer-nudge']);
  });

  it('plans nothing for an erased participant: no mail, and no phone call either', () => {
    const s = erasePerson(erasePerson(given(answered('a', 'accepted'), scheduled(at('20'))), 'a'), 'b');
    expect(s.participants.map((p) => p.name)).toEqual([ERASED, ERASED]);
    expect(planMessages(s, settings)).toEqual([]);
    const onlyA = erasePerson(given(), 'a');
    expect(plan(onlyA)).toEqual(['invitation:b:03-02:phone', 'answer-nudge:b:03-07:phone']);
  });

  it('derives the same key for the same message, another for another due time', () => {
    const [a1] = planMessages(given(), settings);
    const [a2] = planMessages(given(), settings);
    expect(a1.key).toBe(a2.key);
    const later = planMessages(given(), { ...settings, answerNudgeAfterMs: 6 * DAY })[1];
    expect(later.key).not.toBe(planMessages(given(), settings)[1].key);
  });
});

describe('message policy: the conference date', () => {
  const moved = (startsAt: string, when: string, location = 'L'): DomainEvent => ({
    type: 'ConferenceScheduled',
    data: { at: when, startsAt, location, rescheduled: true },
  });
  const invited = (participantId: string, when: string, email?: string): DomainEvent => ({
    type: 'ParticipantInvited',
    data: {
      at: when,
      participantId,
      name: participantId.toUpperCase(),
      role: 'family',
      ...(email ? { email } : {}),
    },
  });
  const withdrawn = (when: string): DomainEvent => ({
    type: 'CaseWithdrawn',
    data: { at: when, reason: 'r' },
  });
  const notices = (s: CaseState) =>
    planMessages(s, settings)
      .filter((m) => m.kind.startsWith('conference-'))
      .map((m) => `${m.kind}:${m.participantId}:${m.dueAt.slice(5, 10)}:${m.sequence}`);

  it('tells everyone invited before the date was set, once; someone invited later reads it in the invitation', () => {
    const s = given(scheduled(at('20')), invited('c', at('05'), 'c@x.nl'));
    expect(notices(s)).toEqual(['conference-scheduled:a:03-03:0', 'conference-scheduled:b:03-03:0']);
    const [notice] = planMessages(s, settings).filter((m) => m.kind === 'conference-scheduled');
    expect(notice).toMatchObject({ reachBy: 'email', email: 'a@x.nl', expiresAt: at('20'), sequence: 0 });
    expect(plan(s).filter((m) => m.includes(':c:'))).toEqual([
      'invitation:c:03-05:email',
      'answer-nudge:c:03-10:email',
      'reminder:c:03-13:email',
      'reminder:c:03-19:email',
    ]);
  });

  it('tells no one who declined, was removed or was erased', () => {
    const s = given(
      invited('c', at('02'), 'c@x.nl'),
      invited('d', at('02'), 'd@x.nl'),
      answered('a', 'declined'),
      { type: 'ParticipantRemoved', data: { at: at('03'), participantId: 'c', reason: 'r' } },
      scheduled(at('20'), at('04')),
    );
    expect(notices(erasePerson(s, 'd'))).toEqual(['conference-scheduled:b:03-04:0']);
    expect(notices(evolve(erasePerson(s, 'd'), withdrawn(at('05'))))).toEqual([
      'conference-cancelled:b:03-05:0',
    ]);
  });

  it('plans only the newest notice: a reschedule while the first is still queued replaces it', () => {
    const first = given(scheduled(at('20')));
    const [before] = planMessages(first, settings).filter(
      (m) => m.participantId === 'a' && m.kind === 'conference-scheduled',
    );
    const again = evolve(first, moved(at('27'), at('04')));
    expect(notices(again)).toEqual(['conference-rescheduled:a:03-04:1', 'conference-rescheduled:b:03-04:1']);
    expect(planMessages(again, settings).map((m) => m.key)).not.toContain(before.key);
    const third = evolve(again, moved(at('27'), at('05'), 'Elders'));
    expect(notices(third)).toEqual(['conference-rescheduled:a:03-05:2', 'conference-rescheduled:b:03-05:2']);
  });

  it('tells of a change someone invited between the first date and the change', () => {
    const s = given(scheduled(at('20')), invited('c', at('04'), 'c@x.nl'), moved(at('27'), at('05')));
    expect(notices(s)).toEqual([
      'conference-rescheduled:a:03-05:1',
      'conference-rescheduled:b:03-05:1',
      'conference-rescheduled:c:03-05:1',
    ]);
  });

  it('counts an adjournment with a new date as a change', () => {
    const s = given(answered('a', 'accepted'), answered('b', 'accepted'), scheduled(at('10')), {
      type: 'ConferenceAdjourned',
      data: {
        at: at('10'),
        heldAt: at('10'),
        attendees: ['a', 'b'],
        reason: 'r',
        continuesAt: at('24'),
        location: 'L',
      },
    });
    expect(notices(s)).toEqual(['conference-rescheduled:a:03-10:1', 'conference-rescheduled:b:03-10:1']);
  });

  it('plans no notice once the conference was held', () => {
    const s = given(answered('a', 'accepted'), answered('b', 'accepted'), ...heldAndDistributed);
    expect(notices(s)).toEqual([]);
  });

  it('cancels only a date that was told and has not come: never before scheduling, never after it was held', () => {
    expect(notices(given(withdrawn(at('04'))))).toEqual([]);
    const told = given(scheduled(at('20')), moved(at('27'), at('04')), withdrawn(at('05')));
    const cancels = planMessages(told, settings);
    expect(cancels.map((m) => `${m.kind}:${m.participantId}:${m.sequence}`)).toEqual([
      'conference-cancelled:a:1',
      'conference-cancelled:b:1',
    ]);
    expect(cancels[0]).toMatchObject({ dueAt: at('05'), expiresAt: at('27') });
    // Withdrawn after the date had passed (say, the meeting never took place): nothing to cancel.
    expect(notices(given(scheduled(at('20')), withdrawn(at('21'))))).toEqual([]);
  });
});

describe('retry delay', () => {
  it('doubles from the base up to the cap, with jitter in the upper half', () => {
    expect([1, 2, 3].map((n) => retryDelay(n, DEFAULT_RETRY, () => 0))).toEqual([15_000, 30_000, 60_000]);
    expect(retryDelay(1, DEFAULT_RETRY, () => 1)).toBe(30_000);
    expect(retryDelay(30, DEFAULT_RETRY, () => 1)).toBe(3_600_000);
  });

  it('keeps retrying for more than a day in all', () => {
    let total = 0;
    for (let n = 1; n < DEFAULT_RETRY.maxAttempts; n++) total += retryDelay(n, DEFAULT_RETRY, () => 0);
    expect(total).toBeGreaterThan(24 * 3_600_000);
  });
});
