import { blocks, p } from '../../src/render/blocks';
import type { MessageTemplate } from '../../src/render/template.types';
import { answerLink, conferenceWord, contact, greeting, signature, whenAndWhere } from './common';

/** A friendly question to those who have not answered yet. */
export const answerNudge: MessageTemplate = {
  subject: (c) => `Will you come to the ${conferenceWord(c.conferenceKind)}?`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        `You are invited to a ${conferenceWord(c.conferenceKind)}.`,
        'We do not know yet whether you will come.',
      ),
      p('Please let us know. It helps the preparation.'),
      answerLink(c),
      whenAndWhere(c),
      contact(c),
      ...signature(c),
    ),
};
