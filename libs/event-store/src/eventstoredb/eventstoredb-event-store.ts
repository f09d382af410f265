import type { EventStoreDBClient } from '@eventstore/db-client';
import { StoreUnavailable } from '../errors';
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
} from '../event-store.port';
import { EsdbAppender } from './esdb-appender';
import { unavailable } from './esdb-errors';
import { EsdbReader } from './esdb-reader';
import { EsdbSubscription } from './esdb-subscription';
import type { StreamNaming } from './stream-naming';

/** The event store on EventStoreDB (`@eventstore/db-client`); see `esdb-appender.ts` for idempotency. */
export class EventStoreDbEventStore implements EventStore {
  private readonly reader: EsdbReader;
  private readonly appender: EsdbAppender;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly naming: StreamNaming,
    deadlineMs: number,
  ) {
    this.reader = new EsdbReader(client, naming, deadlineMs);
    this.appender = new EsdbAppender(client, this.reader, naming, deadlineMs);
  }

  /**
   * @throws ExpectedRevisionConflict when the stream's revision differs from `expectedRevision`.
   * @throws DuplicateEventId when event ids are known but not as a repeat of an append to this stream.
   * @throws StoreUnavailable when EventStoreDB cannot be reached or the store is closed.
   */
  append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.track('append', () => this.appender.append(stream, events, options.expectedRevision));
  }

  /** @throws StoreUnavailable */
  read(stream: string, options: ReadOptions = {}): Promise<StoredEvent[]> {
    return this.track('read', async () => {
      const from = options.fromRevision ?? 0;
      const count =
        options.toRevision === undefined ? Number.MAX_SAFE_INTEGER : options.toRevision - from + 1;
      const events = await this.reader.stream(stream, BigInt(from), count);
      const until = options.toTime?.getTime();
      return until === undefined ? events : events.filter((e) => Date.parse(e.metadata.occurredAt) <= until);
    });
  }

  /** @throws StoreUnavailable */
  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.track('readAll', () => this.reader.all(options.fromPosition ?? 0, options.limit ?? Infinity));
  }

  subscribe(
    handler: EventHandler,
    options: SubscribeOptions & { onError?: (e: unknown) => void } = {},
  ): Subscription {
    if (this.closed) return { stop: async () => undefined };
    const inner = new EsdbSubscription(
      this.client,
      this.naming,
      handler,
      options.fromPosition ?? 0,
      options.onError ?? (() => undefined),
    );
    const sub: Subscription = { stop: () => (this.subscriptions.delete(sub), inner.stop()) };
    this.subscriptions.add(sub);
    return sub;
  }

  /** @throws StoreUnavailable */
  streamRevision(stream: string): Promise<number> {
    return this.track('streamRevision', async () => (await this.reader.head(stream)).revision);
  }

  /** @throws StoreUnavailable */
  alive(): boolean {
    return !this.closed;
  }

  ping(): Promise<void> {
    return this.track('ping', async () => void (await this.reader.head('tafel-ping')));
  }

  /** Stops subscriptions, lets work already handed over finish, then disposes of the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await Promise.allSettled([...this.inFlight]);
    await this.client.dispose();
  }

  private track<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailable(`eventstoredb: ${what} after close`));
    const p = work().catch((e: unknown) => {
      throw unavailable(what, e);
    });
    this.inFlight.add(p);
    void p.catch(() => undefined).finally(() => this.inFlight.delete(p));
    return p;
  }
}
