import type { ConferenceKind } from '@app/workflow';
import type { MessageKind } from '../policy/message.types';
import type { Block } from './blocks';

/** Everything a template may show, already formatted for the mail's language. */
export interface MailContext {
  recipientName: string;
  reference: string;
  conferenceKind: ConferenceKind;
  questions: string[];
  coordinator?: { name: string; email: string };
  /** TAFEL_ORGANISATION_PHONE, when set. */
  organisationPhone?: string;
  /** Date and time written out in the mail's language, Europe/Amsterdam. */
  conference?: { when: string; location: string };
  /** Reminders: whole days before the conference (1 = tomorrow). */
  daysBefore?: number;
  /** Whether the recipient has said yes already. */
  accepted: boolean;
  /** The recipient's personal answer link (invitation, answer nudge, reminder). */
  answerUrl?: string;
  /** Whether the mail carries a calendar invitation (date notices and reminders). */
  withCalendar: boolean;
  plan?: {
    agreements: { owners: string; action: string; where?: string; when: string }[];
    ifItDoesNotWork: string;
  };
}

/** One message kind in one language: its subject, and its content written once as blocks. */
export interface MessageTemplate {
  subject(c: MailContext): string;
  body(c: MailContext): Block[];
}

export type TemplateSet = Record<MessageKind, MessageTemplate>;
