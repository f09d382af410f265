import type { CaseState } from '@app/workflow';
import { TEMPLATES, type MailLanguage } from '../../templates';
import type { AnswerLinks } from '../answer-links/answer-links';
import type { MessageKind, PlannedMessage } from '../policy/message.types';
import { toHtml, toText } from './blocks';
import { CALENDAR_FILE_NAME, calendarInvitation } from './calendar';
import type { MailContext } from './template.types';

const LOCALES: Record<MailLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };
const DAY_MS = 86_400_000;
const formats = new Map<MailLanguage, Intl.DateTimeFormat>();

/** The messages that carry the participant's personal answer link. */
export const ANSWER_LINK_KINDS: readonly MessageKind[] = ['invitation', 'answer-nudge', 'reminder'];
/** The messages that carry the calendar invitation. */
export const CALENDAR_KINDS: readonly MessageKind[] = [
  'conference-scheduled',
  'conference-rescheduled',
  'conference-cancelled',
  'reminder',
];
const SUMMARY: Record<MailLanguage, Record<CaseState['kind'], string>> = {
  nl: { group: 'Groepsconferentie (Eigen Kracht)', family: 'Familieconferentie (Eigen Kracht)' },
  en: { group: 'Group conference (Eigen Kracht)', family: 'Family conference (Eigen Kracht)' },
};

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

export interface MailAddress {
  name: string;
  address: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The case's coordinator, once one is assigned: replies reach them. */
  replyTo?: MailAddress;
  /** The calendar invitation (`uitnodiging.ics`), on date notices and reminders while there is a date. */
  calendar?: { filename: string; method: 'REQUEST' | 'CANCEL'; content: string };
}

/** What rendering needs beyond the case: configuration and the answer links. */
export interface RenderOptions {
  answerLinks?: AnswerLinks;
  /** TAFEL_ORGANISATION_PHONE: in the signature when set. */
  organisationPhone?: string;
  /** The organizer of the calendar invitation while the case has no coordinator (TAFEL_MAIL_FROM). */
  mailFrom?: string;
}

function answerUrlOf(message: PlannedMessage, links: AnswerLinks | undefined): string | undefined {
  if (!links || message.reachBy !== 'email' || !ANSWER_LINK_KINDS.includes(message.kind)) return undefined;
  try {
    return links.urlFor({ caseId: message.caseId, participantId: message.participantId });
  } catch {
    return undefined; // ids that are not UUIDs (never made by the API): no link rather than no mail
  }
}

const addressOf = (from: string | undefined): MailAddress => {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from ?? '');
  return m
    ? { name: m[1] || 'Eigen Kracht', address: m[2] }
    : { name: 'Eigen Kracht', address: from || 'noreply@localhost' };
};

function contextOf(
  message: PlannedMessage,
  state: CaseState,
  language: MailLanguage,
  options: RenderOptions,
  withCalendar: boolean,
): MailContext {
  const p = state.participants.find((x) => x.participantId === message.participantId);
  const nameOf = (id: string) => state.participants.find((x) => x.participantId === id)?.name ?? id;
  const answerUrl = answerUrlOf(message, options.answerLinks);
  return {
    recipientName: p?.name ?? '',
    reference: state.reference,
    conferenceKind: state.kind,
    questions: state.conferenceQuestions,
    coordinator: state.coordinator && { name: state.coordinator.name, email: state.coordinator.email },
    ...(options.organisationPhone ? { organisationPhone: options.organisationPhone } : {}),
    conference: state.schedule && {
      when: formatWhen(state.schedule.startsAt, language),
      location: state.schedule.location,
    },
    daysBefore:
      message.offsetMs === undefined ? undefined : Math.max(1, Math.round(message.offsetMs / DAY_MS)),
    accepted: p?.answer === 'accepted',
    ...(answerUrl ? { answerUrl } : {}),
    withCalendar,
    plan: state.plan && {
      agreements: state.plan.agreements.map((a) => ({
        owners: a.ownerIds.map(nameOf).join(', '),
        action: a.action,
        where: a.where,
        // Free text, shown exactly as written ("voor 1 juni", "2026-06-01"): never read as a date.
        when: a.when,
      })),
      ifItDoesNotWork: state.plan.ifItDoesNotWork,
    },
  };
}

function calendarOf(
  message: PlannedMessage,
  state: CaseState,
  language: MailLanguage,
  options: RenderOptions,
): RenderedMail['calendar'] {
  const s = state.schedule;
  const p = state.participants.find((x) => x.participantId === message.participantId);
  if (!s || !p || !message.email || !CALENDAR_KINDS.includes(message.kind)) return undefined;
  const cancel = message.kind === 'conference-cancelled';
  const sequence = s.sequence ?? 0;
  const organizer = state.coordinator
    ? { name: state.coordinator.name, email: state.coordinator.email }
    : (({ name, address }) => ({ name, email: address }))(addressOf(options.mailFrom));
  const content = calendarInvitation({
    caseId: state.id,
    // A cancellation is one more change of the event.
    sequence: cancel ? sequence + 1 : sequence,
    method: cancel ? 'cancel' : 'request',
    startsAt: s.startsAt,
    location: s.location,
    summary: SUMMARY[language][state.kind],
    description: `${language === 'nl' ? 'Kenmerk' : 'Reference'}: ${state.reference}`,
    organizer,
    attendee: { name: p.name, email: message.email, accepted: p.answer === 'accepted' },
    stamp: message.dueAt,
  });
  return { filename: CALENDAR_FILE_NAME, method: cancel ? 'CANCEL' : 'REQUEST', content };
}

/**
 * The subject, plain-text and HTML parts of one message (both parts from the template's one list of
 * blocks), in `language`; the coordinator as Reply-To; the calendar invitation where it belongs.
 */
export function renderMessage(
  message: PlannedMessage,
  state: CaseState,
  language: MailLanguage,
  options: RenderOptions = {},
): RenderedMail {
  const template = TEMPLATES[language][message.kind];
  const calendar = calendarOf(message, state, language, options);
  const context = contextOf(message, state, language, options, calendar !== undefined);
  const subject = template.subject(context);
  const body = template.body(context);
  return {
    subject,
    text: toText(body),
    html: toHtml(language, subject, body),
    ...(state.coordinator
      ? { replyTo: { name: state.coordinator.name, address: state.coordinator.email } }
      : {}),
    ...(calendar ? { calendar } : {}),
  };
}
