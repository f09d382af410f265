import { COORDINATOR_PREPARATION_RULES } from './coordinator-preparation.rules';
import { blank, isRemoved, namesInvited } from './rule-checks';
import { redeclare, stepRule } from './rule-table';
import type { ParticipantDetails } from './types';

const { NOT_INVITED } = COORDINATOR_PREPARATION_RULES;
const DETAILS = [
  'name',
  'email',
  'phone',
  'organisation',
  'language',
] as const satisfies (keyof ParticipantDetails)[];
const TEXTS = ['name', 'email', 'phone', 'organisation'] as const satisfies (keyof ParticipantDetails)[];

/** Version 2: the rules of corrections (revised questions, corrected details, removed participants). */
export const CORRECTION_RULES = {
  /** Only invited participants can be prepared, answer, be corrected or be removed. */
  NOT_INVITED: redeclare(
    NOT_INVITED,
    ['record-preparation', 'record-answer', 'correct-participant', 'remove-participant'],
    namesInvited,
  ),
  /** A removed participant takes no further part: no preparation, answer, correction or second removal. */
  REMOVED: stepRule({
    code: 'PARTICIPANT.REMOVED',
    steps: ['record-preparation', 'record-answer', 'correct-participant', 'remove-participant'],
    message: 'This participant was removed from the conference.',
    nl: 'Deze deelnemer doet niet meer mee aan de conferentie.',
    scope: 'payload',
    check: (c, p) => !isRemoved(c, p.data.participantId),
  }),
  /** A correction changes at least one detail (a correction with no field, or only the same values, does not). */
  NOTHING_CORRECTED: stepRule({
    code: 'PARTICIPANT.NOTHING_CORRECTED',
    steps: ['correct-participant'],
    message: "A correction must change at least one of the participant's details.",
    nl: 'Er is niets veranderd aan de gegevens van de deelnemer.',
    scope: 'payload',
    check: (c, p) => {
      const current = c.participants.find((x) => x.participantId === p.data.participantId);
      return DETAILS.some((k) => p.data[k] !== undefined && p.data[k] !== current?.[k]);
    },
  }),
  /** A corrected detail replaces the old one; it cannot be made blank. */
  BLANK_DETAIL: stepRule({
    code: 'PARTICIPANT.BLANK_DETAIL',
    steps: ['correct-participant'],
    message: 'A corrected name, e-mail address, phone number or organisation cannot be blank.',
    nl: 'Een naam, e-mailadres, telefoonnummer of organisatie kan niet leeg worden gemaakt.',
    scope: 'payload',
    check: (_, p) => TEXTS.every((k) => p.data[k] === undefined || !blank(p.data[k])),
  }),
  /** Revised conference questions are at least one question, none blank. */
  NO_QUESTIONS_LEFT: stepRule({
    code: 'QUESTIONS.EMPTY',
    steps: ['revise-questions'],
    message: 'The revised conference questions need at least one question that is not blank.',
    nl: 'Er is minstens één conferentievraag nodig. Een lege vraag telt niet.',
    scope: 'payload',
    check: (_, p) => p.data.conferenceQuestions.length > 0 && !p.data.conferenceQuestions.some(blank),
  }),
  /** A revision changes the questions. */
  QUESTIONS_UNCHANGED: stepRule({
    code: 'QUESTIONS.UNCHANGED',
    steps: ['revise-questions'],
    message: 'The revised conference questions are the same as the current ones.',
    nl: 'De conferentievragen zijn niet veranderd.',
    scope: 'payload',
    check: (c, p) =>
      p.data.conferenceQuestions.length !== c.conferenceQuestions.length ||
      p.data.conferenceQuestions.some((q, i) => q !== c.conferenceQuestions[i]),
  }),
};
