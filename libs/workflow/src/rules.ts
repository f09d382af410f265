import { CONFERENCE_PLAN_RULES } from './conference-plan.rules';
import { COORDINATOR_PREPARATION_RULES } from './coordinator-preparation.rules';
import { FOLLOW_UP_RULES } from './follow-up.rules';
import { REQUEST_INTAKE_RULES } from './request-intake.rules';
import type { CodeOf, GuardCodeOf, RuleScope, RuleTable } from './rule-table';

/**
 * Every rule of workflow version 1, each declared once: its code, the steps it guards, its message,
 * its scope and its check (see `stepRule`). A refusal names exactly one of these. A later version
 * builds its table from this one (`{ ...WORKFLOW_RULES, NEW_RULE: stepRule(...) }`), so that the
 * rules it shares keep their codes.
 */
export const WORKFLOW_RULES = {
  ...REQUEST_INTAKE_RULES,
  ...COORDINATOR_PREPARATION_RULES,
  ...CONFERENCE_PLAN_RULES,
  ...FOLLOW_UP_RULES,
} satisfies RuleTable;

type Rules = typeof WORKFLOW_RULES;
export type RuleKey = keyof Rules;
export type RuleCode = CodeOf<Rules>;
/** The rules the machine checks as guards (the general ones are checked by `decide` itself). */
export type GuardCode = GuardCodeOf<Rules>;

const entries = Object.entries(WORKFLOW_RULES) as [RuleKey, Rules[RuleKey]][];

/** Each rule's code by key, e.g. `RULES.TOO_FEW_ACCEPTED` is `'CONFERENCE.TOO_FEW_ACCEPTED'`. */
export const RULES = Object.fromEntries(entries.map(([key, rule]) => [key, rule.code])) as {
  readonly [K in RuleKey]: Rules[K]['code'];
};

/** Plain English sentences for staff, one per rule. */
export const RULE_MESSAGES = Object.fromEntries(
  entries.map(([, rule]) => [rule.code, rule.message]),
) as Readonly<Record<RuleCode, string>>;

const SCOPES = new Map<string, RuleScope>(entries.map(([, rule]) => [rule.code, rule.scope]));

/** `state` when the rule depends only on the case (see `RuleScope`), `payload` otherwise. */
export function ruleScope(rule: string): RuleScope {
  return SCOPES.get(rule) ?? 'payload';
}
