import { blocks, p } from '../../src/render/blocks';
import type { MessageTemplate } from '../../src/render/template.types';
import { calendarNote, conferenceWord, contact, greeting, signature, whenAndWhere } from './common';

/** De datum is bekend: aan wie al was uitgenodigd. */
export const conferenceScheduled: MessageTemplate = {
  subject: (c) => `De datum van de ${conferenceWord(c.conferenceKind)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(`De datum van de ${conferenceWord(c.conferenceKind)} is bekend.`),
      whenAndWhere(c),
      calendarNote(c),
      contact(c),
      ...signature(c),
    ),
};

/** De datum, de tijd of de plaats is veranderd. */
export const conferenceRescheduled: MessageTemplate = {
  subject: (c) => `Nieuwe datum voor de ${conferenceWord(c.conferenceKind)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        `De ${conferenceWord(c.conferenceKind)} is verplaatst.`,
        'De datum, de tijd of de plaats is veranderd. Dit is de nieuwe afspraak:',
      ),
      whenAndWhere(c),
      c.withCalendar &&
        p('In de bijlage zit de nieuwe afspraak voor uw agenda. Die komt in de plaats van de oude.'),
      contact(c),
      ...signature(c),
    ),
};

/** De conferentie gaat niet door. */
export const conferenceCancelled: MessageTemplate = {
  subject: (c) => `De ${conferenceWord(c.conferenceKind)} gaat niet door`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        c.conference
          ? `De ${conferenceWord(c.conferenceKind)} van ${c.conference.when} gaat niet door.`
          : `De ${conferenceWord(c.conferenceKind)} gaat niet door.`,
        'U hoeft dus niet te komen.',
      ),
      c.withCalendar && p('Met de bijlage haalt u de afspraak uit uw agenda.'),
      contact(c),
      ...signature(c),
    ),
};
