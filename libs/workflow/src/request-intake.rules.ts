import { blank, hasReason } from './rule-checks';
import { generalRule, stepRule } from './rule-table';

/** The rules of a request and its intake, and those that hold for every case. */
export const REQUEST_INTAKE_RULES = {
  /** The step is not one the case's current state allows (order of steps; finished cases). */
  STEP_NOT_ALLOWED: generalRule({
    code: 'CASE.STEP_NOT_ALLOWED',
    message: 'This step is not allowed in the current state of the case.',
    nl: 'Deze stap kan nu niet. De zaak is in een andere fase.',
    scope: 'state',
  }),
  /** A step other than `request` on a case that does not exist. */
  NOT_FOUND: generalRule({
    code: 'CASE.NOT_FOUND',
    message: 'There is no such case; only a request can start one.',
    nl: 'Deze zaak bestaat niet. Alleen een aanvraag kan een nieuwe zaak beginnen.',
    scope: 'state',
  }),
  /** `request` for a case id that already has a history. */
  ALREADY_EXISTS: generalRule({
    code: 'CASE.ALREADY_EXISTS',
    message: 'A case with this id already exists.',
    nl: 'Er is al een zaak met dit nummer.',
    scope: 'state',
  }),
  /** A request that names itself as the case it follows up. */
  FOLLOW_UP_OF_ITSELF: generalRule({
    code: 'CASE.FOLLOW_UP_OF_ITSELF',
    message: 'A case cannot be a follow-up of itself.',
    nl: 'Een zaak kan geen vervolg zijn op zichzelf.',
    scope: 'payload',
  }),
  /** Decline, withdrawal and follow-up conference requests need a non-blank reason. */
  REASON_REQUIRED: stepRule({
    code: 'CASE.REASON_REQUIRED',
    steps: ['decline', 'withdraw', 'request-follow-up-conference'],
    message: 'A reason is required.',
    nl: 'Voor deze stap is een reden nodig.',
    scope: 'payload',
    check: hasReason,
  }),
  /** The intake must produce at least one (non-blank) conference question. */
  NO_QUESTIONS: stepRule({
    code: 'INTAKE.NO_QUESTIONS',
    steps: ['complete-intake'],
    message: 'The intake needs at least one conference question.',
    nl: 'Na de intake is er minstens één conferentievraag nodig.',
    scope: 'payload',
    check: (_, p) => p.data.conferenceQuestions.length > 0 && !p.data.conferenceQuestions.some(blank),
  }),
};
