import { isDistributed, time } from './rule-checks';
import { stepRule } from './rule-table';

/** The rules of what comes after the plan was distributed. */
export const FOLLOW_UP_RULES = {
  /** Follow-up contact and follow-up conferences come only after the plan was distributed. */
  PLAN_NOT_DISTRIBUTED: stepRule({
    code: 'FOLLOW_UP.PLAN_NOT_DISTRIBUTED',
    steps: ['contact-follow-up', 'request-follow-up-conference'],
    message: 'Follow-up comes only after the plan was distributed.',
    scope: 'state',
    check: isDistributed,
  }),
  /** Follow-up contact is recorded after the plan was distributed, and not in the future. */
  CONTACT_TIME: stepRule({
    code: 'FOLLOW_UP.CONTACT_TIME',
    steps: ['contact-follow-up'],
    message: 'The follow-up contact lies between the distribution of the plan and now.',
    scope: 'payload',
    check: (c, p) =>
      time(p.data.contactedAt) <= time(p.data.at) &&
      (c.distribution === undefined || time(p.data.contactedAt) >= time(c.distribution.distributedAt)),
  }),
  /** A follow-up conference is a new case: its id differs from this case's. */
  SAME_CASE: stepRule({
    code: 'FOLLOW_UP.SAME_CASE',
    steps: ['request-follow-up-conference'],
    message: 'A follow-up conference is a new case with its own id.',
    scope: 'payload',
    check: (c, p) => p.data.followUpCaseId !== c.id,
  }),
  /** That follow-up case is already linked to this case. */
  ALREADY_LINKED: stepRule({
    code: 'FOLLOW_UP.ALREADY_LINKED',
    steps: ['request-follow-up-conference'],
    message: 'This follow-up case is already linked to the case.',
    scope: 'payload',
    check: (c, p) => !c.followUpCases.includes(p.data.followUpCaseId),
  }),
};
