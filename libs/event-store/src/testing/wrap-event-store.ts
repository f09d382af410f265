import type { EventStore, NewEvent } from '../event-store.port';

/** What a test may put in front of a store's writes. */
export interface StoreHooks {
  /**
   * Runs before each append reaches the store. Throw to make the append fail as a crash or an
   * outage would (nothing is written); await something to hold the append in flight.
   */
  beforeAppend?(stream: string, events: NewEvent[]): void | Promise<void>;
}

/**
 * The same store with the test's hooks around it: faults are installed by the test that needs them,
 * never switched on in production code. Everything else (reads, subscriptions, close) goes straight
 * through to `store`.
 */
export function wrapEventStore(store: EventStore, hooks: StoreHooks): EventStore {
  return {
    async append(stream, events, options) {
      await hooks.beforeAppend?.(stream, events);
      return store.append(stream, events, options);
    },
    read: (stream, options) => store.read(stream, options),
    readAll: (options) => store.readAll(options),
    subscribe: (handler, options) => store.subscribe(handler, options),
    streamRevision: (stream) => store.streamRevision(stream),
    ping: () => store.ping(),
    alive: () => store.alive(),
    close: () => store.close(),
  };
}
