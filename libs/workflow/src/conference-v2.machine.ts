import { assign, setup } from 'xstate';
import { evolve } from './evolve';
import { guardsOf, transitionsOf, type RuleTable } from './rule-table';
import { WORKFLOW_RULES_V2 } from './rules-v2';
import type { StepEvent } from './steps';
import type { CaseState, DomainEvent } from './types';

/** A guarded transition for a step: every rule of the step must hold, in the table's order. */
const to = transitionsOf(WORKFLOW_RULES_V2);

/** Corrections of the conference questions and of those taking part, staying in `state`. */
const corrections = (state: 'preparing' | 'scheduled') => ({
  'revise-questions': to('revise-questions', state),
  'correct-participant': to('correct-participant', state),
  'remove-participant': to('remove-participant', state),
});

/** Steps of the preparation (allowed until the conference is held), staying in `state`. */
const preparation = (state: 'preparing' | 'scheduled') => ({
  'assign-coordinator': to('assign-coordinator', state),
  'invite-participant': to('invite-participant', state),
  ...corrections(state),
  'record-preparation': to('record-preparation', state),
  'record-answer': to('record-answer', state),
  'schedule-conference': to('schedule-conference', 'scheduled'),
  withdraw: to('withdraw', 'withdrawn'),
});

const afterDistribution = (state: 'plan-distributed' | 'followed-up') => ({
  'contact-follow-up': to('contact-follow-up', 'followed-up'),
  'request-follow-up-conference': to('request-follow-up-conference', state),
  close: to('close', 'closed'),
});

/**
 * The conference case workflow, version 2 (cases requested from its introduction on). As version 1,
 * plus: questions revised and participants corrected or removed before the conference (details also
 * after it, until the plan is distributed); a conference adjourned to a new date, staying scheduled;
 * a held conference ending without a plan (`no-plan`), which can still be closed or followed by a
 * follow-up conference, as can a closed case. Its guards are the step rules of its own table, which
 * rides along as the root's `meta`.
 */
export const conferenceMachineV2 = setup({
  types: {
    context: {} as CaseState,
    events: {} as StepEvent,
    input: {} as CaseState,
    meta: {} as { rules?: RuleTable },
  },
  guards: guardsOf(WORKFLOW_RULES_V2),
  actions: { record: assign(({ context, event }) => evolve(context, event.event as DomainEvent)) },
}).createMachine({
  id: 'conference-v2',
  meta: { rules: WORKFLOW_RULES_V2 },
  initial: 'requested',
  context: ({ input }) => input,
  states: {
    requested: {
      on: {
        'complete-intake': to('complete-intake', 'awaiting-coordinator'),
        decline: to('decline', 'declined'),
        withdraw: to('withdraw', 'withdrawn'),
      },
    },
    declined: { type: 'final' },
    'awaiting-coordinator': {
      on: {
        'revise-questions': to('revise-questions', 'awaiting-coordinator'),
        'assign-coordinator': to('assign-coordinator', 'preparing'),
        withdraw: to('withdraw', 'withdrawn'),
      },
    },
    preparing: { on: preparation('preparing') },
    scheduled: {
      on: {
        ...preparation('scheduled'),
        'adjourn-conference': to('adjourn-conference', 'scheduled'),
        'hold-conference': to('hold-conference', 'held'),
      },
    },
    held: {
      on: {
        'correct-participant': to('correct-participant', 'held'),
        'record-plan': to('record-plan', 'plan-recorded'),
        'record-no-plan': to('record-no-plan', 'no-plan'),
      },
    },
    'no-plan': {
      on: {
        'request-follow-up-conference': to('request-follow-up-conference', 'no-plan'),
        close: to('close', 'closed'),
      },
    },
    'plan-recorded': {
      on: {
        'correct-participant': to('correct-participant', 'plan-recorded'),
        'record-plan': to('record-plan', 'plan-recorded'),
        'distribute-plan': to('distribute-plan', 'plan-distributed'),
      },
    },
    'plan-distributed': { on: afterDistribution('plan-distributed') },
    'followed-up': { on: afterDistribution('followed-up') },
    withdrawn: { type: 'final' },
    // Not final: a follow-up conference can still be asked for after closing.
    closed: { on: { 'request-follow-up-conference': to('request-follow-up-conference', 'closed') } },
  },
});

export type ConferenceMachineV2 = typeof conferenceMachineV2;
