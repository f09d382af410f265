import { blocks, heading, list, p } from '../../src/render/blocks';
import type { MessageTemplate } from '../../src/render/template.types';
import {
  answerLink,
  contact,
  conferenceWord,
  greeting,
  signature,
  wayOfWorking,
  whenAndWhere,
} from './common';

/** The invitation: the conference questions, purpose and way of working, and what we ask. */
export const invitation: MessageTemplate = {
  subject: (c) => `Invitation to the ${conferenceWord(c.conferenceKind)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        `You are invited to a ${conferenceWord(c.conferenceKind)}.`,
        'There, the people involved look for solutions together.',
      ),
      heading('These are the questions'),
      list(c.questions),
      heading('How it works'),
      ...wayOfWorking(c.conferenceKind).map((line) => p(line)),
      heading('What we ask of you'),
      list(['Think about the questions above.', 'Let us know whether you will come.']),
      answerLink(c),
      whenAndWhere(c),
      contact(c),
      ...signature(c),
    ),
};
