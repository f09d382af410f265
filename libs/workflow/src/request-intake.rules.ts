import { blank, hasReason } from './rule-checks';
import { generalRule, stepRule } from './rule-table';

/** The rules of a request and its intake, and those that hold for every case. */
export const REQUEST_INTAKE_RULES = {
  /** The step is not one the case's current state allows (order of steps; finished cases). */
  STEP_NOT_ALLOWED: generalRule(
    'CASE.STEP_NOT_ALLOWED',
    'This step is not allowed in the current state of the case.',
    'state',
  ),
  /** A step other than `request` on a case that does not exist. */
  NOT_FOUND: generalRule('CASE.NOT_FOUND', 'There is no such case; only a request can start one.', 'state'),
  /** `request` for a case id that already has a history. */
  ALREADY_EXISTS: generalRule('CASE.ALREADY_EXISTS', 'A case with this id already exists.', 'state'),
  /** A request that names itself as the case it follows up. */
  FOLLOW_UP_OF_ITSELF: generalRule(
    'CASE.FOLLOW_UP_OF_ITSELF',
    'A case cannot be a follow-up of itself.',
    'payload',
  ),
  /** Decline, withdrawal and follow-up conference requests need a non-blank reason. */
  REASON_REQUIRED: stepRule({
    code: 'CASE.REASON_REQUIRED',
    steps: ['decline', 'withdraw', 'request-follow-up-conference'],
    message: 'A reason is required.',
    scope: 'payload',
    check: hasReason,
  }),
  /** The intake must produce at least one (non-blank) conference question. */
  NO_QUESTIONS: stepRule({
    code: 'INTAKE.NO_QUESTIONS',
    steps: ['complete-intake'],
    message: 'The intake needs at least one conference question.',
    scope: 'payload',
    check: (_, p) => p.data.conferenceQuestions.length > 0 && !p.data.conferenceQuestions.some(blank),
  }),
};
