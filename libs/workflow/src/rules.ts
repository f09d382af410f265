import type { CodeOf, GuardCodeOf, RuleScope } from './rule-table';
import { WORKFLOW_RULES } from './rules-v1';
import { WORKFLOW_RULES_V2 } from './rules-v2';
import type { Language } from './types';

export { WORKFLOW_RULES } from './rules-v1';
export { WORKFLOW_RULES_V2 } from './rules-v2';

/** The rule tables of all workflow versions. A code means the same in each table that has it. */
const ALL_RULES = { ...WORKFLOW_RULES, ...WORKFLOW_RULES_V2 };

type Rules = typeof ALL_RULES;
export type RuleKey = keyof Rules;
/** Every rule code of every version. */
export type RuleCode = CodeOf<typeof WORKFLOW_RULES> | CodeOf<typeof WORKFLOW_RULES_V2>;
/** The rules the machines check as guards (the general ones are checked by `decide` itself). */
export type GuardCode = GuardCodeOf<typeof WORKFLOW_RULES> | GuardCodeOf<typeof WORKFLOW_RULES_V2>;

const entries = Object.entries(ALL_RULES) as [RuleKey, Rules[RuleKey]][];

/** Each rule's code by key, e.g. `RULES.TOO_FEW_ACCEPTED` is `'CONFERENCE.TOO_FEW_ACCEPTED'`. */
export const RULES = Object.fromEntries(entries.map(([key, rule]) => [key, rule.code])) as {
  readonly [K in RuleKey]: Rules[K]['code'];
};

/** Plain English sentences for staff, one per rule. */
export const RULE_MESSAGES = Object.fromEntries(
  entries.map(([, rule]) => [rule.code, rule.message]),
) as Readonly<Record<RuleCode, string>>;

/** The same sentences in plain Dutch (B1), one per rule, declared beside the English one. */
export const RULE_MESSAGES_NL = Object.fromEntries(
  entries.map(([, rule]) => [rule.code, rule.nl]),
) as Readonly<Record<RuleCode, string>>;

const isRuleCode = (code: string): code is RuleCode => Object.hasOwn(RULE_MESSAGES, code);

/**
 * The rule's sentence in `language`, or `undefined` for a code no version has. (A refusal's own
 * `message` may say more in English, e.g. the current state; the sentence here is the rule's.)
 */
export function ruleMessage(code: string, language: Language): string | undefined {
  if (!isRuleCode(code)) return undefined;
  return language === 'nl' ? RULE_MESSAGES_NL[code] : RULE_MESSAGES[code];
}

const SCOPES = new Map<string, RuleScope>(entries.map(([, rule]) => [rule.code, rule.scope]));

/** `state` when the rule depends only on the case (see `RuleScope`), `payload` otherwise. */
export function ruleScope(rule: string): RuleScope {
  return SCOPES.get(rule) ?? 'payload';
}
