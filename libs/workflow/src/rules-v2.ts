import { CONFERENCE_OUTCOME_RULES } from './conference-outcome.rules';
import { CORRECTION_RULES } from './corrections.rules';
import { hasReason } from './rule-checks';
import { redeclare, type RuleTable } from './rule-table';
import { WORKFLOW_RULES } from './rules-v1';

const { OWNER_NOT_ATTENDEE: _replaced, ...SHARED } = WORKFLOW_RULES;

/**
 * Every rule of workflow version 2: version 1's table, less the rule it replaces
 * (`PLAN.OWNER_NOT_ATTENDEE`, by `PLAN.OWNER_NOT_PARTICIPANT`), with the rules it declares again for
 * more steps (same code, same message) and its new rules. A redeclared rule keeps its place in the
 * order; new rules run after the shared ones of their scope.
 */
export const WORKFLOW_RULES_V2 = {
  ...SHARED,
  REASON_REQUIRED: redeclare(
    WORKFLOW_RULES.REASON_REQUIRED,
    [
      'decline',
      'withdraw',
      'request-follow-up-conference',
      'revise-questions',
      'remove-participant',
      'adjourn-conference',
      'record-no-plan',
    ],
    hasReason,
  ),
  ...CORRECTION_RULES,
  ...CONFERENCE_OUTCOME_RULES,
} satisfies RuleTable;
