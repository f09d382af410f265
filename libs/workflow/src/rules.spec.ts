import { conferenceMachine } from './conference.machine';
import { workflowTransitions } from './mermaid';
import { CASE_STEPS } from './next-steps';
import { stepRulesOf } from './rule-table';
import { RULE_MESSAGES, RULES, ruleScope, WORKFLOW_RULES } from './rules';
import type { CaseStep } from './steps';
import { historyUpTo, stateUpTo } from './testing/cases';
import { given } from './testing/decider-spec';

const guardsOf = (step: CaseStep): string[] => stepRulesOf(WORKFLOW_RULES, step).map((r) => r.code);

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
      'invite-participant': ['COORDINATOR.NOT_ASSIGNED', 'PARTICIPANT.ALREADY_INVITED'],
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

describe('the rule table', () => {
  const rules = Object.values(WORKFLOW_RULES);

  it('gives every rule its own code', () => {
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
    expect(Object.keys(RULE_MESSAGES)).toHaveLength(rules.length);
  });

  it('derives codes, messages and scopes from the one declaration', () => {
    expect(RULES.TOO_FEW_ACCEPTED).toBe('CONFERENCE.TOO_FEW_ACCEPTED');
    expect(RULE_MESSAGES['PLAN.NO_FALLBACK']).toBe('A plan must say what happens if it does not work.');
    expect(ruleScope('CONFERENCE.NOT_SCHEDULED')).toBe('state');
    expect(ruleScope('CONFERENCE.NO_ATTENDEES')).toBe('payload');
    expect(ruleScope('NO.SUCH_RULE')).toBe('payload');
  });

  it('guards only steps the machine takes somewhere', () => {
    const taken = new Set(workflowTransitions(conferenceMachine).map((t) => t.step));
    const guarded = rules.flatMap((r) => ('steps' in r ? r.steps : []));
    expect(guarded.filter((step) => !taken.has(step))).toEqual([]);
  });

  it('refuses with the sentence declared beside the rule', () => {
    const refusal = given(historyUpTo('held'))
      .when({ type: 'RecordPlan', agreements: [], ifItDoesNotWork: 'We call.' })
      .thenRefuses(RULES.NO_AGREEMENTS).refusal;
    expect(refusal.message).toBe(WORKFLOW_RULES.NO_AGREEMENTS.message);
  });

  it('a guard asked about a step it does not guard throws instead of guessing', () => {
    const { guard } = WORKFLOW_RULES.NO_AGREEMENTS;
    const context = stateUpTo('held');
    expect(() =>
      guard({ context, event: { type: 'close', event: { type: 'CaseClosed', data: { at: 't' } } } }),
    ).toThrow(/PLAN.NO_AGREEMENTS does not guard close/);
  });
});
