import fc from 'fast-check';
import type { Agreement, Command } from '../types';

const pid = fc.constantFrom('p1', 'p2', 'p3', 'p4');
const text = fc.constantFrom('Because.', 'Plan B', '', '  ');
const hoursFromNow = fc.integer({ min: -72, max: 72 });

const FINISHING = ['decline', 'withdraw', 'close'];
const SIDE_STEPS = ['assign-coordinator', 'record-preparation'];

/**
 * The step a move picks among those allowed now: usually one that moves the case on (no finishing
 * step, no side step), sometimes any non-finishing step, and the finishing ones only at `pick` 20.
 */
export function pickStep<S extends string>(allowed: S[], pick: number): S | undefined {
  const onward = allowed.filter((s) => !FINISHING.includes(s) && !SIDE_STEPS.includes(s));
  const candidates =
    pick === 20
      ? allowed
      : pick >= 16 || onward.length === 0
        ? allowed.filter((s) => !FINISHING.includes(s))
        : onward;
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
    .array(text, { maxLength: 2 })
    .map((conferenceQuestions) => () => ({ type: 'CompleteIntake' as const, conferenceQuestions })),
  text.map((reason) => () => ({ type: 'DeclineRequest' as const, reason })),
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
  pid.map((participantId) => () => ({
    type: 'InviteParticipant' as const,
    participantId,
    name: 'P',
    role: 'family' as const,
  })),
  pid.map((participantId) => () => ({ type: 'RecordPreparation' as const, participantId })),
  fc
    .record({ participantId: pid, answer: fc.constantFrom('accepted' as const, 'declined' as const) })
    .map((c) => () => ({ type: 'RecordAnswer' as const, ...c })),
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
  fc.constant(() => ({ type: 'DistributePlan' as const })),
  fc.constantFrom('on-track' as const, 'unreachable' as const).map((outcome) => (now: Date) => ({
    type: 'ContactFollowUp' as const,
    contactedAt: now.toISOString(),
    outcome,
  })),
  fc
    .record({ id: fc.constantFrom('case-1', 'case-2', 'case-3'), reason: text })
    .map(({ id, reason }) => () => ({
      type: 'RequestFollowUpConference' as const,
      followUpCaseId: id,
      reason,
    })),
  text.map((reason) => () => ({ type: 'WithdrawCase' as const, reason })),
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
