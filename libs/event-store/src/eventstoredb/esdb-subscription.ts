import { streamNameFilter, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventHandler, Subscription } from '../event-store.port';
import { unavailable } from './esdb-errors';
import { fromRecorded } from './esdb-events';
import { fromPortPosition } from './esdb-positions';
import type { StreamNaming } from './stream-naming';

/**
 * A catch-up subscription to `$all`, filtered on the server to Tafel's stream prefixes. The client
 * hands events over as an async iterator, so the next one is only taken once the handler is done.
 */
export class EsdbSubscription implements Subscription {
  private stopped = false;
  private readonly source: AllStreamSubscription;
  private readonly running: Promise<void>;

  constructor(
    client: EventStoreDBClient,
    private readonly naming: StreamNaming,
    private readonly handler: EventHandler,
    private readonly after: number,
    private readonly onError: (e: unknown) => void,
  ) {
    this.source = client.subscribeToAll({
      fromPosition: fromPortPosition(after),
      filter: streamNameFilter({ prefixes: naming.filterPrefixes }),
    });
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    try {
      for await (const resolved of this.source) {
        if (this.stopped) break;
        const recorded = resolved.event;
        const stream = recorded && this.naming.fromEsdb(recorded.streamId);
        if (!recorded || stream === undefined) continue;
        const event = fromRecorded(recorded, stream);
        if (event.position <= this.after) continue;
        try {
          await this.handler(event);
        } catch (e) {
          this.stopped = true;
          this.onError(e);
          break;
        }
      }
    } catch (e) {
      if (!this.stopped) this.onError(unavailable('subscription', e));
    } finally {
      this.stopped = true;
      await this.source.unsubscribe().catch(() => undefined);
    }
  }

  /** Stops delivery; resolves once no handler call is running. Do not await it inside the handler. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.source.unsubscribe().catch(() => undefined);
    await this.running;
  }
}
