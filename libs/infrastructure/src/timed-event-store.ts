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
} from '@app/event-store';
import type { Metrics } from '@app/kernel';

/**
 * The event-store port with every append timed for `tafel_append_duration_seconds`: the one place
 * appends are measured, whoever appends (steps, the dispatcher, erasure). Everything else passes through.
 */
export class TimedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: Metrics,
  ) {}

  async append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const done = this.metrics.append();
    try {
      return await this.inner.append(stream, events, options);
    } finally {
      done();
    }
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
