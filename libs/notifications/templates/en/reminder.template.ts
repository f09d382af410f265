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

const inDays = (c: MailContext): string => (c.daysBefore === 1 ? 'tomorrow' : `in ${c.daysBefore ?? 0} days`);

/** A reminder before the conference, to those who said yes or have not answered. */
export const reminder: MessageTemplate = {
  subject: (c) => `Reminder: the ${conferenceWord(c.conferenceKind)} is ${inDays(c)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(`This is a reminder. The ${conferenceWord(c.conferenceKind)} is ${inDays(c)}.`),
      whenAndWhere(c),
      !c.accepted && p('You have not told us yet whether you will come.'),
      answerLink(c),
      calendarNote(c),
      contact(c),
      ...signature(c),
    ),
};
