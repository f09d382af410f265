import fc from 'fast-check';
import { decide } from '../decide';
import { evolve, fold } from '../evolve';
import { exampleCommand } from '../example-commands';
import { requestEvent } from '../propose';
import type { CaseStep } from '../steps';
import type { CaseState, Command, ConferenceKind } from '../types';
import { move, pickStep, type Move } from './arbitraries';
import { requestCommand, T0 } from './cases';
import { nextStepsByTrial } from './next-steps-by-trial';

/** Random sessions of 1 to 40 moves (see {@link move}). */
export const sessions = fc.array(move, { minLength: 1, maxLength: 40, size: 'max' });

/**
 * Plays random moves on a case of `kind` just requested under workflow `version`, handing `visit`
 * every state the case passes through (the last one too, with no command) and the command decided on
 * it next. The steps a move picks from are those of the reference `nextStepsByTrial`, so that a
 * session does not depend on the `nextSteps` under test.
 */
export function playVisiting(
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
