import type { EventHandler, StoredEvent, Subscription } from '../event-store.port';
import type { WakeUps } from './wake-ups';

/** A page of `readAll`: the settled events, and whether later committed ones were held back. */
export interface Page {
  events: StoredEvent[];
  heldBack: boolean;
}

export interface SubscriptionDeps {
  readPage(fromPosition: number, limit: number): Promise<Page>;
  wakeUps: WakeUps;
  pollMs: number;
  pageSize: number;
}

/**
 * Catch-up subscription: pages `readAll` from the checkpoint, calls the handler once per event in
 * order, then sleeps until a wake-up, the poll interval, or (when events were held back behind an
 * open transaction) a short retry. Read errors are retried on the next poll; a handler error stops it.
 */
export class PostgresSubscription implements Subscription {
  private stopped = false;
  private wake: () => void = () => undefined;
  private pending = false;
  private readonly unlisten: () => void;
  private readonly loop: Promise<void>;

  constructor(
    private readonly deps: SubscriptionDeps,
    private readonly handler: EventHandler,
    private checkpoint: number,
    private readonly onError: (e: unknown) => void,
  ) {
    this.unlisten = deps.wakeUps.on(() => this.nudge());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.nudge();
    await this.loop;
  }

  private nudge(): void {
    this.pending = true;
    this.wake();
  }

  private async run(): Promise<void> {
    let retryMs = 2;
    while (!this.stopped) {
      this.pending = false;
      let page: Page;
      try {
        page = await this.deps.readPage(this.checkpoint, this.deps.pageSize);
      } catch {
        await this.sleep(this.deps.pollMs);
        continue;
      }
      for (const event of page.events) {
        if (this.stopped) break;
        try {
          await this.handler(event);
        } catch (e) {
          this.stopped = true;
          this.onError(e);
          break;
        }
        this.checkpoint = event.position;
      }
      if (this.stopped || page.events.length === this.deps.pageSize) continue;
      retryMs = page.heldBack ? Math.min(retryMs * 2, 100) : 2;
      await this.sleep(page.heldBack ? retryMs : this.deps.pollMs);
    }
    this.unlisten();
  }

  private async sleep(ms: number): Promise<void> {
    if (this.pending || this.stopped) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = () => undefined;
    this.deps.wakeUps.listen();
  }
}
