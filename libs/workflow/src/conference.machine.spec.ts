import { transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { conferenceMachine } from './conference.machine';
import { decide } from './decide';
import { evolve, fold } from './evolve';
import { exampleCommand } from './example-commands';
import { workflowTransitions } from './mermaid';
import { CASE_STEPS } from './next-steps';
import { propose, type CaseCommand } from './propose';
import { snapshotOf } from './snapshot';
import type { CaseStep, StepEvent } from './steps';
import { requestCommand, run, T0 } from './testing/cases';
import { brokenInvariants } from './testing/invariants';
import { CASE_STATES, type CaseState, type CaseStatus, type ConferenceKind } from './types';

const at = T0.toISOString();
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
  return CASE_STEPS.filter((step) => V1_STEPS.has(step) && bounded[step] !== false).flatMap(
    (step): CaseCommand[] => {
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
    },
  );
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
  'the %s conference machine, walked along its paths',
  (kind) => {
    const start = fold(run([requestCommand(kind)])) as CaseState;
    const commands = new Map<string, CaseCommand>();
    const paths = getShortestPaths(conferenceMachine, {
      input: start,
      events: (snapshot) =>
        commandsFor(snapshot.context).map((command) => {
          const event = propose(snapshot.context, command, at);
          commands.set(JSON.stringify(event), command);
          return event;
        }),
      serializeState: (snapshot) => JSON.stringify(snapshot.context),
    });
    const taken = new Set<string>();

    it('reaches every state of the API, each by the shortest route DOMAIN.md allows', () => {
      const shortest = new Map<string, string[]>();
      for (const { state, steps } of paths) {
        const route = steps.slice(1).map((s) => s.event.type);
        const known = shortest.get(state.value);
        if (!known || route.length < known.length) shortest.set(state.value, route);
      }
      const sorted = (route: string[] = []) => [...route].sort();
      const states = CASE_STATES.filter((s) => s in conferenceMachine.root.states);
      expect(Object.keys(ROUTES).sort()).toEqual([...states].sort());
      expect(Object.fromEntries(states.map((s) => [s, sorted(shortest.get(s))]))).toEqual(
        Object.fromEntries(states.map((s) => [s, sorted(ROUTES[s])])),
      );
    });

    it('drives every path through decide and evolve into the state the machine names, keeping the rules', () => {
      for (const path of paths) {
        let state = start;
        for (const { event, state: expected } of path.steps.slice(1)) {
          const decision = decide(state, commands.get(JSON.stringify(event))!, T0);
          if (!decision.ok)
            throw new Error(`${event.type} refused in ${state.status}: ${decision.refusal.rule}`);
          expect(decision.events).toEqual([(event as StepEvent).event]);
          taken.add(`${state.status} ${event.type} ${expected.value}`);
          state = evolve(state, decision.events[0]);
          expect(state.status).toBe(expected.value);
          expect(brokenInvariants(state)).toEqual([]);
        }
      }
    });

    it('from the end of every path, decide accepts exactly the steps transition() takes', () => {
      for (const path of paths) {
        const state = path.state.context;
        const snapshot = snapshotOf(state);
        for (const command of commandsFor(state)) {
          const event = propose(state, command, at);
          const decision = decide(state, command, T0);
          expect(decision.ok).toBe(transition(snapshot.machine, snapshot, event)[0] !== snapshot);
          if (decision.ok)
            taken.add(`${state.status} ${event.type} ${evolve(state, decision.events[0]).status}`);
        }
      }
      const all = workflowTransitions(conferenceMachine).map((t) => `${t.from} ${t.step} ${t.to}`);
      expect([...taken].sort()).toEqual([...new Set(all)].sort());
    });
  },
);
