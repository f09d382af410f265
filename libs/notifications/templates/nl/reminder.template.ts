import { esc, page, paragraphs } from '../../src/render/html';
import type { MailContext, MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature, whenAndWhere } from './common';

const inDays = (c: MailContext): string =>
  c.daysBefore === 1 ? 'morgen' : `over ${c.daysBefore ?? 0} dagen`;

const notYetAnswered = 'U heeft nog niet laten weten of u komt. Wilt u dat doorgeven aan de coördinator?';

/** Herinnering voor de conferentie, aan wie ja zei of nog niet antwoordde. */
export const reminder: MessageTemplate = {
  subject: (c) => `Herinnering: de ${conferenceWord(c.conferenceKind)} is ${inDays(c)}`,
  text: (c) =>
    paragraphs(
      greeting(c),
      `Dit is een herinnering. De ${conferenceWord(c.conferenceKind)} is ${inDays(c)}.`,
      whenAndWhere(c),
      !c.accepted && notYetAnswered,
      contact(c),
      signature(c),
    ),
  html: (c) =>
    page(
      'nl',
      `Herinnering: de ${conferenceWord(c.conferenceKind)} is ${inDays(c)}`,
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>Dit is een herinnering. De ${conferenceWord(c.conferenceKind)} is ${esc(inDays(c))}.</p>`,
        `<p><strong>${esc(whenAndWhere(c))}</strong></p>`,
        c.accepted ? '' : `<p>${esc(notYetAnswered)}</p>`,
        `<p>${esc(contact(c))}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
