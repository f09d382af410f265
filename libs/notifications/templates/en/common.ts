import type { ConferenceKind } from '@app/workflow';
import { blocks, lines, link, p, strong, type Block } from '../../src/render/blocks';
import type { MailContext } from '../../src/render/template.types';

/** English texts shared by the message templates (plain words, short sentences). */
export const conferenceWord = (kind: ConferenceKind): string =>
  kind === 'group' ? 'group conference' : 'family conference';

export const greeting = (c: MailContext): Block => p(`Dear ${c.recipientName},`);

/** The coordinator (once there is one), the organisation, its phone number when set, the reference. */
export const signature = (c: MailContext): Block[] =>
  blocks(
    lines(
      'Kind regards,',
      c.coordinator && `${c.coordinator.name}, coordinator`,
      'Eigen Kracht',
      c.organisationPhone && `Phone: ${c.organisationPhone}`,
    ),
    p(`Reference: ${c.reference}`),
  );

export const contact = (c: MailContext): Block =>
  c.coordinator
    ? p(
        `Any questions? Please contact ${c.coordinator.name}, the coordinator, at ${c.coordinator.email}.`,
        'You can also reply to this e-mail.',
      )
    : p('Any questions? Please contact Eigen Kracht.');

export const whenAndWhereText = (c: MailContext): string =>
  c.conference
    ? `The ${conferenceWord(c.conferenceKind)} is on ${c.conference.when}. Place: ${c.conference.location}.`
    : 'The coordinator will let you know the date and the place.';

export const whenAndWhere = (c: MailContext): Block => p(strong(whenAndWhereText(c)));

/** The personal answer link, when the recipient has one. */
export const answerLink = (c: MailContext): Block | undefined =>
  c.answerUrl
    ? p(
        c.accepted
          ? 'Can you not come after all? Let us know with one click:'
          : 'Will you come? Let us know with one click:',
        link(c.answerUrl),
      )
    : undefined;

export const calendarNote = (c: MailContext): Block | undefined =>
  c.withCalendar && c.conference
    ? p('The attachment holds the appointment. You can add it to your calendar.')
    : undefined;

export const wayOfWorking = (kind: ConferenceKind): string[] =>
  kind === 'group'
    ? [
        'Everyone involved sits at one table. The care workers and other people from organisations are there for the whole meeting too.',
        'An independent coordinator chairs the meeting. The coordinator takes no side.',
        'Together you look for answers to the questions. Together you turn them into a plan.',
      ]
    : [
        'First the care workers and other people from organisations tell what they know. Then they leave.',
        'Then the family talks on alone. That way the family makes its own plan.',
        'An independent coordinator prepares the conference with you. The coordinator takes no side.',
      ];
