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
    nl: 'De conferentie heeft nog geen datum.',
    scope: 'state',
    check: isScheduled,
  }),
  /** A conference can be held only when at least two invited participants accepted. */
  TOO_FEW_ACCEPTED: stepRule({
    code: 'CONFERENCE.TOO_FEW_ACCEPTED',
    steps: ['hold-conference'],
    message: 'At least two invited participants must have accepted.',
    nl: 'Nog geen twee deelnemers hebben gezegd dat ze komen.',
    scope: 'state',
    check: (c) => c.participants.filter((p) => p.answer === 'accepted').length >= 2,
  }),
  /** A held conference records at least one attendee. */
  NO_ATTENDEES: stepRule({
    code: 'CONFERENCE.NO_ATTENDEES',
    steps: ['hold-conference'],
    message: 'A held conference needs at least one attendee.',
    nl: 'Er staat niemand in de lijst van aanwezigen. Bij een conferentie was minstens één deelnemer.',
    scope: 'payload',
    check: hasAttendees,
  }),
  /** Attendees are a subset of the invited participants. */
  ATTENDEE_NOT_INVITED: stepRule({
    code: 'CONFERENCE.ATTENDEE_NOT_INVITED',
    steps: ['hold-conference'],
    message: 'Every attendee must be an invited participant.',
    nl: 'Iemand in de lijst van aanwezigen is niet uitgenodigd. Alleen uitgenodigde deelnemers kunnen erbij zijn.',
    scope: 'payload',
    check: attendeesInvited,
  }),
  /** A group conference never records a private part. */
  PRIVATE_PART_IN_GROUP: stepRule({
    code: 'CONFERENCE.PRIVATE_PART_IN_GROUP',
    steps: ['hold-conference'],
    message: 'A group conference has no private part.',
    nl: 'Een groepsconferentie heeft geen besloten deel.',
    scope: 'payload',
    check: (c, p) => c.kind !== 'group' || p.data.privatePartHeld === undefined,
  }),
  /** A family conference records whether its private part took place. */
  PRIVATE_PART_NOT_RECORDED: stepRule({
    code: 'CONFERENCE.PRIVATE_PART_NOT_RECORDED',
    steps: ['hold-conference'],
    message: 'A family conference must record whether its private part took place.',
    nl: 'Bij een familieconferentie staat erbij of het besloten deel er was. Dat ontbreekt nu.',
    scope: 'payload',
    check: (c, p) => c.kind !== 'family' || typeof p.data.privatePartHeld === 'boolean',
  }),
  /** A conference cannot be recorded as held at a time still to come. */
  HELD_IN_FUTURE: stepRule({
    code: 'CONFERENCE.HELD_IN_FUTURE',
    steps: ['hold-conference'],
    message: 'A conference cannot be recorded as held in the future.',
    nl: 'Die datum komt nog. Een conferentie die nog moet komen, is nog niet gehouden.',
    scope: 'payload',
    check: heldByNow,
  }),
  /** A conference cannot have been held before it was scheduled. */
  HELD_BEFORE_SCHEDULED: stepRule({
    code: 'CONFERENCE.HELD_BEFORE_SCHEDULED',
    steps: ['hold-conference'],
    message: 'A conference cannot have been held before it was scheduled.',
    nl: 'Die datum ligt vóór het moment waarop de conferentie werd gepland. Dat kan niet.',
    scope: 'payload',
    check: heldSinceScheduled,
  }),
  /** A plan is recorded only after the conference was held. */
  CONFERENCE_NOT_HELD: stepRule({
    code: 'PLAN.CONFERENCE_NOT_HELD',
    steps: ['record-plan'],
    message: 'A plan can be recorded only after the conference was held.',
    nl: 'Het plan kan pas worden opgeschreven als de conferentie is geweest.',
    scope: 'state',
    check: (c) => c.conference !== undefined,
  }),
  /** A plan needs at least one agreement. */
  NO_AGREEMENTS: stepRule({
    code: 'PLAN.NO_AGREEMENTS',
    steps: ['record-plan'],
    message: 'A plan needs at least one agreement.',
    nl: 'Er staat nog geen afspraak in het plan. Een plan heeft minstens één afspraak.',
    scope: 'payload',
    check: (_, p) => p.data.agreements.length > 0,
  }),
  /** Each agreement has an owner, an action and a when. */
  AGREEMENT_INCOMPLETE: stepRule({
    code: 'PLAN.AGREEMENT_INCOMPLETE',
    steps: ['record-plan'],
    message: 'Every agreement needs an owner, an action and a when.',
    nl: 'Bij een afspraak ontbreekt iets. Bij elke afspraak staat wie het doet, wat er gebeurt en wanneer.',
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
    nl: 'Een afspraak is alleen voor deelnemers die op de conferentie waren.',
    scope: 'payload',
    check: (c, p) =>
      p.data.agreements.every((a) => a.ownerIds.every((id) => c.conference?.attendees.includes(id))),
  }),
  /** A plan says what happens if it does not work. */
  NO_FALLBACK: stepRule({
    code: 'PLAN.NO_FALLBACK',
    steps: ['record-plan'],
    message: 'A plan must say what happens if it does not work.',
    nl: 'Het plan zegt nog niet wat er gebeurt als het niet lukt.',
    scope: 'payload',
    check: (_, p) => !blank(p.data.ifItDoesNotWork),
  }),
  /** Only a recorded plan can be distributed (to the attendees, which the step computes itself). */
  PLAN_NOT_RECORDED: stepRule({
    code: 'PLAN.NOT_RECORDED',
    steps: ['distribute-plan'],
    message: 'There is no plan to distribute yet.',
    nl: 'Er is nog geen plan om te versturen.',
    scope: 'state',
    check: (c) => c.plan !== undefined,
  }),
};
