import { blocks, p } from '../../src/render/blocks';
import type { MessageTemplate } from '../../src/render/template.types';
import { answerLink, conferenceWord, contact, greeting, signature, whenAndWhere } from './common';

/** Een vriendelijke vraag aan wie nog niet antwoordde. */
export const answerNudge: MessageTemplate = {
  subject: (c) => `Komt u naar de ${conferenceWord(c.conferenceKind)}?`,
  body: (c) =>
    blocks(
      greeting(c),
      p(`U bent uitgenodigd voor een ${conferenceWord(c.conferenceKind)}.`, 'We weten nog niet of u komt.'),
      p('Wilt u het laten weten? Dat helpt bij de voorbereiding.'),
      answerLink(c),
      whenAndWhere(c),
      contact(c),
      ...signature(c),
    ),
};
