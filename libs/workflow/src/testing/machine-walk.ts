import { transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { decide } from '../decide';
import { evolve, fold } from '../evolve';
import { workflowTransitions } from '../mermaid';
import { propose, type CaseCommand } from '../propose';
import { snapshotOf } from '../snapshot';
import type { CaseStep, StepEvent } from '../steps';
import { CASE_STATES, type CaseState, type CaseStatus, type ConferenceKind } from '../types';
import type { WorkflowMachine } from '../workflow-registry';
import { requestCommand, run, T0 } from './cases';
import { brokenInvariants } from './invariants';

export interface MachineWalk {
  machine: WorkflowMachine;
  version: number;
  /** Valid commands per state, bounded so the graph stays small yet takes every transition. */
  commandsFor: (state: CaseState) => CaseCommand[];
  /** The steps of the shortest route to each state of the machine, in any order. */
  routes: Partial<Record<CaseStatus, CaseStep[]>>;
}

const at = T0.toISOString();

/**
 * Model-based tests of one version's machine: walks it with `xstate/graph` from a new case of `kind`
 * along the shortest path to every state it can reach with `commandsFor`, drives each path through
 * `decide` and `evolve`, and checks that together the paths take every transition of the machine.
 */
export function walkAlongPaths({ machine, version, commandsFor, routes }: MachineWalk, kind: ConferenceKind) {
  const start = fold(run([requestCommand(kind)], T0, [], version)) as CaseState;
  const commands = new Map<string, CaseCommand>();
  const paths = getShortestPaths(machine, {
    input: start,
    events: (snapshot) =>
      commandsFor(snapshot.context).map((command) => {
        const event = propose(snapshot.context, command, at);
        commands.set(JSON.stringify(event), command);
        return event;
      }),
    // The schedule's sequence counts reschedules: without leaving it out, rescheduling again and
    // again would make ever new states and the graph would never end.
    serializeState: (snapshot) =>
      JSON.stringify(snapshot.context, (key, value) => (key === 'sequence' ? undefined : value)),
  });
  const taken = new Set<string>();

  it('reaches every state of the machine, each by the shortest route DOMAIN.md allows', () => {
    const shortest = new Map<string, string[]>();
    for (const { state, steps } of paths) {
      const route = steps.slice(1).map((s) => s.event.type);
      const known = shortest.get(state.value);
      if (!known || route.length < known.length) shortest.set(state.value, route);
    }
    const sorted = (route: string[] = []) => [...route].sort();
    const states = CASE_STATES.filter((s) => s in machine.root.states);
    expect(Object.keys(routes).sort()).toEqual([...states].sort());
    expect(Object.fromEntries(states.map((s) => [s, sorted(shortest.get(s))]))).toEqual(
      Object.fromEntries(states.map((s) => [s, sorted(routes[s])])),
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
      expect(snapshot.machine).toBe(machine);
      for (const command of commandsFor(state)) {
        const event = propose(state, command, at);
        const decision = decide(state, command, T0);
        expect(decision.ok).toBe(transition(snapshot.machine, snapshot, event)[0] !== snapshot);
        if (decision.ok)
          taken.add(`${state.status} ${event.type} ${evolve(state, decision.events[0]).status}`);
      }
    }
    const all = workflowTransitions(machine).map((t) => `${t.from} ${t.step} ${t.to}`);
    expect([...taken].sort()).toEqual([...new Set(all)].sort());
  });
}
