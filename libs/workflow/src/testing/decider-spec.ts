import { decide } from '../decide';
import { fold } from '../evolve';
import type { CaseState, Command, Decision, DomainEvent } from '../types';
import { dayAfter, T0 } from './cases';

type Then = {
  /** The command is accepted and records exactly these event types (and, if given, data fields). */
  then(...expected: { type: DomainEvent['type']; data?: object }[]): DomainEvent[];
  /** The command is refused with this rule, and nothing is recorded. */
  thenRefuses(rule: string): Decision & { ok: false };
};

/**
 * Given/when/then over decide, like emmett's DeciderSpecification. `when` runs at `now`, by default
 * one day after the last given event.
 */
export function given(...events: (DomainEvent | DomainEvent[])[]) {
  const history = events.flat();
  const state: CaseState | undefined = fold(history);
  const last = history.at(-1)?.data.at;
  return {
    when(command: Command, now: Date = last ? dayAfter(last) : T0): Then {
      const decision = decide(state, command, now);
      return {
        then(...expected) {
          expect(decision).toMatchObject({ ok: true });
          const recorded = (decision as { events: DomainEvent[] }).events;
          expect(recorded.map((e) => e.type)).toEqual(expected.map((e) => e.type));
          expected.forEach((e, i) => e.data && expect(recorded[i].data).toMatchObject(e.data));
          return recorded;
        },
        thenRefuses(rule) {
          expect(decision).toMatchObject({
            ok: false,
            refusal: { rule, currentState: state?.status ?? null },
          });
          return decision as Decision & { ok: false };
        },
      };
    },
  };
}
