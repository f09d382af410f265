import fc from 'fast-check';
import {
  CONFERENCE_KINDS,
  ISSUE_TYPES,
  LANGUAGES,
  REASON_CODES,
  type Agreement,
  type Command,
} from '../types';

const pid = fc.constantFrom('p1', 'p2', 'p3', 'p4');
const text = fc.constantFrom('Because.', 'Plan B', '', '  ');
const hoursFromNow = fc.integer({ min: -72, max: 72 });
/** An optional field of version 2: absent, or one of its values (a version 1 case records none). */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const only = <K extends string, T>(key: K, value: T | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
const reasonCode = maybe(fc.constantFrom(...REASON_CODES));

const FINISHING = ['decline', 'withdraw', 'close'];
const SIDE_STEPS = [
  'assign-coordinator',
  'record-preparation',
  'revise-questions',
  'correct-participant',
  'remove-participant',
  'adjourn-conference',
  'record-no-plan',
];

/**
 * The step a move picks among those allowed now: usually one that moves the case on (no finishing
 * step, no side step), at `pick` 14 to 19 a side step (a replacement, a preparation, a correction, an
 * adjournment, an end without a plan), and the finishing ones only at `pick` 20.
 */
export function pickStep<S extends string>(allowed: S[], pick: number): S | undefined {
  const going = allowed.filter((s) => !FINISHING.includes(s));
  const side = going.filter((s) => SIDE_STEPS.includes(s));
  const onward = going.filter((s) => !SIDE_STEPS.includes(s));
  const candidates =
    pick === 20 ? allowed : pick >= 14 && side.length > 0 ? side : onward.length > 0 ? onward : going;
  return candidates.length > 0 ? candidates[pick % candidates.length] : undefined;
}

/** A command with a payload drawn from small pools, so that collisions and bad content happen. */
export const anyCommand: fc.Arbitrary<(now: Date) => Command> = fc.oneof(
  fc
    .record({ kind: fc.constantFrom('group' as const, 'family' as const), self: fc.boolean() })
    .map(({ kind, self }) => () => ({
      type: 'RequestConference' as const,
      caseId: 'case-1',
      reference: 'EK-1',
      kind,
      applicant: { personId: 'a', name: 'A' },
      region: 'R',
      description: 'D',
      channel: 'phone' as const,
      ...(self ? { followUpOf: 'case-1' } : {}),
    })),
  fc
    .record({
      questions: fc.array(text, { maxLength: 2 }),
      issueType: maybe(fc.constantFrom(...ISSUE_TYPES)),
    })
    .map(({ questions, issueType }) => () => ({
      type: 'CompleteIntake' as const,
      conferenceQuestions: questions,
      ...only('issueType', issueType),
    })),
  fc.record({ reason: text, code: reasonCode }).map(({ reason, code }) => () => ({
    type: 'DeclineRequest' as const,
    reason,
    ...only('reasonCode', code),
  })),
  fc
    .record({ questions: fc.array(fc.constantFrom('How?', 'Why?', ' '), { maxLength: 2 }), reason: text })
    .map(({ questions, reason }) => () => ({
      type: 'ReviseQuestions' as const,
      conferenceQuestions: questions,
      reason,
    })),
  fc
    .record({
      id: fc.constantFrom('c1', 'c2'),
      independent: fc.boolean(),
      reason: fc.option(text, { nil: undefined }),
    })
    .map(({ id, independent, reason }) => () => ({
      type: 'AssignCoordinator' as const,
      coordinatorId: id,
      name: 'C',
      email: 'c@x',
      independenceDeclared: independent,
      ...(reason === undefined ? {} : { reason }),
    })),
  fc
    .record({ participantId: pid, language: maybe(fc.constantFrom(...LANGUAGES)) })
    .map(({ participantId, language }) => () => ({
      type: 'InviteParticipant' as const,
      participantId,
      name: 'P',
      role: 'family' as const,
      ...only('language', language),
    })),
  fc
    .record({
      participantId: pid,
      name: maybe(fc.constantFrom('P', 'Q', ' ')),
      email: maybe(fc.constantFrom('p@x', 'q@x')),
      language: maybe(fc.constantFrom(...LANGUAGES)),
    })
    .map(({ participantId, name, email, language }) => () => ({
      type: 'CorrectParticipant' as const,
      participantId,
      ...only('name', name),
      ...only('email', email),
      ...only('language', language),
    })),
  fc
    .record({ participantId: pid, reason: text })
    .map((c) => () => ({ type: 'RemoveParticipant' as const, ...c })),
  pid.map((participantId) => () => ({ type: 'RecordPreparation' as const, participantId })),
  fc
    .record({
      participantId: pid,
      answer: fc.constantFrom('accepted' as const, 'declined' as const),
      researchContact: maybe(fc.boolean()),
    })
    .map(({ participantId, answer, researchContact }) => () => ({
      type: 'RecordAnswer' as const,
      participantId,
      answer,
      ...only('researchContact', researchContact),
    })),
  hoursFromNow.map((h) => (now: Date) => ({
    type: 'ScheduleConference' as const,
    startsAt: new Date(now.getTime() + h * 3_600_000).toISOString(),
    location: 'Hall',
  })),
  fc
    .record({
      h: hoursFromNow,
      attendees: fc.uniqueArray(pid, { maxLength: 4 }),
      part: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map(({ h, attendees, part }) => (now: Date) => ({
      type: 'HoldConference' as const,
      heldAt: new Date(now.getTime() - h * 3_600_000).toISOString(),
      attendees,
      ...(part === undefined ? {} : { privatePartHeld: part }),
    })),
  fc
    .record({
      h: hoursFromNow,
      continues: hoursFromNow,
      attendees: fc.uniqueArray(pid, { maxLength: 4 }),
      reason: text,
      location: maybe(fc.constant('Library')),
    })
    .map(({ h, continues, attendees, reason, location }) => (now: Date) => ({
      type: 'AdjournConference' as const,
      heldAt: new Date(now.getTime() - h * 3_600_000).toISOString(),
      attendees,
      reason,
      continuesAt: new Date(now.getTime() + continues * 3_600_000).toISOString(),
      ...only('location', location),
    })),
  fc
    .record({
      agreements: fc.array(
        fc.record({
          ownerIds: fc.uniqueArray(pid, { maxLength: 2 }),
          action: text,
          when: text,
        }) as fc.Arbitrary<Agreement>,
        { maxLength: 2 },
      ),
      fallback: text,
    })
    .map(({ agreements, fallback }) => () => ({
      type: 'RecordPlan' as const,
      agreements,
      ifItDoesNotWork: fallback,
    })),
  text.map((reason) => () => ({ type: 'RecordNoPlan' as const, reason })),
  fc.constant(() => ({ type: 'DistributePlan' as const })),
  fc.constantFrom('on-track' as const, 'unreachable' as const).map((outcome) => (now: Date) => ({
    type: 'ContactFollowUp' as const,
    contactedAt: now.toISOString(),
    outcome,
  })),
  fc
    .record({
      id: fc.constantFrom('case-1', 'case-2', 'case-3'),
      reason: text,
      kind: maybe(fc.constantFrom(...CONFERENCE_KINDS)),
    })
    .map(({ id, reason, kind }) => () => ({
      type: 'RequestFollowUpConference' as const,
      followUpCaseId: id,
      reason,
      ...only('kind', kind),
    })),
  fc.record({ reason: text, code: reasonCode }).map(({ reason, code }) => () => ({
    type: 'WithdrawCase' as const,
    reason,
    ...only('reasonCode', code),
  })),
  fc.constant(() => ({ type: 'CloseCase' as const })),
);

/**
 * One move of a random session: either a random command, or (to get deep into the workflow) the
 * example command of the `pick`-th step allowed now (finishing steps only when `pick` is 20, so
 * that sessions get deep). `hours` moves the clock forward.
 */
export const move = fc.record({
  command: anyCommand,
  useAllowed: fc.nat(3).map((n) => n > 0),
  pick: fc.nat(20),
  hours: fc.integer({ min: 0, max: 48 }),
});
export type Move = typeof move extends fc.Arbitrary<infer T> ? T : never;
