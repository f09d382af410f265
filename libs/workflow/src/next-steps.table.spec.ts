import fc from 'fast-check';
import { decide } from './decide';
import { evolve, fold } from './evolve';
import { exampleCommand } from './example-commands';
import { nextSteps } from './next-steps';
import { requestEvent } from './propose';
import type { CaseStep } from './steps';
import { move, pickStep, type Move } from './testing/arbitraries';
import { happyPath, requestCommand, stateUpTo, T0 } from './testing/cases';
import { nextStepsByTrial } from './testing/next-steps-by-trial';
import { CASE_STATES, CONFERENCE_KINDS, type CaseState, type Command, type ConferenceKind } from './types';
import { machineFor } from './workflow-registry';

/**
 * Plays random moves on a case of `kind` just requested under workflow `version`, handing `visit`
 * every state the case passes through (the last one too) with the command decided on it next.
 */
function play(
  version: number,
  kind: ConferenceKind,
  moves: Move[],
  visit: (state: CaseState, command: Command | undefined, now: Date) => void,
): void {
  let now = new Date(T0.getTime() + 3_600_000);
  let state = fold([requestEvent(requestCommand(kind), now.toISOString(), version)]) as CaseState;
  for (const m of moves) {
    now = new Date(now.getTime() + m.hours * 3_600_000);
    const step = pickStep(nextStepsByTrial(state) as CaseStep[], m.pick);
    const command = m.useAllowed && step ? exampleCommand(state, step, now) : m.command(now);
    visit(state, command, now);
    const decision = decide(state, command, now);
    if (decision.ok) state = decision.events.reduce<CaseState>((s, e) => evolve(s, e) as CaseState, state);
  }
  visit(state, undefined, now);
}

const sessions = fc.array(move, { minLength: 1, maxLength: 40, size: 'max' });
const LATER = new Date('2026-01-02T09:00:00.000Z');

/**
 * Every state of the happy path, and every state one step off it (each step allowed there, taken with
 * its example command): whatever the random sessions missed, this reaches every state of the machine.
 */
function aroundTheHappyPath(version: number, kind: ConferenceKind): CaseState[] {
  return happyPath(kind).flatMap(([, label]) => {
    const state = stateUpTo(label, kind, version);
    const off = nextStepsByTrial(state).map((step) => {
      const decision = decide(state, exampleCommand(state, step as CaseStep, LATER), LATER);
      if (!decision.ok) throw new Error(`${step} refused in ${label}: ${decision.refusal.rule}`);
      return decision.events.reduce<CaseState>((s, e) => evolve(s, e) as CaseState, state);
    });
    return [state, ...off];
  });
}

describe.each([1, 2])('workflow version %i: nextSteps from the per-state table', (version) => {
  const seen = new Set<string>();

  it('gives exactly the steps that trying every step on the machine gives, in every state a session reaches', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONFERENCE_KINDS), sessions, (kind, moves) => {
        play(version, kind, moves, (state) => {
          seen.add(state.status);
          expect(nextSteps(state)).toEqual(nextStepsByTrial(state));
        });
      }),
      { numRuns: 300 },
    );
    for (const kind of CONFERENCE_KINDS)
      for (const state of aroundTheHappyPath(version, kind)) {
        seen.add(state.status);
        expect(nextSteps(state)).toEqual(nextStepsByTrial(state));
      }
    // Every state of this version's machine was compared.
    const states = CASE_STATES.filter((s) => s in machineFor(version).root.states);
    expect([...seen].sort()).toEqual([...states].sort());
  });
});
