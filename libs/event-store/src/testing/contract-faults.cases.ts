import { StoreUnavailable } from '../errors';
import type { EventStore, NewEvent, StoredEvent, Subscription } from '../event-store.port';
import type { ContractFactory, ContractHandle } from './contract.types';
import { newEvents, subscribeUntil } from './contract.fixtures';

/** A subscription that records what it got and the errors it reported, never rejecting. */
function watch(store: EventStore, fromPosition?: number) {
  const received: StoredEvent[] = [];
  const errors: unknown[] = [];
  let notify = (): void => undefined;
  const changed = (): void => notify();
  const subscription: Subscription = store.subscribe(
    (e) => {
      received.push(e);
      changed();
    },
    { fromPosition, onError: (e) => (errors.push(e), changed()) },
  );
  /** Resolves once `done()` holds; rejects after 15 s (a guard against a hang, not a timing assertion). */
  const until = (done: () => boolean, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`waited for ${what}: ${received.length} events, ${errors.length} errors`)),
        15_000,
      );
      notify = () => {
        if (!done()) return;
        clearTimeout(timer);
        notify = () => undefined;
        resolve();
      };
      notify();
    });
  return { received, errors, subscription, until };
}

/** Appends, again after `StoreUnavailable` (the same event ids: a repeat is a no-op), a bounded number of times. */
async function appendAcross(store: EventStore, stream: string, events: NewEvent[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.append(stream, events, { expectedRevision: 'any' });
      return;
    } catch (e) {
      if (!(e instanceof StoreUnavailable) || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Positions delivered more than once, and those of the log never delivered. */
function lostAndTwice(log: StoredEvent[], delivered: StoredEvent[]) {
  const seen = new Set<number>();
  const twice = delivered.filter((e) => seen.has(e.position) || !seen.add(e.position));
  const lost = log.filter((e) => !seen.has(e.position));
  return { lost: lost.length, twice: twice.length };
}

/** Read errors and restarts of the storage under an open subscription. */
export function faultCases(h: () => ContractHandle, factory: ContractFactory): void {
  (factory.failPageReads ? it : it.skip)(
    'reports a page read that fails mid-stream once; resuming from the checkpoint skips and repeats nothing',
    async () => {
      const { store } = h();
      await store.append('a', newEvents(3), { expectedRevision: 'no-stream' });
      const first = watch(store);
      await first.until(() => first.received.length === 3, 'the first three');
      factory.failPageReads!(store, 1);
      await store.append('b', newEvents(3), { expectedRevision: 'no-stream' });
      await first.until(() => first.errors.length === 1, 'the read error');
      expect(first.errors[0]).toBeInstanceOf(StoreUnavailable);
      await store.append('c', newEvents(2), { expectedRevision: 'no-stream' });

      const checkpoint = first.received[first.received.length - 1].position;
      const resumed = subscribeUntil(store, (r) => first.received.length + r.length === 8, {
        fromPosition: checkpoint,
      });
      const rest = await resumed.finished;
      await first.subscription.stop();
      expect(first.errors).toHaveLength(1);
      const log = await store.readAll();
      const delivered = [...first.received, ...rest];
      expect(lostAndTwice(log, delivered)).toEqual({ lost: 0, twice: 0 });
      expect(delivered).toEqual(log);
    },
  );

  (factory.restartStorage ? it : it.skip)(
    'under a restart of the storage: reports it once or recovers; resuming from the checkpoint loses nothing',
    async () => {
      const { store } = h();
      await store.append('before', newEvents(5), { expectedRevision: 'no-stream' });
      const first = watch(store);
      await first.until(() => first.received.length === 5, 'the events before the restart');
      await factory.restartStorage!();
      await appendAcross(store, 'after', newEvents(5, 'after'));
      // Either the subscription saw the restart (one error: it stopped) or it read on through it.
      await first.until(
        () => first.errors.length > 0 || first.received.length === 10,
        'an error or every event',
      );
      const rest: StoredEvent[] = [];
      if (first.errors.length > 0) {
        expect(first.errors[0]).toBeInstanceOf(StoreUnavailable);
        const checkpoint = first.received[first.received.length - 1].position;
        const resumed = subscribeUntil(store, (r) => first.received.length + r.length === 10, {
          fromPosition: checkpoint,
        });
        rest.push(...(await resumed.finished));
      }
      await first.subscription.stop();
      expect(first.errors.length).toBeLessThanOrEqual(1);
      const log = await store.readAll();
      expect(log).toHaveLength(10);
      const delivered = [...first.received, ...rest];
      expect(lostAndTwice(log, delivered)).toEqual({ lost: 0, twice: 0 });
      expect(delivered).toEqual(log);
    },
    60_000,
  );
}
