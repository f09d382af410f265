import type { TemplateSet } from '../../src/render/template.types';
import { answerNudge } from './answer-nudge.template';
import { conferenceCancelled, conferenceRescheduled, conferenceScheduled } from './date-notices.template';
import { followUp } from './follow-up.template';
import { invitation } from './invitation.template';
import { plan } from './plan.template';
import { reminder } from './reminder.template';

/** De Nederlandse berichten, één bestand per soort (de datumberichten samen). */
export const nl: TemplateSet = {
  invitation,
  reminder,
  'answer-nudge': answerNudge,
  plan,
  'follow-up': followUp,
  'conference-scheduled': conferenceScheduled,
  'conference-rescheduled': conferenceRescheduled,
  'conference-cancelled': conferenceCancelled,
};
