import { conferenceMachineV2 } from './conference-v2.machine';
import { exampleCommand } from './example-commands';
import { CASE_STEPS } from './next-steps';
import type { CaseCommand } from './propose';
import type { CaseStep } from './steps';
import { T0 } from './testing/cases';
import { walkAlongPaths } from './testing/machine-walk';
import type { CaseState, CaseStatus, ConferenceKind } from './types';

/** Steps that change something beside the main road; a walk takes at most one of them. */
function sideStepsTaken(state: CaseState): number {
  const { participants: ps } = state;
  return [
    state.previousCoordinators.length > 0,
    ps.some((p) => p.preparedAt),
    state.questionRevisions !== undefined,
    ps.some((p) => p.correctedAt),
    ps.some((p) => p.removed),
    state.adjournments !== undefined,
  ].filter(Boolean).length;
}

/**
 * Valid commands per step, bounded so the graph stays small yet takes every transition: two
 * participants who accept in order; at most one side step per walk (a replacement, a preparation, a
 * revision of the questions, a correction, a removal, an adjournment); one plan revision, two
 * contacts, one follow-up case.
 */
function commandsFor(state: CaseState): CaseCommand[] {
  const { participants: ps } = state;
  const sideOpen = sideStepsTaken(state) === 0;
  const bounded: Partial<Record<CaseStep, boolean>> = {
    'assign-coordinator': state.coordinator === undefined || sideOpen,
    'invite-participant': ps.length < 2,
    'record-preparation': sideOpen,
    'revise-questions': sideOpen,
    'correct-participant': sideOpen,
    'remove-participant': sideOpen,
    'adjourn-conference': sideOpen,
    'record-plan': (state.plan?.version ?? 0) < 2,
    'contact-follow-up': state.followUps.length < 2,
    'request-follow-up-conference': state.followUpCases.length < 1,
  };
  const steps = CASE_STEPS.filter((step) => bounded[step] !== false);
  return steps.flatMap((step): CaseCommand[] => {
    const example = exampleCommand(state, step, T0) as CaseCommand;
    const unanswered = ps.find((p) => !p.answer && !p.removed)?.participantId;
    switch (step) {
      case 'record-answer':
        return unanswered ? [{ type: 'RecordAnswer', participantId: unanswered, answer: 'accepted' }] : [];
      case 'hold-conference':
        return state.kind === 'family'
          ? [example, { ...example, privatePartHeld: false } as CaseCommand]
          : [example];
      default:
        return [example];
    }
  });
}

const prepared: CaseStep[] = ['complete-intake', 'assign-coordinator'];
const held: CaseStep[] = [
  ...prepared,
  'invite-participant',
  'invite-participant',
  'record-answer',
  'record-answer',
  'schedule-conference',
  'hold-conference',
];
const distributed: CaseStep[] = [...held, 'record-plan', 'distribute-plan'];

/**
 * The steps of the shortest route to each state, in any order. Version 2 closes a case sooner when
 * the conference ends without a plan.
 */
const ROUTES: Record<CaseStatus, CaseStep[]> = {
  requested: [],
  declined: ['decline'],
  withdrawn: ['withdraw'],
  'awaiting-coordinator': ['complete-intake'],
  preparing: prepared,
  scheduled: [...prepared, 'schedule-conference'],
  held,
  'no-plan': [...held, 'record-no-plan'],
  'plan-recorded': [...held, 'record-plan'],
  'plan-distributed': distributed,
  'followed-up': [...distributed, 'contact-follow-up'],
  closed: [...held, 'record-no-plan', 'close'],
};

describe.each<ConferenceKind>(['group', 'family'])(
  'the %s conference machine of version 2, walked along its paths',
  (kind) => {
    walkAlongPaths({ machine: conferenceMachineV2, version: 2, commandsFor, routes: ROUTES }, kind);
  },
);
