import {
  DelegatingEventStore,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
} from '@app/event-store';
import type { Metrics } from '@app/kernel';

/**
 * The event-store port with every append timed for `tafel_append_duration_seconds`: the one place
 * appends are measured, whoever appends (steps, the dispatcher, erasure). Everything else passes through.
 */
export class TimedEventStore extends DelegatingEventStore {
  constructor(
    inner: EventStore,
    private readonly metrics: Metrics,
  ) {
    super(inner);
  }

  override async append(
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
}
