import type { ConferenceKind } from '@app/workflow';
import type { MailContext } from '../../src/render/template.types';

/** Dutch texts shared by the message templates (B1: short sentences, "u"). */
export const conferenceWord = (kind: ConferenceKind): string =>
  kind === 'group' ? 'groepsconferentie' : 'familieconferentie';

export const greeting = (c: MailContext): string => `Beste ${c.recipientName},`;

export const signature = (c: MailContext): string =>
  `Met vriendelijke groet,\nEigen Kracht\n\nKenmerk: ${c.reference}`;

export const contact = (c: MailContext): string =>
  c.coordinator
    ? `Heeft u vragen? Neem dan contact op met ${c.coordinator.name}, de coördinator. Het e-mailadres is ${c.coordinator.email}.`
    : 'Heeft u vragen? Neem dan contact op met Eigen Kracht.';

export const whenAndWhere = (c: MailContext): string =>
  c.conference
    ? `De ${conferenceWord(c.conferenceKind)} is op ${c.conference.when}. Plaats: ${c.conference.location}.`
    : 'De datum en de plaats hoort u nog van de coördinator.';

export const wayOfWorking = (kind: ConferenceKind): string[] =>
  kind === 'group'
    ? [
        'Iedereen om wie het gaat, zit samen aan tafel. Ook de professionals doen het hele gesprek mee.',
        'Een onafhankelijke coördinator leidt het gesprek. De coördinator heeft geen belang bij de uitkomst.',
        'Samen zoekt u antwoorden op de vragen. U maakt er samen een plan van.',
      ]
    : [
        'Eerst geven de professionals informatie. Daarna gaan zij weg.',
        'Dan praat de familie alleen verder, zonder professionals. Zo maakt de familie zelf een plan.',
        'Een onafhankelijke coördinator bereidt de conferentie met u voor. De coördinator heeft geen belang bij de uitkomst.',
      ];
