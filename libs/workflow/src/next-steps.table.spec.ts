import fc from 'fast-check';
import { decide } from './decide';
import { evolve } from './evolve';
import { exampleCommand } from './example-commands';
import { nextSteps } from './next-steps';
import type { CaseStep } from './steps';
import { happyPath, stateUpTo } from './testing/cases';
import { nextStepsByTrial } from './testing/next-steps-by-trial';
import { playVisiting, sessions } from './testing/sessions';
import { CASE_STATES, CONFERENCE_KINDS, type CaseState, type ConferenceKind } from './types';
import { machineFor } from './workflow-registry';

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
        playVisiting(version, kind, moves, (state) => {
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
