import { DuplicateEventId, ExpectedRevisionConflict, StoreUnavailable } from '../errors';
import type {
  AppendResult,
  EventHandler,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { hashEvent } from '../hash-chain';
import { OpenSubscriptions } from '../open-subscriptions';
import { copy, deliver, InMemoryLog } from './in-memory-log';

export interface InMemoryEventStoreOptions {
  /** The storage to open; a fresh, empty one by default. */
  log?: InMemoryLog;
  /** Where `recordedAt` comes from. */
  now?: () => Date;
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

function matches(expected: ExpectedRevision, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === -1;
  return expected === current;
}

/**
 * The whole `EventStore` port in this process's memory, for unit specs: the same revisions,
 * idempotent re-sends, hash chain and errors as the durable adapters, data kept as its JSON value
 * as they keep it. Appends commit in call order; subscribers are woken by appends, never by a timer.
 */
export class InMemoryEventStore implements EventStore {
  readonly log: InMemoryLog;
  private readonly now: () => Date;
  private readonly subscriptions = new OpenSubscriptions();
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.log = options.log ?? new InMemoryLog();
    this.now = options.now ?? (() => new Date());
  }

  async append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.guard();
    const ids = events.map((e) => e.eventId);
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length > 0) throw new DuplicateEventId(stream, twice);
    const repeat = this.repeatedResult(stream, events);
    if (repeat) return repeat;
    const head = this.log.stream(stream).at(-1);
    const current = head?.revision ?? -1;
    if (!matches(options.expectedRevision, current))
      throw new ExpectedRevisionConflict(stream, options.expectedRevision, current);
    const recordedAt = this.now().toISOString();
    const first = this.log.events.length + 1;
    let prevHash = head?.hash ?? null;
    // Every event is made before any is stored: a payload that cannot be stored fails the whole append.
    const stored = events.map(({ eventId, type, schemaVersion, data, metadata }, i): StoredEvent => {
      const revision = current + 1 + i;
      const hashed = {
        stream,
        revision,
        eventId,
        type,
        schemaVersion,
        data: json(data),
        metadata: json(metadata),
        prevHash,
      };
      const hash = hashEvent(hashed);
      prevHash = hash;
      return { ...hashed, position: first + i, recordedAt, hash };
    });
    stored.forEach((e) => this.log.add(e));
    if (stored.length > 0) this.log.appended();
    const positions = stored.map((e) => e.position);
    return { nextRevision: current + events.length, positions };
  }

  /** The first result again when every id is stored in this stream; a refusal for any other overlap. */
  private repeatedResult(stream: string, events: NewEvent[]): AppendResult | undefined {
    const known = events.map((e) => this.log.known(e.eventId));
    if (known.every((k) => k === undefined)) return undefined;
    const stored = known.filter((k): k is StoredEvent => k?.stream === stream);
    if (stored.length < known.length) {
      const ids = events.filter((_, i) => known[i] !== undefined).map((e) => e.eventId);
      throw new DuplicateEventId(stream, ids);
    }
    return {
      nextRevision: Math.max(...stored.map((k) => k.revision)),
      positions: stored.map((k) => k.position),
    };
  }

  async read(stream: string, options: ReadOptions = {}): Promise<StoredEvent[]> {
    this.guard();
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    const until = options.toTime?.getTime();
    const occurred = (m: EventMetadata): number => Date.parse(m.occurredAt);
    return this.log
      .stream(stream)
      .filter((e) => e.revision >= from && e.revision <= to)
      .filter((e) => until === undefined || occurred(e.metadata) <= until)
      .map(copy);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.guard();
    const after = this.log.after(options.fromPosition ?? 0);
    return (options.limit === undefined ? after : after.slice(0, options.limit)).map(copy);
  }

  subscribe(
    handler: EventHandler,
    options: SubscribeOptions & { onError?: (e: unknown) => void } = {},
  ): Subscription {
    const delivery = deliver(this.log, handler, options, () => this.guard());
    return this.subscriptions.track(delivery);
  }

  async streamRevision(stream: string): Promise<number> {
    this.guard();
    return this.log.stream(stream).at(-1)?.revision ?? -1;
  }

  alive(): boolean {
    return !this.closed;
  }

  async ping(): Promise<void> {
    this.guard();
  }

  /** Stops this store's subscriptions; the log stays, for a store opened on it again. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
  }

  private guard(): void {
    if (this.closed) throw new StoreUnavailable('event store is closed');
  }
}
