import {
  attendeesInvited,
  blank,
  hasAttendees,
  heldByNow,
  heldSinceScheduled,
  isScheduled,
} from './rule-checks';
import { stepRule } from './rule-table';

/** The rules of holding the conference and recording and distributing its plan. */
export const CONFERENCE_PLAN_RULES = {
  /** A conference can be held only when it is scheduled. */
  NOT_SCHEDULED: stepRule({
    code: 'CONFERENCE.NOT_SCHEDULED',
    steps: ['hold-conference'],
    message: 'The conference is not scheduled yet.',
    scope: 'state',
    check: isScheduled,
  }),
  /** A conference can be held only when at least two invited participants accepted. */
  TOO_FEW_ACCEPTED: stepRule({
    code: 'CONFERENCE.TOO_FEW_ACCEPTED',
    steps: ['hold-conference'],
    message: 'At least two invited participants must have accepted.',
    scope: 'state',
    check: (c) => c.participants.filter((p) => p.answer === 'accepted').length >= 2,
  }),
  /** A held conference records at least one attendee. */
  NO_ATTENDEES: stepRule({
    code: 'CONFERENCE.NO_ATTENDEES',
    steps: ['hold-conference'],
    message: 'A held conference needs at least one attendee.',
    scope: 'payload',
    check: hasAttendees,
  }),
  /** Attendees are a subset of the invited participants. */
  ATTENDEE_NOT_INVITED: stepRule({
    code: 'CONFERENCE.ATTENDEE_NOT_INVITED',
    steps: ['hold-conference'],
    message: 'Every attendee must be an invited participant.',
    scope: 'payload',
    check: attendeesInvited,
  }),
  /** A group conference never records a private part. */
  PRIVATE_PART_IN_GROUP: stepRule({
    code: 'CONFERENCE.PRIVATE_PART_IN_GROUP',
    steps: ['hold-conference'],
    message: 'A group conference has no private part.',
    scope: 'payload',
    check: (c, p) => c.kind !== 'group' || p.data.privatePartHeld === undefined,
  }),
  /** A family conference records whether its private part took place. */
  PRIVATE_PART_NOT_RECORDED: stepRule({
    code: 'CONFERENCE.PRIVATE_PART_NOT_RECORDED',
    steps: ['hold-conference'],
    message: 'A family conference must record whether its private part took place.',
    scope: 'payload',
    check: (c, p) => c.kind !== 'family' || typeof p.data.privatePartHeld === 'boolean',
  }),
  /** A conference cannot be recorded as held at a time still to come. */
  HELD_IN_FUTURE: stepRule({
    code: 'CONFERENCE.HELD_IN_FUTURE',
    steps: ['hold-conference'],
    message: 'A conference cannot be recorded as held in the future.',
    scope: 'payload',
    check: heldByNow,
  }),
  /** A conference cannot have been held before it was scheduled. */
  HELD_BEFORE_SCHEDULED: stepRule({
    code: 'CONFERENCE.HELD_BEFORE_SCHEDULED',
    steps: ['hold-conference'],
    message: 'A conference cannot have been held before it was scheduled.',
    scope: 'payload',
    check: heldSinceScheduled,
  }),
  /** A plan is recorded only after the conference was held. */
  CONFERENCE_NOT_HELD: stepRule({
    code: 'PLAN.CONFERENCE_NOT_HELD',
    steps: ['record-plan'],
    message: 'A plan can be recorded only after the conference was held.',
    scope: 'state',
    check: (c) => c.conference !== undefined,
  }),
  /** A plan needs at least one agreement. */
  NO_AGREEMENTS: stepRule({
    code: 'PLAN.NO_AGREEMENTS',
    steps: ['record-plan'],
    message: 'A plan needs at least one agreement.',
    scope: 'payload',
    check: (_, p) => p.data.agreements.length > 0,
  }),
  /** Each agreement has an owner, an action and a when. */
  AGREEMENT_INCOMPLETE: stepRule({
    code: 'PLAN.AGREEMENT_INCOMPLETE',
    steps: ['record-plan'],
    message: 'Every agreement needs an owner, an action and a when.',
    scope: 'payload',
    check: (_, p) =>
      p.data.agreements.every((a) => a.ownerIds.length > 0 && !blank(a.action) && !blank(a.when)),
  }),
  /**
   * Owners are participants who attended: agreements are made at the conference, and only attendees
   * receive the plan, so every owner gets a copy of what they agreed to.
   */
  OWNER_NOT_ATTENDEE: stepRule({
    code: 'PLAN.OWNER_NOT_ATTENDEE',
    steps: ['record-plan'],
    message: 'Every owner of an agreement must be a participant who attended.',
    scope: 'payload',
    check: (c, p) =>
      p.data.agreements.every((a) => a.ownerIds.every((id) => c.conference?.attendees.includes(id))),
  }),
  /** A plan says what happens if it does not work. */
  NO_FALLBACK: stepRule({
    code: 'PLAN.NO_FALLBACK',
    steps: ['record-plan'],
    message: 'A plan must say what happens if it does not work.',
    scope: 'payload',
    check: (_, p) => !blank(p.data.ifItDoesNotWork),
  }),
  /** Only a recorded plan can be distributed (to the attendees, which the step computes itself). */
  PLAN_NOT_RECORDED: stepRule({
    code: 'PLAN.NOT_RECORDED',
    steps: ['distribute-plan'],
    message: 'There is no plan to distribute yet.',
    scope: 'state',
    check: (c) => c.plan !== undefined,
  }),
};
