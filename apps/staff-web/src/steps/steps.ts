import type { CaseView } from '../api/types';
import { ANSWER, ISSUE_TYPE, LANGUAGE, OUTCOME, PARTICIPANT_ROLE, REASON_CODE } from '../text/nl';

/** One input of a step form. `name` is the body member it fills (or a helper such as `participantId`). */
export type Field = {
  name: string;
  label: string;
  help?: string;
  optional?: boolean;
} & (
  | { kind: 'text' | 'email' | 'tel' | 'textarea' | 'lines' | 'datetime' }
  | { kind: 'select' | 'radio'; options: Record<string, string> }
  | { kind: 'checkbox'; initial?: boolean }
  /** A select of the case's participants who were not removed. */
  | { kind: 'participant' }
  /** A checkbox per participant who was not removed. */
  | { kind: 'attendees' }
  /** The plan's agreements: a repeating group. */
  | { kind: 'agreements' }
);

export type Values = Record<string, unknown>;

export interface AgreementValue {
  action: string;
  where: string;
  when: string;
  ownerIds: string[];
}

export interface StepForm {
  /** The form's heading and its submit button: the action in Dutch. */
  label: string;
  /** One or two short sentences: what the step does. */
  help: string;
  /** The route after `/v1/cases/`. */
  path: (values: Values) => string;
  fields: (c: CaseView) => Field[];
  /** Answers with a new case (a follow-up conference): the page goes there. */
  opensNewCase?: boolean;
}

const v2 = (c: CaseView) => (c.workflowVersion ?? 1) >= 2;
const participant = (values: Values) => String(values.participantId ?? '');

const questions: Field = {
  name: 'conferenceQuestions',
  kind: 'lines',
  label: 'Vragen voor de conferentie (één per regel)',
  help: 'Schrijf elke vraag op een eigen regel.',
};
const reason = (help?: string): Field => ({ name: 'reason', kind: 'textarea', label: 'Reden', help });
const reasonCode: Field = { name: 'reasonCode', kind: 'select', label: 'Soort reden', options: REASON_CODE };
const who: Field = { name: 'participantId', kind: 'participant', label: 'Deelnemer' };
const attendees: Field = {
  name: 'attendees',
  kind: 'attendees',
  label: 'Wie waren er?',
  help: 'Kies iedereen die erbij was.',
};

/** Every step the API can offer in `nextSteps`, with its Dutch form. */
export const STEP_FORMS: Record<string, StepForm> = {
  'complete-intake': {
    label: 'Intake afronden',
    help: 'Schrijf de vragen op die de conferentie moet beantwoorden. Daarna zoekt u een coördinator.',
    path: () => 'intake',
    fields: (c) => [
      questions,
      ...(v2(c)
        ? [{ name: 'issueType', kind: 'select', label: 'Soort vraag', options: ISSUE_TYPE } as Field]
        : []),
      { name: 'notes', kind: 'textarea', label: 'Notities', optional: true },
    ],
  },
  decline: {
    label: 'Aanvraag afwijzen',
    help: 'Er komt geen conferentie. Schrijf op waarom.',
    path: () => 'decline',
    fields: (c) => [...(v2(c) ? [reasonCode] : []), reason()],
  },
  'revise-questions': {
    label: 'Vragen aanpassen',
    help: 'Pas de vragen voor de conferentie aan. Schrijf op waarom.',
    path: () => 'questions',
    fields: () => [questions, reason()],
  },
  'assign-coordinator': {
    label: 'Coördinator toewijzen',
    help: 'De coördinator bereidt de conferentie voor. Hij of zij moet onafhankelijk zijn.',
    path: () => 'coordinator',
    fields: (c) => [
      {
        name: 'coordinatorId',
        kind: 'text',
        label: 'Code van de coördinator',
        help: 'Hoe de coördinator in Tafel heet, bijvoorbeeld coordinator-1. Niet de inlogcode: die blijft geheim.',
      },
      { name: 'name', kind: 'text', label: 'Naam coördinator' },
      { name: 'email', kind: 'email', label: 'E-mail coördinator' },
      { name: 'independenceDeclared', kind: 'checkbox', label: 'De coördinator is onafhankelijk' },
      ...(c.coordinator
        ? [
            {
              ...reason('Er is al een coördinator. Schrijf op waarom u wisselt.'),
              label: 'Reden van de wissel',
            },
          ]
        : []),
    ],
  },
  'invite-participant': {
    label: 'Deelnemer uitnodigen',
    help: 'Zonder e-mailadres belt u de deelnemer zelf. Tafel zet hem dan op de lijst om te bellen.',
    path: () => 'participants',
    fields: (c) => [
      { name: 'name', kind: 'text', label: 'Naam' },
      { name: 'role', kind: 'select', label: 'Rol', options: PARTICIPANT_ROLE },
      { name: 'email', kind: 'email', label: 'E-mail', optional: true },
      { name: 'phone', kind: 'tel', label: 'Telefoon', optional: true },
      { name: 'organisation', kind: 'text', label: 'Organisatie', optional: true },
      ...(v2(c)
        ? [{ name: 'language', kind: 'select', label: 'Taal', options: LANGUAGE, optional: true } as Field]
        : []),
    ],
  },
  'correct-participant': {
    label: 'Gegevens deelnemer verbeteren',
    help: 'Vul alleen in wat anders moet. Lege velden blijven zoals ze zijn.',
    path: (values) => `participants/${participant(values)}/details`,
    fields: () => [
      who,
      { name: 'name', kind: 'text', label: 'Naam', optional: true },
      { name: 'email', kind: 'email', label: 'E-mail', optional: true },
      { name: 'phone', kind: 'tel', label: 'Telefoon', optional: true },
      { name: 'organisation', kind: 'text', label: 'Organisatie', optional: true },
    ],
  },
  'remove-participant': {
    label: 'Deelnemer verwijderen',
    help: 'De deelnemer krijgt daarna geen berichten meer.',
    path: (values) => `participants/${participant(values)}/removal`,
    fields: () => [who, reason()],
  },
  'record-preparation': {
    label: 'Voorbereiding vastleggen',
    help: 'U hebt met de deelnemer gesproken over de conferentie.',
    path: (values) => `participants/${participant(values)}/preparation`,
    fields: () => [who, { name: 'notes', kind: 'textarea', label: 'Notities', optional: true }],
  },
  'record-answer': {
    label: 'Antwoord vastleggen',
    help: 'Komt de deelnemer naar de conferentie?',
    path: (values) => `participants/${participant(values)}/answer`,
    fields: (c) => [
      who,
      { name: 'answer', kind: 'radio', label: 'Antwoord', options: ANSWER },
      ...(v2(c)
        ? [
            {
              name: 'researchContact',
              kind: 'checkbox',
              label: 'Mag meedoen aan onderzoek',
              help: 'Na de conferentie kan een onderzoeker contact opnemen.',
              initial: true,
            } as Field,
          ]
        : []),
    ],
  },
  'schedule-conference': {
    label: 'Datum plannen',
    help: 'Iedereen die is uitgenodigd krijgt de datum en de plaats.',
    path: () => 'schedule',
    fields: () => [
      { name: 'startsAt', kind: 'datetime', label: 'Datum en tijd' },
      { name: 'location', kind: 'text', label: 'Plaats' },
    ],
  },
  'adjourn-conference': {
    label: 'Conferentie schorsen',
    help: 'De conferentie is begonnen, maar gaat op een andere dag verder.',
    path: () => 'conference/adjournment',
    fields: () => [
      { name: 'heldAt', kind: 'datetime', label: 'Datum en tijd van de bijeenkomst' },
      attendees,
      reason(),
      { name: 'continuesAt', kind: 'datetime', label: 'Verder op' },
      { name: 'location', kind: 'text', label: 'Plaats', optional: true, help: 'Leeg: dezelfde plaats.' },
    ],
  },
  'hold-conference': {
    label: 'Conferentie gehouden',
    help: 'Leg vast dat de conferentie is geweest en wie er waren.',
    path: () => 'conference',
    fields: (c) => [
      { name: 'heldAt', kind: 'datetime', label: 'Datum en tijd van de conferentie' },
      attendees,
      ...(c.kind === 'family'
        ? [
            {
              name: 'privatePartHeld',
              kind: 'checkbox',
              label: 'Het eigen deel van de familie is gehouden',
            } as Field,
          ]
        : []),
    ],
  },
  'record-plan': {
    label: 'Plan vastleggen',
    help: 'Schrijf de afspraken op: wat, wie, waar en wanneer.',
    path: () => 'plan',
    fields: () => [
      { name: 'agreements', kind: 'agreements', label: 'Afspraken' },
      { name: 'ifItDoesNotWork', kind: 'textarea', label: 'Wat doen we als het niet lukt?' },
    ],
  },
  'record-no-plan': {
    label: 'Geen plan vastleggen',
    help: 'De conferentie is gehouden, maar er kwam geen plan.',
    path: () => 'plan/none',
    fields: () => [reason()],
  },
  'distribute-plan': {
    label: 'Plan verspreiden',
    help: 'Iedereen die er was of wilde komen, krijgt het plan. Mensen zonder e-mail krijgt u het plan op papier.',
    path: () => 'plan/distribution',
    fields: () => [],
  },
  'contact-follow-up': {
    label: 'Nazorg vastleggen',
    help: 'U hebt contact gehad over hoe het plan loopt.',
    path: () => 'follow-up',
    fields: () => [
      { name: 'contactedAt', kind: 'datetime', label: 'Datum van het contact' },
      { name: 'outcome', kind: 'select', label: 'Uitkomst', options: OUTCOME },
      { name: 'notes', kind: 'textarea', label: 'Notities', optional: true },
    ],
  },
  'request-follow-up-conference': {
    label: 'Vervolgconferentie aanvragen',
    help: 'Er komt een nieuwe zaak voor een nieuwe conferentie.',
    path: () => 'follow-up-conference',
    fields: () => [reason()],
    opensNewCase: true,
  },
  withdraw: {
    label: 'Zaak intrekken',
    help: 'De zaak stopt. Als er al een datum was, krijgen de deelnemers een afzegging.',
    path: () => 'withdrawal',
    fields: (c) => [...(v2(c) ? [reasonCode] : []), reason()],
  },
  close: {
    label: 'Zaak sluiten',
    help: 'De zaak is klaar.',
    path: () => 'closure',
    fields: () => [],
  },
};

export function initialValues(fields: Field[]): Values {
  const values: Values = {};
  for (const field of fields) {
    if (field.kind === 'checkbox') values[field.name] = field.initial ?? false;
    else if (field.kind === 'attendees') values[field.name] = [];
    else if (field.kind === 'agreements')
      values[field.name] = [{ action: '', where: '', when: '', ownerIds: [] }];
    else values[field.name] = '';
  }
  return values;
}

/** Turns "2026-12-03T14:00" (a local time) into ISO 8601 with offset, as the API wants. */
export const isoOf = (local: string): string => new Date(local).toISOString();

/** The request body of a step: only the body's own members, empty optional ones left out. */
export function bodyOf(fields: Field[], values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'participant') continue;
    if (field.kind === 'checkbox') body[field.name] = value === true;
    else if (field.kind === 'attendees') body[field.name] = value;
    else if (field.kind === 'lines')
      body[field.name] = String(value)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    else if (field.kind === 'agreements')
      body[field.name] = (value as AgreementValue[]).map(({ action, where, when, ownerIds }) => ({
        action: action.trim(),
        ...(where.trim() ? { where: where.trim() } : {}),
        when: when.trim(),
        ownerIds,
      }));
    else {
      const text = String(value).trim();
      if (text === '' && field.optional) continue;
      body[field.name] = field.kind === 'datetime' && text ? isoOf(text) : text;
    }
  }
  return body;
}
