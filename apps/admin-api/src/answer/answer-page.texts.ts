import type { Answer, ConferenceKind, Language } from '@app/workflow';

/** The statuses an answer page can have besides 200; each has a short page of its own. */
export const PAGE_ERRORS = [400, 403, 404, 409, 410, 429, 500, 503] as const;
export type PageError = (typeof PAGE_ERRORS)[number];

/** A short page for something that went wrong: a heading and a few plain sentences, never case data. */
export interface ErrorText {
  title: string;
  lines: string[];
}

/** Every word the answer pages show, in one language. Values in `{}` are filled in (and escaped). */
export interface AnswerPageTexts {
  conferenceWord(kind: ConferenceKind): string;
  /** The page's one heading. */
  title(kind: ConferenceKind): string;
  intro(kind: ConferenceKind): string;
  questionsHeading: string;
  whenHeading: string;
  when(at: string): string;
  where(location: string): string;
  notScheduled: string;
  answerHeading: string;
  current: Record<Answer | 'none', string>;
  saved: string;
  buttons: Record<Answer, string>;
  change: string;
  contact: string;
  errors: Record<PageError, ErrorText>;
  /** The link back to the question on a 400 or 403 page. */
  back: string;
}

const nlWord = (kind: ConferenceKind): string =>
  kind === 'group' ? 'groepsconferentie' : 'familieconferentie';
const enWord = (kind: ConferenceKind): string =>
  kind === 'group' ? 'group conference' : 'family conference';

/** Dutch, B1: short sentences, "u", nothing bossy. */
const nl: AnswerPageTexts = {
  conferenceWord: nlWord,
  title: (kind) => `Komt u naar de ${nlWord(kind)}?`,
  intro: (kind) => `U bent uitgenodigd voor een ${nlWord(kind)}. Op deze pagina laat u weten of u komt.`,
  questionsHeading: 'Hierover praten we samen',
  whenHeading: 'Wanneer en waar',
  when: (at) => `Datum en tijd: ${at}`,
  where: (location) => `Plaats: ${location}`,
  notScheduled: 'De datum en de plaats hoort u nog van de coördinator.',
  answerHeading: 'Uw antwoord',
  current: {
    none: 'U heeft nog niet laten weten of u komt.',
    accepted: 'U heeft laten weten dat u komt.',
    declined: 'U heeft laten weten dat u niet komt.',
  },
  saved: 'Dank u wel. Uw antwoord is opgeslagen.',
  buttons: { accepted: 'Ja, ik kom', declined: 'Nee, ik kom niet' },
  change: 'Verandert er iets? Dan kunt u hier later een ander antwoord geven, tot de conferentie begint.',
  contact: 'Heeft u vragen? Beantwoord dan de e-mail met deze link. Uw bericht komt bij de coördinator.',
  back: 'Terug naar de vraag',
  errors: {
    400: {
      title: 'Uw antwoord is niet opgeslagen',
      lines: ['Wij begrepen uw antwoord niet. Kies een van de twee knoppen op de pagina.'],
    },
    403: {
      title: 'Uw antwoord is niet opgeslagen',
      lines: [
        'Het antwoord kwam niet van deze pagina.',
        'Open de link uit uw e-mail. Kies daar uw antwoord.',
      ],
    },
    404: {
      title: 'Deze link kennen wij niet',
      lines: [
        'Misschien is de link niet helemaal overgenomen.',
        'Gebruik de hele link uit de e-mail. Lukt het niet? Neem dan contact op met de coördinator.',
      ],
    },
    409: {
      title: 'U kunt nu niet antwoorden',
      lines: [
        'Via deze pagina kunt u op dit moment geen antwoord geven.',
        'Heeft u vragen? Neem dan contact op met de coördinator.',
      ],
    },
    410: {
      title: 'Deze link werkt niet meer',
      lines: [
        'U kunt via deze link niet meer antwoorden.',
        'Heeft u vragen? Neem dan contact op met de coördinator.',
      ],
    },
    429: {
      title: 'Even geduld',
      lines: ['Er kwamen veel verzoeken tegelijk. Probeert u het over een minuut nog eens?'],
    },
    500: {
      title: 'Er ging iets mis',
      lines: [
        'Er ging iets mis aan onze kant. Uw antwoord is misschien niet opgeslagen.',
        'Probeert u het later nog eens?',
      ],
    },
    503: {
      title: 'Het lukt nu even niet',
      lines: [
        'Er is een storing aan onze kant. Uw antwoord is niet opgeslagen.',
        'Probeert u het later nog eens?',
      ],
    },
  },
};

/** English: plain words, short sentences. */
const en: AnswerPageTexts = {
  conferenceWord: enWord,
  title: (kind) => `Will you come to the ${enWord(kind)}?`,
  intro: (kind) => `You are invited to a ${enWord(kind)}. On this page you can let us know if you will come.`,
  questionsHeading: 'What we will talk about together',
  whenHeading: 'When and where',
  when: (at) => `Date and time: ${at}`,
  where: (location) => `Place: ${location}`,
  notScheduled: 'The coordinator will let you know the date and the place.',
  answerHeading: 'Your answer',
  current: {
    none: 'You have not told us yet if you will come.',
    accepted: 'You told us that you will come.',
    declined: 'You told us that you will not come.',
  },
  saved: 'Thank you. Your answer has been saved.',
  buttons: { accepted: 'Yes, I will come', declined: 'No, I will not come' },
  change: 'Has something changed? You can give another answer here later, until the conference starts.',
  contact: 'Any questions? Reply to the e-mail with this link. Your message goes to the coordinator.',
  back: 'Back to the question',
  errors: {
    400: {
      title: 'Your answer was not saved',
      lines: ['We did not understand your answer. Please choose one of the two buttons on the page.'],
    },
    403: {
      title: 'Your answer was not saved',
      lines: [
        'The answer did not come from this page.',
        'Please open the link in your e-mail and answer there.',
      ],
    },
    404: {
      title: 'We do not know this link',
      lines: [
        'Perhaps part of the link is missing.',
        'Please use the whole link from the e-mail. Does it still not work? Then please contact the coordinator.',
      ],
    },
    409: {
      title: 'You cannot answer now',
      lines: [
        'You cannot answer through this page at the moment.',
        'Any questions? Please contact the coordinator.',
      ],
    },
    410: {
      title: 'This link no longer works',
      lines: [
        'You can no longer answer through this link.',
        'Any questions? Please contact the coordinator.',
      ],
    },
    429: {
      title: 'Please wait a moment',
      lines: ['There were many requests at once. Please try again in a minute.'],
    },
    500: {
      title: 'Something went wrong',
      lines: [
        'Something went wrong on our side. Your answer may not have been saved.',
        'Please try again later.',
      ],
    },
    503: {
      title: 'This does not work right now',
      lines: ['There is a fault on our side. Your answer was not saved.', 'Please try again later.'],
    },
  },
};

/** The answer pages' words, by participant language. */
export const ANSWER_PAGE_TEXTS: Record<Language, AnswerPageTexts> = { nl, en };
