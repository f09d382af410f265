import { RULES, type RuleCode } from './rules';
import type { CaseStep, StepEvent } from './steps';
import type { CaseState } from './types';

/** Rules the machine checks as guards (the others are checked before a case exists). */
export type GuardCode = Exclude<
  RuleCode,
  'CASE.STEP_NOT_ALLOWED' | 'CASE.NOT_FOUND' | 'CASE.ALREADY_EXISTS' | 'CASE.FOLLOW_UP_OF_ITSELF'
>;
/** True when the rule holds for this case and proposed step. */
export type Check = (context: CaseState, event: StepEvent) => boolean;

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const time = (iso: string): number => Date.parse(iso);
const invited = (c: CaseState, id: string): boolean => c.participants.some((p) => p.participantId === id);

/** Each guard by rule code; a guard looks only at the step it belongs to (see STEP_RULES). */
export const CHECKS: Record<GuardCode, Check> = {
  [RULES.REASON_REQUIRED]: (_, e) =>
    (e.type !== 'decline' && e.type !== 'withdraw' && e.type !== 'request-follow-up-conference') ||
    !blank(e.event.data.reason),
  [RULES.NO_QUESTIONS]: (_, e) =>
    e.type !== 'complete-intake' ||
    (e.event.data.conferenceQuestions.length > 0 && !e.event.data.conferenceQuestions.some((q) => blank(q))),
  [RULES.NO_CONFERENCE_QUESTIONS]: (c) => c.conferenceQuestions.length > 0,
  [RULES.INDEPENDENCE_NOT_DECLARED]: (_, e) =>
    e.type !== 'assign-coordinator' || e.event.data.independenceDeclared === true,
  [RULES.ALREADY_ASSIGNED]: (c, e) =>
    e.type !== 'assign-coordinator' || c.coordinator?.coordinatorId !== e.event.data.coordinatorId,
  [RULES.REPLACEMENT_REASON_REQUIRED]: (c, e) =>
    e.type !== 'assign-coordinator' || c.coordinator === undefined || !blank(e.event.data.reason),
  [RULES.COORDINATOR_NOT_ASSIGNED]: (c) => c.coordinator !== undefined,
  [RULES.ALREADY_INVITED]: (c, e) =>
    e.type !== 'invite-participant' || !invited(c, e.event.data.participantId),
  [RULES.NOT_INVITED]: (c, e) =>
    (e.type !== 'record-preparation' && e.type !== 'record-answer') || invited(c, e.event.data.participantId),
  [RULES.NOT_IN_FUTURE]: (_, e) =>
    e.type !== 'schedule-conference' || time(e.event.data.startsAt) > time(e.event.data.at),
  [RULES.NOT_SCHEDULED]: (c) => c.schedule !== undefined,
  [RULES.TOO_FEW_ACCEPTED]: (c) => c.participants.filter((p) => p.answer === 'accepted').length >= 2,
  [RULES.NO_ATTENDEES]: (_, e) => e.type !== 'hold-conference' || e.event.data.attendees.length > 0,
  [RULES.ATTENDEE_NOT_INVITED]: (c, e) =>
    e.type !== 'hold-conference' || e.event.data.attendees.every((id) => invited(c, id)),
  [RULES.PRIVATE_PART_IN_GROUP]: (c, e) =>
    e.type !== 'hold-conference' || c.kind !== 'group' || e.event.data.privatePartHeld === undefined,
  [RULES.PRIVATE_PART_NOT_RECORDED]: (c, e) =>
    e.type !== 'hold-conference' || c.kind !== 'family' || typeof e.event.data.privatePartHeld === 'boolean',
  [RULES.HELD_IN_FUTURE]: (_, e) =>
    e.type !== 'hold-conference' || time(e.event.data.heldAt) <= time(e.event.data.at),
  [RULES.HELD_BEFORE_SCHEDULED]: (c, e) =>
    e.type !== 'hold-conference' ||
    c.schedule === undefined ||
    time(e.event.data.heldAt) >= time(c.schedule.scheduledAt),
  [RULES.CONFERENCE_NOT_HELD]: (c) => c.conference !== undefined,
  [RULES.NO_AGREEMENTS]: (_, e) => e.type !== 'record-plan' || e.event.data.agreements.length > 0,
  [RULES.AGREEMENT_INCOMPLETE]: (_, e) =>
    e.type !== 'record-plan' ||
    e.event.data.agreements.every((a) => a.ownerIds.length > 0 && !blank(a.action) && !blank(a.when)),
  [RULES.OWNER_NOT_ATTENDEE]: (c, e) =>
    e.type !== 'record-plan' ||
    e.event.data.agreements.every((a) => a.ownerIds.every((id) => c.conference?.attendees.includes(id))),
  [RULES.NO_FALLBACK]: (_, e) => e.type !== 'record-plan' || !blank(e.event.data.ifItDoesNotWork),
  [RULES.PLAN_NOT_RECORDED]: (c) => c.plan !== undefined,
  [RULES.PLAN_NOT_DISTRIBUTED]: (c) => c.distribution !== undefined,
  [RULES.CONTACT_TIME]: (c, e) =>
    e.type !== 'contact-follow-up' ||
    (time(e.event.data.contactedAt) <= time(e.event.data.at) &&
      (c.distribution === undefined || time(e.event.data.contactedAt) >= time(c.distribution.distributedAt))),
  [RULES.SAME_CASE]: (c, e) =>
    e.type !== 'request-follow-up-conference' || e.event.data.followUpCaseId !== c.id,
  [RULES.ALREADY_LINKED]: (c, e) =>
    e.type !== 'request-follow-up-conference' || !c.followUpCases.includes(e.event.data.followUpCaseId),
};

/**
 * The guards of each step, in the order a refusal reports them: the state rules (what must have
 * happened before) first, then the rules on what the command says.
 */
export const STEP_RULES: Record<CaseStep, readonly GuardCode[]> = {
  'complete-intake': [RULES.NO_QUESTIONS],
  decline: [RULES.REASON_REQUIRED],
  'assign-coordinator': [
    RULES.NO_CONFERENCE_QUESTIONS,
    RULES.INDEPENDENCE_NOT_DECLARED,
    RULES.ALREADY_ASSIGNED,
    RULES.REPLACEMENT_REASON_REQUIRED,
  ],
  'invite-participant': [RULES.COORDINATOR_NOT_ASSIGNED, RULES.ALREADY_INVITED],
  'record-preparation': [RULES.COORDINATOR_NOT_ASSIGNED, RULES.NOT_INVITED],
  'record-answer': [RULES.COORDINATOR_NOT_ASSIGNED, RULES.NOT_INVITED],
  'schedule-conference': [RULES.COORDINATOR_NOT_ASSIGNED, RULES.NOT_IN_FUTURE],
  'hold-conference': [
    RULES.NOT_SCHEDULED,
    RULES.TOO_FEW_ACCEPTED,
    RULES.NO_ATTENDEES,
    RULES.ATTENDEE_NOT_INVITED,
    RULES.PRIVATE_PART_IN_GROUP,
    RULES.PRIVATE_PART_NOT_RECORDED,
    RULES.HELD_IN_FUTURE,
    RULES.HELD_BEFORE_SCHEDULED,
  ],
  'record-plan': [
    RULES.CONFERENCE_NOT_HELD,
    RULES.NO_AGREEMENTS,
    RULES.AGREEMENT_INCOMPLETE,
    RULES.OWNER_NOT_ATTENDEE,
    RULES.NO_FALLBACK,
  ],
  'distribute-plan': [RULES.PLAN_NOT_RECORDED],
  'contact-follow-up': [RULES.PLAN_NOT_DISTRIBUTED, RULES.CONTACT_TIME],
  'request-follow-up-conference': [
    RULES.PLAN_NOT_DISTRIBUTED,
    RULES.REASON_REQUIRED,
    RULES.SAME_CASE,
    RULES.ALREADY_LINKED,
  ],
  withdraw: [RULES.REASON_REQUIRED],
  close: [],
};
