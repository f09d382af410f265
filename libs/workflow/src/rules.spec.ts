import { conferenceMachine } from './conference.machine';
import { conferenceMachineV2 } from './conference-v2.machine';
import { workflowTransitions } from './mermaid';
import { CASE_STEPS } from './next-steps';
import { stepRulesOf, type RuleTable } from './rule-table';
import {
  RULE_MESSAGES,
  RULE_MESSAGES_NL,
  RULES,
  ruleMessage,
  ruleScope,
  WORKFLOW_RULES,
  WORKFLOW_RULES_V2,
} from './rules';
import type { CaseStep } from './steps';
import { historyUpTo, stateUpTo } from './testing/cases';
import { given } from './testing/decider-spec';

const guardsOf = (step: CaseStep, table: RuleTable = WORKFLOW_RULES): string[] =>
  stepRulesOf(table, step).map((r) => r.code);

describe('the guards of each step of version 1', () => {
  const v1Steps = CASE_STEPS.filter((step) =>
    workflowTransitions(conferenceMachine).some((t) => t.step === step),
  );

  it('run in the order a refusal reports them: what must have happened first, then what the command says', () => {
    expect(Object.fromEntries(v1Steps.map((step) => [step, guardsOf(step)]))).toEqual({
      'complete-intake': ['INTAKE.NO_QUESTIONS'],
      decline: ['CASE.REASON_REQUIRED'],
      'assign-coordinator': [
        'COORDINATOR.NO_CONFERENCE_QUESTIONS',
        'COORDINATOR.INDEPENDENCE_NOT_DECLARED',
        'COORDINATOR.ALREADY_ASSIGNED',
        'COORDINATOR.REPLACEMENT_REASON_REQUIRED',
      ],
      'invite-participant': [
        'COORDINATOR.NOT_ASSIGNED',
        'PARTICIPANTS.TOO_MANY',
        'PARTICIPANT.ALREADY_INVITED',
      ],
      'record-preparation': ['COORDINATOR.NOT_ASSIGNED', 'PARTICIPANT.NOT_INVITED'],
      'record-answer': ['COORDINATOR.NOT_ASSIGNED', 'PARTICIPANT.NOT_INVITED'],
      'schedule-conference': ['COORDINATOR.NOT_ASSIGNED', 'SCHEDULE.NOT_IN_FUTURE'],
      'hold-conference': [
        'CONFERENCE.NOT_SCHEDULED',
        'CONFERENCE.TOO_FEW_ACCEPTED',
        'CONFERENCE.NO_ATTENDEES',
        'CONFERENCE.ATTENDEE_NOT_INVITED',
        'CONFERENCE.PRIVATE_PART_IN_GROUP',
        'CONFERENCE.PRIVATE_PART_NOT_RECORDED',
        'CONFERENCE.HELD_IN_FUTURE',
        'CONFERENCE.HELD_BEFORE_SCHEDULED',
      ],
      'record-plan': [
        'PLAN.CONFERENCE_NOT_HELD',
        'PLAN.NO_AGREEMENTS',
        'PLAN.AGREEMENT_INCOMPLETE',
        'PLAN.OWNER_NOT_ATTENDEE',
        'PLAN.NO_FALLBACK',
      ],
      'distribute-plan': ['PLAN.NOT_RECORDED'],
      'contact-follow-up': ['FOLLOW_UP.PLAN_NOT_DISTRIBUTED', 'FOLLOW_UP.CONTACT_TIME'],
      'request-follow-up-conference': [
        'FOLLOW_UP.PLAN_NOT_DISTRIBUTED',
        'CASE.REASON_REQUIRED',
        'FOLLOW_UP.SAME_CASE',
        'FOLLOW_UP.ALREADY_LINKED',
      ],
      withdraw: ['CASE.REASON_REQUIRED'],
      close: [],
    });
  });
});

describe('the guards of each step of version 2', () => {
  it('are those of version 1, widened to the new steps, with the new rules after the shared ones', () => {
    const v2 = (step: CaseStep) => guardsOf(step, WORKFLOW_RULES_V2);
    expect(Object.fromEntries(CASE_STEPS.map((step) => [step, v2(step)]))).toEqual({
      'complete-intake': ['INTAKE.NO_QUESTIONS'],
      decline: ['CASE.REASON_REQUIRED'],
      'revise-questions': ['CASE.REASON_REQUIRED', 'QUESTIONS.EMPTY', 'QUESTIONS.UNCHANGED'],
      'assign-coordinator': guardsOf('assign-coordinator'),
      'invite-participant': guardsOf('invite-participant'),
      'correct-participant': [
        'PARTICIPANT.NOT_INVITED',
        'PARTICIPANT.REMOVED',
        'PARTICIPANT.NOTHING_CORRECTED',
        'PARTICIPANT.BLANK_DETAIL',
      ],
      'remove-participant': ['CASE.REASON_REQUIRED', 'PARTICIPANT.NOT_INVITED', 'PARTICIPANT.REMOVED'],
      'record-preparation': ['COORDINATOR.NOT_ASSIGNED', 'PARTICIPANT.NOT_INVITED', 'PARTICIPANT.REMOVED'],
      'record-answer': ['COORDINATOR.NOT_ASSIGNED', 'PARTICIPANT.NOT_INVITED', 'PARTICIPANT.REMOVED'],
      'schedule-conference': guardsOf('schedule-conference'),
      'adjourn-conference': [
        'CONFERENCE.NOT_SCHEDULED',
        'CONFERENCE.TOO_FEW_ACCEPTED',
        'CASE.REASON_REQUIRED',
        'CONFERENCE.NO_ATTENDEES',
        'CONFERENCE.ATTENDEE_NOT_INVITED',
        'CONFERENCE.HELD_IN_FUTURE',
        'CONFERENCE.HELD_BEFORE_SCHEDULED',
        'CONFERENCE.ATTENDEE_REMOVED',
        'CONFERENCE.CONTINUES_NOT_IN_FUTURE',
      ],
      'hold-conference': [...guardsOf('hold-conference'), 'CONFERENCE.ATTENDEE_REMOVED'],
      'record-plan': [
        'PLAN.CONFERENCE_NOT_HELD',
        'PLAN.NO_AGREEMENTS',
        'PLAN.AGREEMENT_INCOMPLETE',
        'PLAN.NO_FALLBACK',
        'PLAN.OWNER_NOT_PARTICIPANT',
      ],
      'record-no-plan': ['CASE.REASON_REQUIRED'],
      'distribute-plan': ['PLAN.NOT_RECORDED', 'PLAN.RECIPIENTS'],
      'contact-follow-up': guardsOf('contact-follow-up'),
      'request-follow-up-conference': [
        'FOLLOW_UP.NOT_CONCLUDED',
        'CASE.REASON_REQUIRED',
        'FOLLOW_UP.SAME_CASE',
        'FOLLOW_UP.ALREADY_LINKED',
      ],
      withdraw: ['CASE.REASON_REQUIRED'],
      close: [],
    });
  });
});

describe.each([
  ['version 1', WORKFLOW_RULES, conferenceMachine],
  ['version 2', WORKFLOW_RULES_V2, conferenceMachineV2],
] as const)('the rule table of %s', (_, table, machine) => {
  const rules = Object.values(table);

  it('gives every rule its own code', () => {
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
  });

  it('guards only steps the machine takes somewhere', () => {
    const taken = new Set(workflowTransitions(machine).map((t) => t.step));
    const guarded = rules.flatMap((r) => ('steps' in r ? r.steps : []));
    expect(guarded.filter((step) => !taken.has(step))).toEqual([]);
  });

  it('is the table the machine carries, its guards named by the codes', () => {
    expect(machine.root.meta?.rules).toBe(table);
    const codes = rules.filter((r) => 'guard' in r).map((r) => r.code);
    expect(Object.keys(machine.implementations.guards).sort()).toEqual([...codes].sort());
  });
});

describe('the rules of all versions', () => {
  const v1 = Object.values(WORKFLOW_RULES);
  const v2 = Object.values(WORKFLOW_RULES_V2);

  it('a code means one thing: the same message and scope in every version that has it', () => {
    for (const rule of v2) {
      const same = v1.find((r) => r.code === rule.code);
      if (same)
        expect({ message: rule.message, nl: rule.nl, scope: rule.scope }).toEqual({
          message: same.message,
          nl: same.nl,
          scope: same.scope,
        });
    }
    expect(Object.keys(RULE_MESSAGES)).toHaveLength(new Set([...v1, ...v2].map((r) => r.code)).size);
  });

  it('version 2 shares every rule of version 1 but the owner rule it replaces', () => {
    const codes = (rules: { code: string }[]) => rules.map((r) => r.code);
    expect(codes(v1).filter((c) => !codes(v2).includes(c))).toEqual(['PLAN.OWNER_NOT_ATTENDEE']);
    expect(codes(v2).filter((c) => !codes(v1).includes(c))).toEqual([
      'PARTICIPANT.REMOVED',
      'PARTICIPANT.NOTHING_CORRECTED',
      'PARTICIPANT.BLANK_DETAIL',
      'QUESTIONS.EMPTY',
      'QUESTIONS.UNCHANGED',
      'CONFERENCE.ATTENDEE_REMOVED',
      'CONFERENCE.CONTINUES_NOT_IN_FUTURE',
      'PLAN.OWNER_NOT_PARTICIPANT',
      'PLAN.RECIPIENTS',
      'FOLLOW_UP.NOT_CONCLUDED',
    ]);
  });

  it('derives codes, messages and scopes from the one declaration', () => {
    expect(RULES.TOO_FEW_ACCEPTED).toBe('CONFERENCE.TOO_FEW_ACCEPTED');
    expect(RULES.OWNER_NOT_ATTENDEE).toBe('PLAN.OWNER_NOT_ATTENDEE');
    expect(RULES.OWNER_NOT_PARTICIPANT).toBe('PLAN.OWNER_NOT_PARTICIPANT');
    expect(RULE_MESSAGES['PLAN.NO_FALLBACK']).toBe('A plan must say what happens if it does not work.');
    expect(RULE_MESSAGES['PARTICIPANT.REMOVED']).toBe('This participant was removed from the conference.');
    expect(ruleScope('CONFERENCE.NOT_SCHEDULED')).toBe('state');
    expect(ruleScope('FOLLOW_UP.NOT_CONCLUDED')).toBe('state');
    expect(ruleScope('CONFERENCE.NO_ATTENDEES')).toBe('payload');
    expect(ruleScope('NO.SUCH_RULE')).toBe('payload');
  });

  it('refuses with the sentence declared beside the rule', () => {
    const refusal = given(historyUpTo('held'))
      .when({ type: 'RecordPlan', agreements: [], ifItDoesNotWork: 'We call.' })
      .thenRefuses(RULES.NO_AGREEMENTS).refusal;
    expect(refusal.message).toBe(WORKFLOW_RULES.NO_AGREEMENTS.message);
  });

  it('a guard asked about a step it does not guard throws instead of guessing', () => {
    const context = stateUpTo('held');
    const close = { type: 'close', event: { type: 'CaseClosed', data: { at: 't' } } } as const;
    expect(() => WORKFLOW_RULES.NO_AGREEMENTS.guard({ context, event: close })).toThrow(
      /PLAN.NO_AGREEMENTS does not guard close/,
    );
    expect(() => WORKFLOW_RULES_V2.ATTENDEE_REMOVED.guard({ context, event: close })).toThrow(
      /CONFERENCE.ATTENDEE_REMOVED does not guard close/,
    );
  });
});

describe('the Dutch sentences of the rules', () => {
  const rules = [...Object.values(WORKFLOW_RULES), ...Object.values(WORKFLOW_RULES_V2)];
  const codes = [...new Set(rules.map((r) => r.code))];
  const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/);

  it.each(codes)('%s has its own Dutch sentence, not its English one', (code) => {
    const nl = ruleMessage(code, 'nl');
    expect(nl?.trim()).toBeTruthy();
    expect(nl).not.toBe(ruleMessage(code, 'en'));
    expect(nl).toBe(RULE_MESSAGES_NL[code as keyof typeof RULE_MESSAGES_NL]);
  });

  it('covers every rule code of both versions, and nothing else', () => {
    expect(Object.keys(RULE_MESSAGES_NL).sort()).toEqual([...codes].sort());
    expect(Object.keys(RULE_MESSAGES_NL).sort()).toEqual(Object.keys(RULE_MESSAGES).sort());
  });

  it('is plain Dutch (B1): short sentences, ending with a full stop, nothing bossy', () => {
    for (const rule of rules) {
      for (const sentence of sentencesOf(rule.nl)) {
        expect({ code: rule.code, sentence, words: sentence.split(/\s+/).length <= 15 }).toEqual({
          code: rule.code,
          sentence,
          words: true,
        });
      }
      expect(rule.nl).toMatch(/\.$/);
      expect(rule.nl).not.toMatch(/\b(u moet|moet u|verplicht)\b/i);
    }
  });

  it('answers English for `en`, and nothing for a code no version has', () => {
    expect(ruleMessage('PLAN.NO_FALLBACK', 'en')).toBe(RULE_MESSAGES['PLAN.NO_FALLBACK']);
    expect(ruleMessage('PLAN.NO_FALLBACK', 'nl')).toBe(
      'Het plan zegt nog niet wat er gebeurt als het niet lukt.',
    );
    expect(ruleMessage('NO.SUCH_RULE', 'nl')).toBeUndefined();
    expect(ruleMessage('toString', 'nl')).toBeUndefined();
  });
});
