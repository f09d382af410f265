import { CONFERENCE_PLAN_RULES } from './conference-plan.rules';
import { COORDINATOR_PREPARATION_RULES } from './coordinator-preparation.rules';
import { FOLLOW_UP_RULES } from './follow-up.rules';
import { REQUEST_INTAKE_RULES } from './request-intake.rules';
import type { RuleTable } from './rule-table';

/**
 * Every rule of workflow version 1, each declared once: its code, the steps it guards, its message,
 * its scope and its check (see `stepRule`). A refusal names exactly one of these. A later version
 * builds its table from this one (see `rules-v2.ts`), so that the rules it shares keep their codes.
 */
export const WORKFLOW_RULES = {
  ...REQUEST_INTAKE_RULES,
  ...COORDINATOR_PREPARATION_RULES,
  ...CONFERENCE_PLAN_RULES,
  ...FOLLOW_UP_RULES,
} satisfies RuleTable;
