import type { ConferenceKind } from '@app/workflow';
import { blocks, lines, link, p, strong, type Block } from '../../src/render/blocks';
import type { MailContext } from '../../src/render/template.types';

/** Dutch texts shared by the message templates (B1: short sentences, "u", no jargon). */
export const conferenceWord = (kind: ConferenceKind): string =>
  kind === 'group' ? 'groepsconferentie' : 'familieconferentie';

export const greeting = (c: MailContext): Block => p(`Beste ${c.recipientName},`);

/** The coordinator (once there is one), the organisation, its phone number when set, the reference. */
export const signature = (c: MailContext): Block[] =>
  blocks(
    lines(
      'Met vriendelijke groet,',
      c.coordinator && `${c.coordinator.name}, coördinator`,
      'Eigen Kracht',
      c.organisationPhone && `Telefoon: ${c.organisationPhone}`,
    ),
    p(`Kenmerk: ${c.reference}`),
  );

export const contact = (c: MailContext): Block =>
  c.coordinator
    ? p(
        `Heeft u vragen? Neem dan contact op met ${c.coordinator.name}, de coördinator. Het e-mailadres is ${c.coordinator.email}.`,
        'U kunt ook antwoorden op deze e-mail.',
      )
    : p('Heeft u vragen? Neem dan contact op met Eigen Kracht.');

export const whenAndWhereText = (c: MailContext): string =>
  c.conference
    ? `De ${conferenceWord(c.conferenceKind)} is op ${c.conference.when}. Plaats: ${c.conference.location}.`
    : 'De datum en de plaats hoort u nog van de coördinator.';

export const whenAndWhere = (c: MailContext): Block => p(strong(whenAndWhereText(c)));

/** The personal answer link, when the recipient has one. */
export const answerLink = (c: MailContext): Block | undefined =>
  c.answerUrl
    ? p(
        c.accepted
          ? 'Kunt u toch niet komen? Laat het ons weten met één klik:'
          : 'Komt u? Laat het ons weten met één klik:',
        link(c.answerUrl),
      )
    : undefined;

export const calendarNote = (c: MailContext): Block | undefined =>
  c.withCalendar && c.conference
    ? p('In de bijlage zit de afspraak voor uw agenda. Die kunt u in uw agenda zetten.')
    : undefined;

export const wayOfWorking = (kind: ConferenceKind): string[] =>
  kind === 'group'
    ? [
        'Iedereen om wie het gaat, zit samen aan tafel. Ook de hulpverleners en andere mensen van organisaties zijn er het hele gesprek bij.',
        'Een onafhankelijke coördinator leidt het gesprek. De coördinator kiest geen kant.',
        'Samen zoekt u antwoorden op de vragen. Daarvan maakt u samen een plan.',
      ]
    : [
        'Eerst vertellen de hulpverleners en andere mensen van organisaties wat zij weten. Daarna gaan zij weg.',
        'Dan praat de familie alleen verder. Zo maakt de familie zelf een plan.',
        'Een onafhankelijke coördinator bereidt de conferentie met u voor. De coördinator kiest geen kant.',
      ];
