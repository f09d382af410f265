import type { CaseState } from '@app/workflow';
import { TEMPLATES, type MailLanguage } from '../../templates';
import type { PlannedMessage } from '../policy/message.types';
import type { MailContext } from './template.types';

const LOCALES: Record<MailLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };
const DAY_MS = 86_400_000;
const formats = new Map<MailLanguage, Intl.DateTimeFormat>();

/** A moment written out the local way, in Europe/Amsterdam ("maandag 9 maart 2026 om 10:00"). */
export function formatWhen(at: string, language: MailLanguage): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    });
    formats.set(language, format);
  }
  return format.format(new Date(at));
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function contextOf(message: PlannedMessage, state: CaseState, language: MailLanguage): MailContext {
  const p = state.participants.find((x) => x.participantId === message.participantId);
  const nameOf = (id: string) => state.participants.find((x) => x.participantId === id)?.name ?? id;
  return {
    recipientName: p?.name ?? '',
    reference: state.reference,
    conferenceKind: state.kind,
    questions: state.conferenceQuestions,
    coordinator: state.coordinator && { name: state.coordinator.name, email: state.coordinator.email },
    conference: state.schedule && {
      when: formatWhen(state.schedule.startsAt, language),
      location: state.schedule.location,
    },
    daysBefore:
      message.offsetMs === undefined ? undefined : Math.max(1, Math.round(message.offsetMs / DAY_MS)),
    accepted: p?.answer === 'accepted',
    plan: state.plan && {
      agreements: state.plan.agreements.map((a) => ({
        owners: a.ownerIds.map(nameOf).join(', '),
        action: a.action,
        where: a.where,
        when: Number.isNaN(Date.parse(a.when)) ? a.when : formatWhen(a.when, language),
      })),
      ifItDoesNotWork: state.plan.ifItDoesNotWork,
    },
  };
}

/** The subject, plain-text and HTML parts of one message, from its template in `language`. */
export function renderMessage(
  message: PlannedMessage,
  state: CaseState,
  language: MailLanguage,
): RenderedMail {
  const template = TEMPLATES[language][message.kind];
  const context = contextOf(message, state, language);
  return { subject: template.subject(context), text: template.text(context), html: template.html(context) };
}
