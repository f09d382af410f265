import { ruleMessage } from '@app/workflow';

/**
 * The Dutch `detail` of every problem that is not a rule refusal (a refusal says its rule's own
 * Dutch sentence, declared beside the rule in `@app/workflow`). Plain Dutch (B1) for coordinators and
 * other staff: short sentences, "u", no jargon, nothing bossy. `title`, `type` and `code` stay as
 * they are; only `detail` changes language.
 */
export const PROBLEM_TEXTS_NL = {
  invalid: 'Niet alle gegevens kloppen.',
  invalidFields: (fields: readonly string[]) =>
    `Niet alle gegevens kloppen. Het gaat om: ${fields.join(', ')}.`,
  bodyUnreadable: 'De gegevens in het verzoek zijn niet te lezen.',
  bodyTooDeep: 'De gegevens in het verzoek zijn te diep in elkaar genest. Zo kan de dienst ze niet lezen.',
  bodyTooLarge: 'Het verzoek is groter dan 100 kB. Dat is te groot.',
  unsupportedMediaType: 'Dit soort gegevens kan de dienst niet lezen. De dienst leest alleen JSON.',
  unauthenticated: 'U bent niet aangemeld, of uw aanmelding is niet meer geldig.',
  providerUnavailable: 'Aanmelden lukt nu niet. De dienst voor aanmelden is niet bereikbaar.',
  forbidden: 'U heeft hier geen toegang toe.',
  notYourCase: 'Deze zaak is niet aan u toegewezen.',
  notYourRegion: 'Deze zaak of regio valt buiten uw regio’s.',
  stepNotForRole: 'Met uw rol kunt u deze stap niet zetten.',
  answerForThemselves: 'Een deelnemer kan alleen voor zichzelf antwoorden.',
  notFound: 'Wat u zoekt, bestaat niet.',
  caseNotFound: 'Deze zaak bestaat niet. Misschien klopt het nummer niet.',
  participantNotFound: 'Deze deelnemer hoort niet bij deze zaak.',
  personNotFound: 'Deze persoon is niet bekend.',
  revisionNotFound: 'Zo ver is de zaak nog niet. Die versie bestaat niet.',
  notYetRequested: 'De zaak bestond op dat moment nog niet.',
  conflict: 'Dit kan nu niet.',
  stale: (current: number) =>
    `De zaak is intussen veranderd. Hij is nu bij versie ${current}. Bekijk de zaak opnieuw en probeer het dan nog eens.`,
  staleAny: 'De zaak is intussen veranderd. Bekijk de zaak opnieuw en probeer het dan nog eens.',
  keyReused:
    'Deze Idempotency-Key is al gebruikt voor een ander verzoek. Een nieuw verzoek krijgt een nieuwe sleutel.',
  unprocessable: 'Dit verzoek kan de dienst niet verwerken.',
  rateLimited: 'Er kwamen te veel verzoeken kort na elkaar. Wacht even en probeer het dan opnieuw.',
  storeUnavailable: 'De gegevens zijn nu niet bereikbaar. Er is niets opgeslagen. Probeer het later opnieuw.',
  caseBusy: 'Er wordt nu veel tegelijk aan deze zaak gedaan. Probeer het zo nog eens.',
  unavailable: 'De dienst is nu niet bereikbaar. Probeer het later opnieuw.',
  internal: 'Er ging bij ons iets mis. Misschien is de stap niet opgeslagen.',
  other: 'Er ging iets mis.',
} as const;

const NL = PROBLEM_TEXTS_NL;

/** What a problem body offers to choose its Dutch detail by. */
export interface ProblemFacts {
  status: number;
  code: string;
  /** The English detail. */
  detail: string;
  rule?: unknown;
  currentRevision?: unknown;
  errors?: unknown;
}

/** The Dutch detail of a problem of a code, when the code alone says which. */
const BY_CODE: Readonly<Record<string, string>> = {
  'AUTH.UNAUTHENTICATED': NL.unauthenticated,
  'AUTH.PROVIDER_UNAVAILABLE': NL.providerUnavailable,
  'CASE.NOT_FOUND': NL.caseNotFound,
  'PARTICIPANT.NOT_FOUND': NL.participantNotFound,
  'PERSON.NOT_FOUND': NL.personNotFound,
  'CASE.REVISION_NOT_FOUND': NL.revisionNotFound,
  'CASE.NOT_YET_REQUESTED': NL.notYetRequested,
  'IDEMPOTENCY.KEY_REUSED': NL.keyReused,
  RATE_LIMITED: NL.rateLimited,
  'STORE.UNAVAILABLE': NL.storeUnavailable,
  'READ_STORE.UNAVAILABLE': NL.storeUnavailable,
  'CASE.CONCURRENCY_EXHAUSTED': NL.caseBusy,
  INTERNAL: NL.internal,
};

/** What a status means in general, for a problem whose code has no text of its own. */
const BY_STATUS: Readonly<Record<number, string>> = {
  400: NL.invalid,
  401: NL.unauthenticated,
  403: NL.forbidden,
  404: NL.notFound,
  409: NL.conflict,
  412: NL.staleAny,
  413: NL.bodyTooLarge,
  415: NL.unsupportedMediaType,
  422: NL.unprocessable,
  429: NL.rateLimited,
  500: NL.internal,
  503: NL.unavailable,
};

/**
 * 403s say why in English (see `stepDenial` and `assertMayRead` in `@app/cases`); the Dutch names the
 * two reasons a coordinator meets and a region manager's region, and says the general one otherwise.
 */
function forbiddenNl(english: string): string {
  if (/not assigned to you/.test(english)) return NL.notYourCase;
  if (/outside yours/.test(english)) return NL.notYourRegion;
  if (/^The role \S+ may not take the step/.test(english)) return NL.stepNotForRole;
  if (/answer only for themselves/.test(english)) return NL.answerForThemselves;
  return NL.forbidden;
}

function invalidNl(errors: unknown): string {
  const fields = Array.isArray(errors)
    ? [...new Set(errors.map((e: { field?: unknown }) => e?.field).filter((f) => typeof f === 'string'))]
    : [];
  if (fields.length === 1 && fields[0] === 'body') return NL.bodyUnreadable;
  return fields.length > 0 ? NL.invalidFields(fields as string[]) : NL.invalid;
}

/** The Dutch `detail` of a problem: its rule's sentence, its code's text, or its status's. */
export function dutchDetail(p: ProblemFacts): string {
  if (typeof p.rule === 'string') {
    const sentence = ruleMessage(p.rule, 'nl');
    if (sentence) return sentence;
  }
  if (p.code === 'ACCESS.FORBIDDEN') return forbiddenNl(p.detail);
  if (p.code === 'CASE.REVISION_MISMATCH')
    return typeof p.currentRevision === 'number' ? NL.stale(p.currentRevision) : NL.staleAny;
  if (p.status === 400) return invalidNl(p.errors);
  return BY_CODE[p.code] ?? BY_STATUS[p.status] ?? NL.other;
}
