import { esc, list, page, paragraphs } from '../../src/render/html';
import type { MailContext, MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature } from './common';

type Agreement = NonNullable<MailContext['plan']>['agreements'][number];

const line = (a: Agreement): string =>
  [`Wie: ${a.owners}.`, `Wat: ${a.action}.`, a.where && `Waar: ${a.where}.`, `Wanneer: ${a.when}.`]
    .filter(Boolean)
    .join(' ');

const keep = 'Bewaar deze e-mail goed. Zo weet u wat u samen heeft afgesproken.';

/** Het plan, aan iedereen die bij de conferentie was. */
export const plan: MessageTemplate = {
  subject: (c) => `Het plan van de ${conferenceWord(c.conferenceKind)}`,
  text: (c) =>
    paragraphs(
      greeting(c),
      `Dank u wel dat u bij de ${conferenceWord(c.conferenceKind)} was. Hier is het plan dat u samen heeft gemaakt.`,
      `De afspraken:\n${(c.plan?.agreements ?? []).map((a) => `- ${line(a)}`).join('\n')}`,
      `Als iets niet lukt:\n${c.plan?.ifItDoesNotWork ?? ''}`,
      keep,
      contact(c),
      signature(c),
    ),
  html: (c) =>
    page(
      'nl',
      `Het plan van de ${conferenceWord(c.conferenceKind)}`,
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>Dank u wel dat u bij de ${conferenceWord(c.conferenceKind)} was. Hier is het plan dat u samen heeft gemaakt.</p>`,
        `<h2>De afspraken</h2>`,
        list((c.plan?.agreements ?? []).map((a) => esc(line(a)))),
        `<h2>Als iets niet lukt</h2>`,
        `<p>${esc(c.plan?.ifItDoesNotWork ?? '')}</p>`,
        `<p>${esc(keep)}</p>`,
        `<p>${esc(contact(c))}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
