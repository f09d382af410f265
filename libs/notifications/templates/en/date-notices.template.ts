import { blocks, p } from '../../src/render/blocks';
import type { MessageTemplate } from '../../src/render/template.types';
import { calendarNote, conferenceWord, contact, greeting, signature, whenAndWhere } from './common';

/** The date is set: to those invited already. */
export const conferenceScheduled: MessageTemplate = {
  subject: (c) => `The date of the ${conferenceWord(c.conferenceKind)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(`The date of the ${conferenceWord(c.conferenceKind)} is set.`),
      whenAndWhere(c),
      calendarNote(c),
      contact(c),
      ...signature(c),
    ),
};

/** The date, the time or the place has changed. */
export const conferenceRescheduled: MessageTemplate = {
  subject: (c) => `New date for the ${conferenceWord(c.conferenceKind)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        `The ${conferenceWord(c.conferenceKind)} has moved.`,
        'The date, the time or the place has changed. This is the new appointment:',
      ),
      whenAndWhere(c),
      c.withCalendar &&
        p('The attachment holds the new appointment for your calendar. It replaces the old one.'),
      contact(c),
      ...signature(c),
    ),
};

/** The conference is cancelled. */
export const conferenceCancelled: MessageTemplate = {
  subject: (c) => `The ${conferenceWord(c.conferenceKind)} is cancelled`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        c.conference
          ? `The ${conferenceWord(c.conferenceKind)} on ${c.conference.when} is cancelled.`
          : `The ${conferenceWord(c.conferenceKind)} is cancelled.`,
        'So you do not need to come.',
      ),
      c.withCalendar && p('The attachment takes the appointment out of your calendar.'),
      contact(c),
      ...signature(c),
    ),
};
