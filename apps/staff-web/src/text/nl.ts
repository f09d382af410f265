/** Dutch words for the API's codes, in plain language (B1). */

export const STATE: Record<string, string> = {
  requested: 'Aangevraagd',
  declined: 'Afgewezen',
  'awaiting-coordinator': 'Wacht op coördinator',
  preparing: 'In voorbereiding',
  scheduled: 'Datum gepland',
  held: 'Conferentie gehouden',
  'no-plan': 'Geen plan',
  'plan-recorded': 'Plan vastgelegd',
  'plan-distributed': 'Plan verspreid',
  'followed-up': 'Nazorg gedaan',
  withdrawn: 'Ingetrokken',
  closed: 'Gesloten',
};

export const KIND: Record<string, string> = {
  group: 'Groepsconferentie',
  family: 'Familieconferentie',
};

export const CHANNEL: Record<string, string> = { online: 'Online', phone: 'Telefoon' };

export const PARTICIPANT_ROLE: Record<string, string> = {
  family: 'Familie',
  neighbour: 'Buurt',
  school: 'School',
  professional: 'Professional',
  other: 'Anders',
};

export const ANSWER: Record<string, string> = { accepted: 'Komt', declined: 'Komt niet' };

export const OUTCOME: Record<string, string> = {
  'on-track': 'Het plan loopt goed',
  partly: 'Het plan loopt voor een deel',
  'not-carried-out': 'Het plan is niet uitgevoerd',
  unreachable: 'Niet bereikt',
};

export const REASON_CODE: Record<string, string> = {
  'not-suitable': 'Past niet bij een conferentie',
  'applicant-withdrew': 'De aanvrager stopt',
  'no-participants': 'Niet genoeg deelnemers',
  'no-coordinator': 'Geen coördinator',
  safety: 'Veiligheid',
  other: 'Andere reden',
};

export const ISSUE_TYPE: Record<string, string> = {
  neighbours: 'Buren',
  school: 'School',
  family: 'Familie',
  divorce: 'Scheiding',
  'youth-care': 'Jeugdzorg',
  housing: 'Wonen',
  other: 'Anders',
};

export const LANGUAGE: Record<string, string> = { nl: 'Nederlands', en: 'Engels' };

/** What a message is, with its article: "Tafel stuurde Anna een uitnodiging." */
export const MESSAGE_KIND: Record<string, string> = {
  invitation: 'een uitnodiging',
  reminder: 'een herinnering',
  'answer-nudge': 'een herinnering om te antwoorden',
  plan: 'het plan',
  'follow-up': 'een nazorgbericht',
  'conference-scheduled': 'de datum van de conferentie',
  'conference-rescheduled': 'een nieuwe datum',
  'conference-cancelled': 'een afzegging',
};

export const ROLE: Record<string, string> = {
  admin: 'beheerder',
  'region-manager': 'regiomanager',
  coordinator: 'coördinator',
  researcher: 'onderzoeker',
  auditor: 'controleur',
  participant: 'deelnemer',
  system: 'Tafel',
};

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long' });

export const formatDateTime = (iso: string | undefined): string =>
  iso ? dateTime.format(new Date(iso)) : '';
export const formatDate = (iso: string | undefined): string => (iso ? dateOnly.format(new Date(iso)) : '');

/** A word for a code, or the code itself when there is no word for it. */
export const say = (words: Record<string, string>, code: string | undefined | null): string =>
  code ? (words[code] ?? code) : '';

export const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const READ: [RegExp, string][] = [
  [/\/messages$/, 'de berichten'],
  [/\/history$/, 'de geschiedenis'],
  [/\/state$/, 'de zaak zoals hij was'],
  [/\/verification$/, 'de controle'],
  [/\/access-log$/, 'wie de zaak bekeek'],
  [/\/cases\/:id$/, 'de zaak'],
];

/** What a read in the access log looked at, from its route ("GET /v1/cases/:id/messages"). */
export const readOf = (route: string): string => READ.find(([pattern]) => pattern.test(route))?.[1] ?? route;
