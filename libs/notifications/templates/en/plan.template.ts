import { blocks, heading, list, p } from '../../src/render/blocks';
import type { MailContext, MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature } from './common';

type Agreement = NonNullable<MailContext['plan']>['agreements'][number];

const line = (a: Agreement): string =>
  [`Who: ${a.owners}.`, `What: ${a.action}.`, a.where && `Where: ${a.where}.`, `When: ${a.when}.`]
    .filter(Boolean)
    .join(' ');

/** The plan, to everyone who attended. */
export const plan: MessageTemplate = {
  subject: (c) => `The plan of the ${conferenceWord(c.conferenceKind)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        `Thank you for coming to the ${conferenceWord(c.conferenceKind)}.`,
        'Here is the plan you made together.',
      ),
      heading('The agreements'),
      list((c.plan?.agreements ?? []).map(line)),
      heading('If something does not work'),
      p(c.plan?.ifItDoesNotWork ?? ''),
      p('Please keep this e-mail. It tells you what you agreed together.'),
      contact(c),
      ...signature(c),
    ),
};
