import { and } from 'xstate';
import type { CaseStep, Proposal, StepEvent } from './steps';
import type { CaseState, CaseStatus } from './types';

/**
 * What a rule looks at:
 * - `state`: only the case as it is (order of steps, who is assigned, how many accepted). When such a
 *   rule fails, no payload of that step can succeed now, so the step is not in `nextSteps`.
 * - `payload`: what the command says (questions, attendees, owners, times). The step stays in
 *   `nextSteps`; a better payload can succeed.
 */
export type RuleScope = 'state' | 'payload';

/** A rule as a refusal names it. */
export interface Rule<C extends string = string> {
  /** Stable code, public API (HTTP problem bodies carry it). */
  readonly code: C;
  /** One plain English sentence for staff. */
  readonly message: string;
  /**
   * The same in plain Dutch (B1: short sentences, "u", no jargon, nothing bossy), for coordinators and
   * other staff who ask for Dutch (`Accept-Language: nl`). Required: a rule without it does not compile.
   */
  readonly nl: string;
  readonly scope: RuleScope;
}

/** What XState hands a guard. */
export interface GuardArgs {
  context: CaseState;
  event: StepEvent;
}

/** A rule that the machine checks as a guard, named by its code, on each of its steps. */
export interface StepRule<C extends string = string, Scope extends RuleScope = RuleScope> extends Rule<C> {
  readonly scope: Scope;
  readonly steps: readonly CaseStep[];
  /** True when the rule holds for this case and proposed step. */
  readonly guard: (args: GuardArgs) => boolean;
}

/** A table of rules by key; its order is the order in which a step's guards of one scope run. */
export type RuleTable = Readonly<Record<string, Rule | StepRule>>;
/** The codes of a table's rules. */
export type CodeOf<T extends RuleTable> = T[keyof T]['code'];
/** The codes of a table's step rules: the names of the machine's guards. */
export type GuardCodeOf<T extends RuleTable> = {
  [K in keyof T]: T[K] extends StepRule<infer C> ? C : never;
}[keyof T];

/** A `state` rule sees only the case; a `payload` rule also sees what its steps propose. */
type Check<Scope extends RuleScope, S extends CaseStep> = Scope extends 'state'
  ? (context: CaseState) => boolean
  : (context: CaseState, proposal: Proposal<S>) => boolean;

/** Declares a rule that no step's guard checks (a missing case, a step out of order). */
export function generalRule<const C extends string>(rule: {
  code: C;
  message: string;
  nl: string;
  scope: RuleScope;
}): Rule<C> {
  const { code, message, nl, scope } = rule;
  return { code, message, nl, scope };
}

/**
 * Declares a rule that guards `steps`. Its check is typed by what those steps propose, so a check
 * written against another step's proposal does not compile.
 */
export function stepRule<const C extends string, const S extends CaseStep, Scope extends RuleScope>(rule: {
  code: C;
  steps: readonly S[];
  message: string;
  nl: string;
  scope: Scope;
  check: Check<Scope, NoInfer<S>>;
}): StepRule<C, Scope> {
  const { code, steps, message, nl, scope } = rule;
  const check = rule.check as (context: CaseState, proposal: StepEvent['event']) => boolean;
  const guarded: readonly CaseStep[] = steps;
  const guard = ({ context, event }: GuardArgs): boolean => {
    if (!guarded.includes(event.type)) throw new Error(`${code} does not guard ${event.type}`);
    return check(context, event.event);
  };
  return { code, steps, message, nl, scope, guard };
}

/**
 * `rule` as a later version declares it again: the same code, messages and scope, guarding `steps`
 * (it may widen the rule to new steps) with `check` (typed by those steps; it may also see what the
 * later version records, e.g. who was removed). A code means one thing in every version.
 */
export function redeclare<const C extends string, Scope extends RuleScope, const S extends CaseStep>(
  rule: StepRule<C, Scope>,
  steps: readonly S[],
  check: Check<Scope, NoInfer<S>>,
): StepRule<C, Scope> {
  const { code, message, nl, scope } = rule;
  return stepRule<C, S, Scope>({ code, message, nl, scope, steps, check });
}

const isStepRule = (rule: Rule | StepRule): rule is StepRule => 'guard' in rule;

type Guards<T extends RuleTable> = Record<GuardCodeOf<T>, (args: GuardArgs) => boolean>;

/** The machine's guards: one per step rule of the table, named by its code. */
export function guardsOf<T extends RuleTable>(table: T): Guards<T> {
  const rules = Object.values(table).filter(isStepRule);
  return Object.fromEntries(rules.map((r) => [r.code, r.guard])) as Guards<T>;
}

/**
 * The rules that guard `step`, in the order they run and a refusal reports the first failing one:
 * the state rules (what must have happened before) first, then the rules on what the command says,
 * each in table order.
 */
export function stepRulesOf<T extends RuleTable>(table: T, step: CaseStep): StepRule<GuardCodeOf<T>>[] {
  const rules = Object.values(table).filter(
    (r): r is StepRule<GuardCodeOf<T>> => isStepRule(r) && r.steps.includes(step),
  );
  return [...rules.filter((r) => r.scope === 'state'), ...rules.filter((r) => r.scope === 'payload')];
}

/**
 * The machine transitions of a table: `to(step, target)` records the step and moves to `target` when
 * every rule of the step holds, in the order `stepRulesOf` gives.
 */
export function transitionsOf(table: RuleTable) {
  return (step: CaseStep, target: CaseStatus) => {
    const rules = stepRulesOf(table, step).map((r) => r.code);
    return { target, actions: 'record' as const, ...(rules.length > 0 ? { guard: and(rules) } : {}) };
  };
}
