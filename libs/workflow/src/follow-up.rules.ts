import { isDistributed, time } from './rule-checks';
import { stepRule } from './rule-table';

/** The rules of what comes after the plan was distributed. */
export const FOLLOW_UP_RULES = {
  /** Follow-up contact and follow-up conferences come only after the plan was distributed. */
  PLAN_NOT_DISTRIBUTED: stepRule({
    code: 'FOLLOW_UP.PLAN_NOT_DISTRIBUTED',
    steps: ['contact-follow-up', 'request-follow-up-conference'],
    message: 'Follow-up comes only after the plan was distributed.',
    nl: 'Het vervolg komt pas nadat het plan naar de deelnemers is gestuurd.',
    scope: 'state',
    check: isDistributed,
  }),
  /** Follow-up contact is recorded after the plan was distributed, and not in the future. */
  CONTACT_TIME: stepRule({
    code: 'FOLLOW_UP.CONTACT_TIME',
    steps: ['contact-follow-up'],
    message: 'The follow-up contact lies between the distribution of the plan and now.',
    nl: 'De datum van het contact klopt niet. Die ligt na het versturen van het plan, en niet na vandaag.',
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
    nl: 'Een vervolgconferentie is een nieuwe zaak, met een eigen nummer.',
    scope: 'payload',
    check: (c, p) => p.data.followUpCaseId !== c.id,
  }),
  /** That follow-up case is already linked to this case. */
  ALREADY_LINKED: stepRule({
    code: 'FOLLOW_UP.ALREADY_LINKED',
    steps: ['request-follow-up-conference'],
    message: 'This follow-up case is already linked to the case.',
    nl: 'Deze vervolgzaak hoort al bij deze zaak.',
    scope: 'payload',
    check: (c, p) => !c.followUpCases.includes(p.data.followUpCaseId),
  }),
};
