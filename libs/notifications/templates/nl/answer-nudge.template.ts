import { esc, page, paragraphs } from '../../src/render/html';
import type { MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature, whenAndWhere } from './common';

const ask = 'Wilt u laten weten of u komt? Dat helpt bij de voorbereiding.';

/** Een vriendelijke vraag aan wie nog niet antwoordde. */
export const answerNudge: MessageTemplate = {
  subject: (c) => `Komt u naar de ${conferenceWord(c.conferenceKind)}?`,
  text: (c) =>
    paragraphs(
      greeting(c),
      `U bent uitgenodigd voor een ${conferenceWord(c.conferenceKind)}. We weten nog niet of u komt.`,
      ask,
      whenAndWhere(c),
      contact(c),
      signature(c),
    ),
  html: (c) =>
    page(
      'nl',
      `Komt u naar de ${conferenceWord(c.conferenceKind)}?`,
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>U bent uitgenodigd voor een ${conferenceWord(c.conferenceKind)}. We weten nog niet of u komt.</p>`,
        `<p>${esc(ask)}</p>`,
        `<p><strong>${esc(whenAndWhere(c))}</strong></p>`,
        `<p>${esc(contact(c))}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
