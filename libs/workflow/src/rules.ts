/**
 * Every rule the workflow enforces, by stable code. A refusal names exactly one of these.
 *
 * `scope` says what a rule looks at:
 * - `state`: only the case as it is (order of steps, who is assigned, how many accepted). When such a
 *   rule fails, no payload of that step can succeed now, so the step is not in `nextSteps`.
 * - `payload`: what the command says (questions, attendees, owners, times). The step stays in
 *   `nextSteps`; a better payload can succeed.
 */
export const RULES = {
  /** The step is not one the case's current state allows (order of steps; finished cases). */
  STEP_NOT_ALLOWED: 'CASE.STEP_NOT_ALLOWED',
  /** A step other than `request` on a case that does not exist. */
  NOT_FOUND: 'CASE.NOT_FOUND',
  /** `request` for a case id that already has a history. */
  ALREADY_EXISTS: 'CASE.ALREADY_EXISTS',
  /** A request that names itself as the case it follows up. */
  FOLLOW_UP_OF_ITSELF: 'CASE.FOLLOW_UP_OF_ITSELF',
  /** Decline, withdrawal and follow-up conference requests need a non-blank reason. */
  REASON_REQUIRED: 'CASE.REASON_REQUIRED',
  /** The intake must produce at least one (non-blank) conference question. */
  NO_QUESTIONS: 'INTAKE.NO_QUESTIONS',
  /** No coordinator before the intake produced at least one conference question. */
  NO_CONFERENCE_QUESTIONS: 'COORDINATOR.NO_CONFERENCE_QUESTIONS',
  /** The coordinator must declare independence (no relation to the parties, no stake). */
  INDEPENDENCE_NOT_DECLARED: 'COORDINATOR.INDEPENDENCE_NOT_DECLARED',
  /** Replacing a coordinator needs a reason. */
  REPLACEMENT_REASON_REQUIRED: 'COORDINATOR.REPLACEMENT_REASON_REQUIRED',
  /** The coordinator named is the one already assigned. */
  ALREADY_ASSIGNED: 'COORDINATOR.ALREADY_ASSIGNED',
  /** No invitations, preparation, answers or scheduling before a coordinator is assigned. */
  COORDINATOR_NOT_ASSIGNED: 'COORDINATOR.NOT_ASSIGNED',
  /** Participant ids are unique within a case. */
  ALREADY_INVITED: 'PARTICIPANT.ALREADY_INVITED',
  /** Only invited participants can be prepared or answer. */
  NOT_INVITED: 'PARTICIPANT.NOT_INVITED',
  /** A conference is scheduled in the future (relative to the step's time). */
  NOT_IN_FUTURE: 'SCHEDULE.NOT_IN_FUTURE',
  /** A conference can be held only when it is scheduled. */
  NOT_SCHEDULED: 'CONFERENCE.NOT_SCHEDULED',
  /** A conference can be held only when at least two invited participants accepted. */
  TOO_FEW_ACCEPTED: 'CONFERENCE.TOO_FEW_ACCEPTED',
  /** A held conference records at least one attendee. */
  NO_ATTENDEES: 'CONFERENCE.NO_ATTENDEES',
  /** Attendees are a subset of the invited participants. */
  ATTENDEE_NOT_INVITED: 'CONFERENCE.ATTENDEE_NOT_INVITED',
  /** A group conference never records a private part. */
  PRIVATE_PART_IN_GROUP: 'CONFERENCE.PRIVATE_PART_IN_GROUP',
  /** A family conference records whether its private part took place. */
  PRIVATE_PART_NOT_RECORDED: 'CONFERENCE.PRIVATE_PART_NOT_RECORDED',
  /** A conference cannot be recorded as held at a time still to come. */
  HELD_IN_FUTURE: 'CONFERENCE.HELD_IN_FUTURE',
  /** A conference cannot have been held before it was scheduled. */
  HELD_BEFORE_SCHEDULED: 'CONFERENCE.HELD_BEFORE_SCHEDULED',
  /** A plan is recorded only after the conference was held. */
  CONFERENCE_NOT_HELD: 'PLAN.CONFERENCE_NOT_HELD',
  /** A plan needs at least one agreement. */
  NO_AGREEMENTS: 'PLAN.NO_AGREEMENTS',
  /** Each agreement has an owner, an action and a when. */
  AGREEMENT_INCOMPLETE: 'PLAN.AGREEMENT_INCOMPLETE',
  /**
   * Owners are participants who attended: agreements are made at the conference, and only attendees
   * receive the plan, so every owner gets a copy of what they agreed to.
   */
  OWNER_NOT_ATTENDEE: 'PLAN.OWNER_NOT_ATTENDEE',
  /** A plan says what happens if it does not work. */
  NO_FALLBACK: 'PLAN.NO_FALLBACK',
  /** Only a recorded plan can be distributed. */
  PLAN_NOT_RECORDED: 'PLAN.NOT_RECORDED',
  /** Follow-up contact and follow-up conferences come only after the plan was distributed. */
  PLAN_NOT_DISTRIBUTED: 'FOLLOW_UP.PLAN_NOT_DISTRIBUTED',
  /** Follow-up contact is recorded after the plan was distributed, and not in the future. */
  CONTACT_TIME: 'FOLLOW_UP.CONTACT_TIME',
  /** A follow-up conference is a new case: its id differs from this case's. */
  SAME_CASE: 'FOLLOW_UP.SAME_CASE',
  /** That follow-up case is already linked to this case. */
  ALREADY_LINKED: 'FOLLOW_UP.ALREADY_LINKED',
} as const;

export type RuleKey = keyof typeof RULES;
export type RuleCode = (typeof RULES)[RuleKey];

const STATE_SCOPED: ReadonlySet<RuleCode> = new Set<RuleCode>([
  RULES.STEP_NOT_ALLOWED,
  RULES.NOT_FOUND,
  RULES.ALREADY_EXISTS,
  RULES.NO_CONFERENCE_QUESTIONS,
  RULES.COORDINATOR_NOT_ASSIGNED,
  RULES.NOT_SCHEDULED,
  RULES.TOO_FEW_ACCEPTED,
  RULES.CONFERENCE_NOT_HELD,
  RULES.PLAN_NOT_RECORDED,
  RULES.PLAN_NOT_DISTRIBUTED,
]);

/** `state` when the rule depends only on the case (see {@link RULES}), `payload` otherwise. */
export function ruleScope(rule: string): 'state' | 'payload' {
  return STATE_SCOPED.has(rule as RuleCode) ? 'state' : 'payload';
}

/** Plain English sentences for staff, one per rule. */
export const RULE_MESSAGES: Record<RuleCode, string> = {
  'CASE.STEP_NOT_ALLOWED': 'This step is not allowed in the current state of the case.',
  'CASE.NOT_FOUND': 'There is no such case; only a request can start one.',
  'CASE.ALREADY_EXISTS': 'A case with this id already exists.',
  'CASE.FOLLOW_UP_OF_ITSELF': 'A case cannot be a follow-up of itself.',
  'CASE.REASON_REQUIRED': 'A reason is required.',
  'INTAKE.NO_QUESTIONS': 'The intake needs at least one conference question.',
  'COORDINATOR.NO_CONFERENCE_QUESTIONS':
    'A coordinator can be assigned only after the intake produced a conference question.',
  'COORDINATOR.INDEPENDENCE_NOT_DECLARED': 'The coordinator must declare independence.',
  'COORDINATOR.REPLACEMENT_REASON_REQUIRED': 'Replacing the coordinator needs a reason.',
  'COORDINATOR.ALREADY_ASSIGNED': 'This coordinator is already assigned to the case.',
  'COORDINATOR.NOT_ASSIGNED': 'A coordinator must be assigned first.',
  'PARTICIPANT.ALREADY_INVITED': 'This participant is already invited.',
  'PARTICIPANT.NOT_INVITED': 'This participant is not invited to the conference.',
  'SCHEDULE.NOT_IN_FUTURE': 'The conference must be scheduled in the future.',
  'CONFERENCE.NOT_SCHEDULED': 'The conference is not scheduled yet.',
  'CONFERENCE.TOO_FEW_ACCEPTED': 'At least two invited participants must have accepted.',
  'CONFERENCE.NO_ATTENDEES': 'A held conference needs at least one attendee.',
  'CONFERENCE.ATTENDEE_NOT_INVITED': 'Every attendee must be an invited participant.',
  'CONFERENCE.PRIVATE_PART_IN_GROUP': 'A group conference has no private part.',
  'CONFERENCE.PRIVATE_PART_NOT_RECORDED':
    'A family conference must record whether its private part took place.',
  'CONFERENCE.HELD_IN_FUTURE': 'A conference cannot be recorded as held in the future.',
  'CONFERENCE.HELD_BEFORE_SCHEDULED': 'A conference cannot have been held before it was scheduled.',
  'PLAN.CONFERENCE_NOT_HELD': 'A plan can be recorded only after the conference was held.',
  'PLAN.NO_AGREEMENTS': 'A plan needs at least one agreement.',
  'PLAN.AGREEMENT_INCOMPLETE': 'Every agreement needs an owner, an action and a when.',
  'PLAN.OWNER_NOT_ATTENDEE': 'Every owner of an agreement must be a participant who attended.',
  'PLAN.NO_FALLBACK': 'A plan must say what happens if it does not work.',
  'PLAN.NOT_RECORDED': 'There is no plan to distribute yet.',
  'FOLLOW_UP.PLAN_NOT_DISTRIBUTED': 'Follow-up comes only after the plan was distributed.',
  'FOLLOW_UP.CONTACT_TIME': 'The follow-up contact lies between the distribution of the plan and now.',
  'FOLLOW_UP.SAME_CASE': 'A follow-up conference is a new case with its own id.',
  'FOLLOW_UP.ALREADY_LINKED': 'This follow-up case is already linked to the case.',
};
