import { conferenceMachine } from './conference.machine';
import { exampleCommand } from './example-commands';
import { workflowTransitions } from './mermaid';
import { CASE_STEPS } from './next-steps';
import type { CaseCommand } from './propose';
import type { CaseStep } from './steps';
import { T0 } from './testing/cases';
import { walkAlongPaths } from './testing/machine-walk';
import type { CaseState, CaseStatus, ConferenceKind } from './types';

const V1_STEPS = new Set(workflowTransitions(conferenceMachine).map((t) => t.step));

/**
 * Valid commands per step, bounded so the graph stays small yet takes every transition: two
 * participants who accept in order; before anyone answered, one preparation and one replacement;
 * one plan revision, two contacts, one follow-up case.
 */
function commandsFor(state: CaseState): CaseCommand[] {
  const { participants: ps } = state;
  const answered = ps.some((p) => p.answer);
  const bounded: Partial<Record<CaseStep, boolean>> = {
    'assign-coordinator': state.previousCoordinators.length === 0 && !answered,
    'invite-participant': ps.length < 2,
    'record-preparation': !answered,
    'record-plan': (state.plan?.version ?? 0) < 2,
    'contact-follow-up': state.followUps.length < 2,
    'request-follow-up-conference': state.followUpCases.length < 1,
  };
  const steps = CASE_STEPS.filter((step) => V1_STEPS.has(step) && bounded[step] !== false);
  return steps.flatMap((step): CaseCommand[] => {
    const example = exampleCommand(state, step, T0) as CaseCommand;
    const unprepared = ps.some((p) => p.preparedAt) ? undefined : ps[0]?.participantId;
    const unanswered = ps.find((p) => !p.answer)?.participantId;
    switch (step) {
      case 'record-preparation':
        return unprepared ? [{ type: 'RecordPreparation', participantId: unprepared }] : [];
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

/** The steps of the shortest route to each state, in any order: two accepted before a conference. */
const ROUTES: Partial<Record<CaseStatus, CaseStep[]>> = {
  requested: [],
  declined: ['decline'],
  withdrawn: ['withdraw'],
  'awaiting-coordinator': ['complete-intake'],
  preparing: prepared,
  scheduled: [...prepared, 'schedule-conference'],
  held,
  'plan-recorded': [...held, 'record-plan'],
  'plan-distributed': distributed,
  'followed-up': [...distributed, 'contact-follow-up'],
  closed: [...distributed, 'close'],
};

describe.each<ConferenceKind>(['group', 'family'])(
  'the %s conference machine of version 1, walked along its paths',
  (kind) => {
    walkAlongPaths({ machine: conferenceMachine, version: 1, commandsFor, routes: ROUTES }, kind);
  },
);
