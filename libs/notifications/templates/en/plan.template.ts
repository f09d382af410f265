import { esc, list, page, paragraphs } from '../../src/render/html';
import type { MailContext, MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature } from './common';

type Agreement = NonNullable<MailContext['plan']>['agreements'][number];

const line = (a: Agreement): string =>
  [`Who: ${a.owners}.`, `What: ${a.action}.`, a.where && `Where: ${a.where}.`, `When: ${a.when}.`]
    .filter(Boolean)
    .join(' ');

const keep = 'Please keep this e-mail. It tells you what you agreed together.';

/** The plan, to everyone who attended. */
export const plan: MessageTemplate = {
  subject: (c) => `The plan of the ${conferenceWord(c.conferenceKind)}`,
  text: (c) =>
    paragraphs(
      greeting(c),
      `Thank you for coming to the ${conferenceWord(c.conferenceKind)}. Here is the plan you made together.`,
      `The agreements:\n${(c.plan?.agreements ?? []).map((a) => `- ${line(a)}`).join('\n')}`,
      `If something does not work:\n${c.plan?.ifItDoesNotWork ?? ''}`,
      keep,
      contact(c),
      signature(c),
    ),
  html: (c) =>
    page(
      'en',
      `The plan of the ${conferenceWord(c.conferenceKind)}`,
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>Thank you for coming to the ${conferenceWord(c.conferenceKind)}. Here is the plan you made together.</p>`,
        `<h2>The agreements</h2>`,
        list((c.plan?.agreements ?? []).map((a) => esc(line(a)))),
        `<h2>If something does not work</h2>`,
        `<p>${esc(c.plan?.ifItDoesNotWork ?? '')}</p>`,
        `<p>${esc(keep)}</p>`,
        `<p>${esc(contact(c))}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
