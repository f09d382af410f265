import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StoredEvent, SubscribeOptions } from '../event-store.port';

/** A new event with a fresh id; `at` sets `metadata.occurredAt`. */
export function newEvent(data: unknown = {}, at: Date = new Date('2025-03-01T09:00:00.000Z')): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'NoteAdded',
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: at.toISOString(),
      actor: { id: 'u-1', role: 'coordinator' },
      correlationId: 'c-1',
    },
  };
}

export function newEvents(n: number, tag = 'x'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => newEvent({ tag, i }));
}

/** What the store must hand back of what the writer gave it. */
export const written = (e: StoredEvent | NewEvent): NewEvent => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
});

/** Settles every promise, splitting values from errors. */
export async function settle<T>(ps: Promise<T>[]): Promise<{ ok: T[]; errors: unknown[] }> {
  const rs = await Promise.allSettled(ps);
  return {
    ok: rs.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    errors: rs.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])),
  };
}

/**
 * Subscribes and collects events until `done(received)` holds. Rejects after `timeoutMs` (a guard
 * against a hanging test, not a timing assertion) or when the subscription reports an error.
 */
export function subscribeUntil(
  store: EventStore,
  done: (received: StoredEvent[]) => boolean,
  options: SubscribeOptions = {},
  timeoutMs = 15_000,
): { received: StoredEvent[]; finished: Promise<StoredEvent[]> } {
  const received: StoredEvent[] = [];
  let resolveFn!: () => void;
  let rejectFn!: (e: unknown) => void;
  const reached = new Promise<void>((res, rej) => ((resolveFn = res), (rejectFn = rej)));
  const sub = store.subscribe(
    (e) => {
      received.push(e);
      if (done(received)) resolveFn();
    },
    { ...options, onError: rejectFn },
  );
  const timer = setTimeout(
    () => rejectFn(new Error(`subscription got ${received.length} events, then stalled`)),
    timeoutMs,
  );
  const finished = reached.finally(async () => {
    clearTimeout(timer);
    await sub.stop();
  });
  return { received, finished: finished.then(() => received) };
}
