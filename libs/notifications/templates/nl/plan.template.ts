import { blocks, heading, list, p } from '../../src/render/blocks';
import type { MailContext, MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature } from './common';

type Agreement = NonNullable<MailContext['plan']>['agreements'][number];

const line = (a: Agreement): string =>
  [`Wie: ${a.owners}.`, `Wat: ${a.action}.`, a.where && `Waar: ${a.where}.`, `Wanneer: ${a.when}.`]
    .filter(Boolean)
    .join(' ');

/** Het plan, aan iedereen die bij de conferentie was. */
export const plan: MessageTemplate = {
  subject: (c) => `Het plan van de ${conferenceWord(c.conferenceKind)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        `Dank u wel dat u bij de ${conferenceWord(c.conferenceKind)} was.`,
        'Hier is het plan dat u samen heeft gemaakt.',
      ),
      heading('De afspraken'),
      list((c.plan?.agreements ?? []).map(line)),
      heading('Als iets niet lukt'),
      p(c.plan?.ifItDoesNotWork ?? ''),
      p('Bewaar deze e-mail goed. Zo weet u wat u samen heeft afgesproken.'),
      contact(c),
      ...signature(c),
    ),
};
