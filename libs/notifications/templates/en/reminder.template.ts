import { esc, page, paragraphs } from '../../src/render/html';
import type { MailContext, MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature, whenAndWhere } from './common';

const inDays = (c: MailContext): string => (c.daysBefore === 1 ? 'tomorrow' : `in ${c.daysBefore ?? 0} days`);

const notYetAnswered = 'You have not told us yet whether you will come. Please let the coordinator know.';

/** Reminder before the conference. */
export const reminder: MessageTemplate = {
  subject: (c) => `Reminder: the ${conferenceWord(c.conferenceKind)} is ${inDays(c)}`,
  text: (c) =>
    paragraphs(
      greeting(c),
      `This is a reminder. The ${conferenceWord(c.conferenceKind)} is ${inDays(c)}.`,
      whenAndWhere(c),
      !c.accepted && notYetAnswered,
      contact(c),
      signature(c),
    ),
  html: (c) =>
    page(
      'en',
      `Reminder: the ${conferenceWord(c.conferenceKind)} is ${inDays(c)}`,
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>This is a reminder. The ${conferenceWord(c.conferenceKind)} is ${esc(inDays(c))}.</p>`,
        `<p><strong>${esc(whenAndWhere(c))}</strong></p>`,
        c.accepted ? '' : `<p>${esc(notYetAnswered)}</p>`,
        `<p>${esc(contact(c))}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
