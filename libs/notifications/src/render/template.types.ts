import type { ConferenceKind } from '@app/workflow';
import type { MessageKind } from '../policy/message.types';

/** Everything a template may show, already formatted for the mail's language. */
export interface MailContext {
  recipientName: string;
  reference: string;
  conferenceKind: ConferenceKind;
  questions: string[];
  coordinator?: { name: string; email: string };
  /** Date and time written out in the mail's language, Europe/Amsterdam. */
  conference?: { when: string; location: string };
  /** Reminders: whole days before the conference (1 = tomorrow). */
  daysBefore?: number;
  /** Whether the recipient has said yes already. */
  accepted: boolean;
  plan?: {
    agreements: { owners: string; action: string; where?: string; when: string }[];
    ifItDoesNotWork: string;
  };
}

/** One message kind in one language: the subject and both parts. */
export interface MessageTemplate {
  subject(c: MailContext): string;
  text(c: MailContext): string;
  html(c: MailContext): string;
}

export type TemplateSet = Record<MessageKind, MessageTemplate>;
