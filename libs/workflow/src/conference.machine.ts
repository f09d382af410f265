import { assign, setup } from 'xstate';
import { evolve } from './evolve';
import { guardsOf, transitionsOf, type RuleTable } from './rule-table';
import { WORKFLOW_RULES } from './rules-v1';
import type { StepEvent } from './steps';
import type { CaseState, DomainEvent } from './types';

/** A guarded transition for a step: every rule of the step must hold, in the table's order. */
const to = transitionsOf(WORKFLOW_RULES);

/** Steps of the preparation (allowed until the conference is held), staying in `state`. */
const preparation = (state: 'preparing' | 'scheduled') => ({
  'assign-coordinator': to('assign-coordinator', state),
  'invite-participant': to('invite-participant', state),
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
 * The conference case workflow, version 1. Its context is the folded {@link CaseState} (given as
 * input); its events are the API steps, each carrying the event it proposes to record. The `record`
 * action folds that event in, so stepping the machine and folding with `evolve` agree. Its guards
 * are the step rules of its table, named by code; the table itself rides along as the root's `meta`,
 * so that a refusal is explained by the rules of the case's own version.
 */
export const conferenceMachine = setup({
  types: {
    context: {} as CaseState,
    events: {} as StepEvent,
    input: {} as CaseState,
    meta: {} as { rules?: RuleTable },
  },
  guards: guardsOf(WORKFLOW_RULES),
  actions: { record: assign(({ context, event }) => evolve(context, event.event as DomainEvent)) },
}).createMachine({
  id: 'conference',
  meta: { rules: WORKFLOW_RULES },
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
        'assign-coordinator': to('assign-coordinator', 'preparing'),
        withdraw: to('withdraw', 'withdrawn'),
      },
    },
    preparing: { on: preparation('preparing') },
    scheduled: {
      on: { ...preparation('scheduled'), 'hold-conference': to('hold-conference', 'held') },
    },
    held: { on: { 'record-plan': to('record-plan', 'plan-recorded') } },
    'plan-recorded': {
      on: {
        'record-plan': to('record-plan', 'plan-recorded'),
        'distribute-plan': to('distribute-plan', 'plan-distributed'),
      },
    },
    'plan-distributed': { on: afterDistribution('plan-distributed') },
    'followed-up': { on: afterDistribution('followed-up') },
    withdrawn: { type: 'final' },
    closed: { type: 'final' },
  },
});

export type ConferenceMachine = typeof conferenceMachine;
