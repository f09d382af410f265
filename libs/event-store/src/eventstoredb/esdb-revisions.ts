import { NO_STREAM } from '@eventstore/db-client';
import type { AppendResult, ExpectedRevision, StoredEvent } from '../event-store.port';

/** The exact expected revision EventStoreDB is given: never `any`, so its idempotency always holds. */
export function exactRevision(revision: number): bigint | typeof NO_STREAM {
  return revision < 0 ? NO_STREAM : BigInt(revision);
}

/** The number an expected revision pins the stream to, or `undefined` for `any`. */
export function pinnedRevision(expected: ExpectedRevision): number | undefined {
  if (expected === 'any') return undefined;
  return expected === 'no-stream' ? -1 : expected;
}

export type RepeatDecision =
  { kind: 'new' } | { kind: 'repeat'; result: AppendResult } | { kind: 'mixed'; known: string[] };

/**
 * Whether an append of `ids` repeats one already in `stream` (its events in revision order): none of
 * the ids stored → new; all of them stored in the order given, one after another → a repeat that
 * answers the first result; anything else reuses ids in a way the port refuses.
 */
export function decideRepeat(ids: string[], stream: StoredEvent[]): RepeatDecision {
  const wanted = new Set(ids);
  const found = stream.filter((e) => wanted.has(e.eventId));
  if (found.length === 0) return { kind: 'new' };
  const inOrder = found.every(
    (e, i) => e.eventId === ids[i] && (i === 0 || e.revision === found[i - 1].revision + 1),
  );
  if (found.length === ids.length && inOrder) {
    const result = {
      nextRevision: found[found.length - 1].revision,
      positions: found.map((e) => e.position),
    };
    return { kind: 'repeat', result };
  }
  return { kind: 'mixed', known: found.map((e) => e.eventId) };
}

/** Ids that appear more than once in one call. */
export function repeatedIds(ids: string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}
