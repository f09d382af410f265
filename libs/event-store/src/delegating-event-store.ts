import type {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.port';

/**
 * An event store that hands every call to `inner`: a wrapper extends it and overrides only what it
 * changes (timing, sealing), instead of writing the pass-through of the rest again.
 */
export class DelegatingEventStore implements EventStore {
  constructor(protected readonly inner: EventStore) {}

  append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.inner.append(stream, events, options);
  }

  read(stream: string, options?: ReadOptions): Promise<StoredEvent[]> {
    return this.inner.read(stream, options);
  }

  readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return this.inner.readAll(options);
  }

  subscribe(
    handler: EventHandler,
    options?: SubscribeOptions & { onError?: (e: unknown) => void },
  ): Subscription {
    return this.inner.subscribe(handler, options);
  }

  streamRevision(stream: string): Promise<number> {
    return this.inner.streamRevision(stream);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  alive(): boolean {
    return this.inner.alive();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
