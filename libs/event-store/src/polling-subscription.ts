import type { EventHandler, StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

export interface PollingSource {
  /** Events with a position greater than `after`, in order, at most `limit`. */
  readPage(after: number, limit: number): Promise<StoredEvent[]>;
  /** Registers a callback for "something new may be there"; returns the unregister function. */
  onWake(callback: () => void): () => void;
  pollIntervalMs: number;
  pageSize?: number;
}

/**
 * A catch-up subscription over a source whose positions only ever appear in order (a store whose
 * position is commit order). Reads pages from the checkpoint, calls the handler one event at a
 * time, and when caught up waits for a wake-up or the poll interval. Do not await `stop()` inside
 * the handler: it waits for that very call.
 */
export function pollingSubscription(
  source: PollingSource,
  handler: EventHandler,
  options: SubscribeOptions & { onError?: (e: unknown) => void } = {},
): Subscription {
  const pageSize = source.pageSize ?? 256;
  let stopped = false;
  let woken = false;
  let wake: (() => void) | undefined;
  const unregister = source.onWake(() => {
    woken = true;
    wake?.();
  });
  const idle = (): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, source.pollIntervalMs);
      function done(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const loop = async (): Promise<void> => {
    let checkpoint = options.fromPosition ?? -1;
    while (!stopped) {
      woken = false;
      let page: StoredEvent[];
      try {
        page = await source.readPage(checkpoint, pageSize);
      } catch (e) {
        if (!stopped) options.onError?.(e);
        return;
      }
      for (const event of page) {
        if (stopped) return;
        try {
          await handler(event);
        } catch (e) {
          stopped = true;
          options.onError?.(e);
          return;
        }
        checkpoint = event.position;
      }
      if (page.length < pageSize && !woken && !stopped) await idle();
    }
  };
  const running = loop().finally(unregister);

  return {
    async stop(): Promise<void> {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
