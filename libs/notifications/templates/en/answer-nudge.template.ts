import { esc, page, paragraphs } from '../../src/render/html';
import type { MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature, whenAndWhere } from './common';

const ask = 'Please let us know whether you will come. It helps the preparation.';

/** A friendly question to those who have not answered. */
export const answerNudge: MessageTemplate = {
  subject: (c) => `Will you come to the ${conferenceWord(c.conferenceKind)}?`,
  text: (c) =>
    paragraphs(
      greeting(c),
      `You are invited to a ${conferenceWord(c.conferenceKind)}. We do not know yet whether you will come.`,
      ask,
      whenAndWhere(c),
      contact(c),
      signature(c),
    ),
  html: (c) =>
    page(
      'en',
      `Will you come to the ${conferenceWord(c.conferenceKind)}?`,
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>You are invited to a ${conferenceWord(c.conferenceKind)}. We do not know yet whether you will come.</p>`,
        `<p>${esc(ask)}</p>`,
        `<p><strong>${esc(whenAndWhere(c))}</strong></p>`,
        `<p>${esc(contact(c))}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
