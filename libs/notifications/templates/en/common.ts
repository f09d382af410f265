import type { ConferenceKind } from '@app/workflow';
import type { MailContext } from '../../src/render/template.types';

/** English texts shared by the message templates (plain words, short sentences). */
export const conferenceWord = (kind: ConferenceKind): string =>
  kind === 'group' ? 'group conference' : 'family conference';

export const greeting = (c: MailContext): string => `Dear ${c.recipientName},`;

export const signature = (c: MailContext): string =>
  `Kind regards,\nEigen Kracht\n\nReference: ${c.reference}`;

export const contact = (c: MailContext): string =>
  c.coordinator
    ? `Any questions? Please contact ${c.coordinator.name}, the coordinator, at ${c.coordinator.email}.`
    : 'Any questions? Please contact Eigen Kracht.';

export const whenAndWhere = (c: MailContext): string =>
  c.conference
    ? `The ${conferenceWord(c.conferenceKind)} is on ${c.conference.when}. Place: ${c.conference.location}.`
    : 'The coordinator will let you know the date and the place.';

export const wayOfWorking = (kind: ConferenceKind): string[] =>
  kind === 'group'
    ? [
        'Everyone involved sits at one table. Professionals take part in the whole meeting too.',
        'An independent coordinator chairs the meeting. The coordinator has no stake in the outcome.',
        'Together you look for answers to the questions. Together you turn them into a plan.',
      ]
    : [
        'First the professionals give information. Then they leave.',
        'The family then talks on alone, without professionals, and makes its own plan.',
        'An independent coordinator prepares the conference with you. The coordinator has no stake in the outcome.',
      ];
