import { blocks, p } from '../../src/render/blocks';
import type { MailContext, MessageTemplate } from '../../src/render/template.types';
import {
  answerLink,
  calendarNote,
  conferenceWord,
  contact,
  greeting,
  signature,
  whenAndWhere,
} from './common';

const inDays = (c: MailContext): string =>
  c.daysBefore === 1 ? 'morgen' : `over ${c.daysBefore ?? 0} dagen`;

/** Herinnering voor de conferentie, aan wie ja zei of nog niet antwoordde. */
export const reminder: MessageTemplate = {
  subject: (c) => `Herinnering: de ${conferenceWord(c.conferenceKind)} is ${inDays(c)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(`Dit is een herinnering. De ${conferenceWord(c.conferenceKind)} is ${inDays(c)}.`),
      whenAndWhere(c),
      !c.accepted && p('U heeft nog niet laten weten of u komt.'),
      answerLink(c),
      calendarNote(c),
      contact(c),
      ...signature(c),
    ),
};
