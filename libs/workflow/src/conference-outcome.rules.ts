import { CONFERENCE_PLAN_RULES } from './conference-plan.rules';
import { FOLLOW_UP_RULES } from './follow-up.rules';
import {
  attendeesInvited,
  hasAttendees,
  heldByNow,
  heldSinceScheduled,
  isDistributed,
  isInvited,
  isRemoved,
  isScheduled,
  planRecipients,
  sameSet,
  time,
} from './rule-checks';
import { redeclare, stepRule } from './rule-table';

const { NOT_SCHEDULED, TOO_FEW_ACCEPTED, NO_ATTENDEES, ATTENDEE_NOT_INVITED, HELD_IN_FUTURE } =
  CONFERENCE_PLAN_RULES;
const { HELD_BEFORE_SCHEDULED } = CONFERENCE_PLAN_RULES;
const { PLAN_NOT_DISTRIBUTED } = FOLLOW_UP_RULES;

/** The steps at which the conference meets: it is held, or it meets and is adjourned. */
const MEETING = ['hold-conference', 'adjourn-conference'] as const;

/**
 * Version 2: the rules of how a conference ends (adjourned, held, with or without a plan), who owns
 * the agreements and gets the plan, and when a follow-up conference can be asked for.
 */
export const CONFERENCE_OUTCOME_RULES = {
  NOT_SCHEDULED: redeclare(NOT_SCHEDULED, MEETING, isScheduled),
  /** Two accepted participants who were not removed: a removed one no longer takes part. */
  TOO_FEW_ACCEPTED: redeclare(
    TOO_FEW_ACCEPTED,
    MEETING,
    (c) => c.participants.filter((p) => p.answer === 'accepted' && !p.removed).length >= 2,
  ),
  NO_ATTENDEES: redeclare(NO_ATTENDEES, MEETING, hasAttendees),
  ATTENDEE_NOT_INVITED: redeclare(ATTENDEE_NOT_INVITED, MEETING, attendeesInvited),
  HELD_IN_FUTURE: redeclare(HELD_IN_FUTURE, MEETING, heldByNow),
  HELD_BEFORE_SCHEDULED: redeclare(HELD_BEFORE_SCHEDULED, MEETING, heldSinceScheduled),
  /** A removed participant does not attend any meeting of the conference. */
  ATTENDEE_REMOVED: stepRule({
    code: 'CONFERENCE.ATTENDEE_REMOVED',
    steps: MEETING,
    message: 'A participant who was removed cannot attend the conference.',
    nl: 'Iemand in de lijst van aanwezigen doet niet meer mee aan de conferentie.',
    scope: 'payload',
    check: (c, p) => !p.data.attendees.some((id) => isRemoved(c, id)),
  }),
  /** An adjourned conference continues at a time still to come. */
  CONTINUES_NOT_IN_FUTURE: stepRule({
    code: 'CONFERENCE.CONTINUES_NOT_IN_FUTURE',
    steps: ['adjourn-conference'],
    message: 'An adjourned conference must continue at a time in the future.',
    nl: 'De nieuwe datum voor het vervolg van de conferentie is al voorbij.',
    scope: 'payload',
    check: (_, p) => time(p.data.continuesAt) > time(p.data.at),
  }),
  /**
   * Owners are invited participants who were not removed, whether they attended or not (grandmother,
   * who could not come, can still collect the children on Wednesdays). An owner who neither accepted nor
   * attended does not get the plan (API.md: attendees and those who accepted).
   * Replaces version 1's `PLAN.OWNER_NOT_ATTENDEE`.
   */
  OWNER_NOT_PARTICIPANT: stepRule({
    code: 'PLAN.OWNER_NOT_PARTICIPANT',
    steps: ['record-plan'],
    message: 'Every owner of an agreement must be an invited participant who was not removed.',
    nl: 'Een afspraak is alleen voor uitgenodigde deelnemers die nog meedoen.',
    scope: 'payload',
    check: (c, p) =>
      p.data.agreements.every((a) => a.ownerIds.every((id) => isInvited(c, id) && !isRemoved(c, id))),
  }),
  /**
   * The plan goes to every participant who attended and every one who accepted but could not come,
   * and to no one who declined without attending or was removed. The step computes its recipients,
   * so through `decide` this never fails; it is the machine's own statement of who gets the plan, and
   * it is checked again whenever a history is replayed through the machine.
   */
  RECIPIENTS: stepRule({
    code: 'PLAN.RECIPIENTS',
    steps: ['distribute-plan'],
    message: 'The plan goes to exactly the participants who attended or accepted and were not removed.',
    nl: 'Het plan gaat naar wie er was of zei te komen. Niet naar wie niet meer meedoet.',
    scope: 'payload',
    check: (c, p) => sameSet(p.data.recipients, planRecipients(c)),
  }),
  /** Follow-up contact still comes only after the plan was distributed. */
  PLAN_NOT_DISTRIBUTED: redeclare(PLAN_NOT_DISTRIBUTED, ['contact-follow-up'], isDistributed),
  /** A follow-up conference: after the plan was distributed, or after the conference ended without one. */
  NOT_CONCLUDED: stepRule({
    code: 'FOLLOW_UP.NOT_CONCLUDED',
    steps: ['request-follow-up-conference'],
    message:
      'A follow-up conference can be asked for only after the plan was distributed or the conference ended without a plan.',
    nl: 'Een vervolgconferentie kan nog niet. Dat kan pas als het plan is verstuurd, of als er geen plan kwam.',
    scope: 'state',
    check: (c) => c.distribution !== undefined || c.noPlan !== undefined,
  }),
};
