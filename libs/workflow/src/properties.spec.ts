import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import { decide } from './decide';
import { evolve, fold } from './evolve';
import { exampleCommand } from './example-commands';
import { nextSteps } from './next-steps';
import { requestEvent } from './propose';
import { ruleScope } from './rules';
import { stepEventOf, stepOf, type CaseStep } from './steps';
import { move, pickStep, type Move } from './testing/arbitraries';
import { requestCommand, T0 } from './testing/cases';
import { brokenInvariants } from './testing/invariants';
import type { CaseState, Command, DomainEvent } from './types';
import { machineFor } from './workflow-registry';

const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    Object.values(o).forEach(deepFreeze);
  }
  return o;
};

type Check = (before: CaseState | undefined, command: Command, now: Date) => void;

/**
 * Plays random moves on a case just requested under workflow `version`, calling `check` before each
 * decision; returns the history. (A random request among the moves is refused: the case exists.)
 */
function playOn(
  version: number,
  moves: Move[],
  check: Check = () => {},
): { events: DomainEvent[]; state: CaseState | undefined } {
  let now = new Date(T0.getTime() + 3_600_000);
  const events: DomainEvent[] = [requestEvent(requestCommand(), now.toISOString(), version)];
  let state: CaseState | undefined = fold(events);
  for (const m of moves) {
    now = new Date(now.getTime() + m.hours * 3_600_000);
    const step = pickStep(
      nextSteps(state).filter((s): s is CaseStep => s !== 'request'),
      m.pick,
    );
    const command = m.useAllowed && state && step ? exampleCommand(state, step, now) : m.command(now);
    check(state, command, now);
    const decision = decide(deepFreeze(state), command, now);
    if (decision.ok) {
      events.push(...decision.events);
      state = decision.events.reduce(evolve, state);
    }
  }
  return { events, state };
}

const V2_EVENTS: string[] = [
  'QuestionsRevised',
  'ParticipantCorrected',
  'ParticipantRemoved',
  'ConferenceAdjourned',
  'NoPlanRecorded',
];
const V2_FIELDS = ['issueType', 'reasonCode', 'language', 'researchContact', 'kind'];
const recordsVersion2 = (e: DomainEvent): boolean =>
  V2_EVENTS.includes(e.type) || Object.keys(e.data).some((k) => V2_FIELDS.includes(k));
const DEFAULTED: Partial<Record<DomainEvent['type'], string>> = {
  IntakeCompleted: 'issueType',
  RequestDeclined: 'reasonCode',
  CaseWithdrawn: 'reasonCode',
  ParticipantAnswered: 'researchContact',
  FollowUpConferenceRequested: 'kind',
};
const lacksDefault = (e: DomainEvent): boolean => {
  const field = DEFAULTED[e.type];
  return field !== undefined && !(field in e.data);
};

const sessions = fc.array(move, { minLength: 1, maxLength: 40, size: 'max' });
const runs = { numRuns: 100 };

describe.each([1, 2])('random sessions of commands on a case of workflow version %i', (version) => {
  const play = (moves: Move[], check?: Check) => playOn(version, moves, check);

  it('a refused command records nothing and changes nothing', () => {
    fc.assert(
      fc.property(sessions, (moves) => {
        play(moves, (state, command, now) => {
          const before = JSON.stringify(state);
          const decision = decide(state, command, now);
          if (!decision.ok) expect(JSON.stringify(state)).toBe(before);
          expect(decision.ok ? decision.events.length : 0).toBe(decision.ok ? 1 : 0);
        });
      }),
      runs,
    );
  });

  it('folding the accepted events again gives the same state, also after a JSON round trip', () => {
    fc.assert(
      fc.property(sessions, (moves) => {
        const { events, state } = play(moves);
        expect(fold(events)).toEqual(state);
        expect(fold(JSON.parse(JSON.stringify(events)))).toEqual(JSON.parse(JSON.stringify(state)));
      }),
      runs,
    );
  });

  it('nextSteps lists every step decide accepts, none it refuses for the state, and each has a witness', () => {
    fc.assert(
      fc.property(sessions, (moves) => {
        play(moves, (state, command, now) => {
          const steps = nextSteps(state);
          const decision = decide(state, command, now);
          if (decision.ok) expect(steps).toContain(stepOf(command));
          else if (ruleScope(decision.refusal.rule) === 'state') expect(steps).not.toContain(stepOf(command));
          if (!decision.ok) expect(decision.refusal.nextSteps).toEqual(steps);
          for (const step of steps) {
            if (state && step !== 'request')
              expect(decide(state, exampleCommand(state, step, now), now).ok).toBe(true);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('the machine takes every accepted event again on replay, into the state evolve names', () => {
    fc.assert(
      fc.property(sessions, (moves) => {
        const [first, ...rest] = play(moves).events;
        const machine = machineFor(version);
        let state = evolve(undefined, first);
        let [snapshot] = initialTransition(machine, state);
        for (const event of rest) {
          const [next] = transition(machine, snapshot, stepEventOf(event));
          if (next === snapshot) throw new Error(`${event.type} not taken on replay in ${snapshot.value}`);
          state = evolve(state, event);
          expect(next.value).toBe(state.status);
          snapshot = next;
        }
      }),
      runs,
    );
  });

  it('records only what its own version records, and version 2 its defaults', () => {
    fc.assert(
      fc.property(sessions, (moves) => {
        const [request, ...rest] = play(moves).events;
        expect(request.data).toMatchObject({ workflowVersion: version });
        expect(rest.filter(version === 1 ? recordsVersion2 : lacksDefault)).toEqual([]);
      }),
      runs,
    );
  });

  it('every case the accepted commands build keeps the rules of DOMAIN.md', () => {
    const keeps = (state: CaseState | undefined) => expect(state ? brokenInvariants(state) : []).toEqual([]);
    fc.assert(
      fc.property(sessions, (moves) => keeps(play(moves, keeps).state)),
      runs,
    );
  });
});
