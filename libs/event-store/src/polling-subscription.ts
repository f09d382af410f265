import type { EventHandler, StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

/** One page of the log after a checkpoint. */
export interface PollingPage {
  /** Events with a position greater than the checkpoint, in order, with no gap before any of them. */
  events: StoredEvent[];
  /**
   * True when later events may already be committed but were held back behind a position that is
   * not settled yet (PostgreSQL: a sequence value taken by a transaction still open, which may
   * commit after a later one). The loop then reads again soon instead of waiting a poll interval.
   */
  heldBack: boolean;
}

export interface PollingSource {
  /** The page after position `after`, at most `limit` events. Throws when the store cannot be read. */
  readPage(after: number, limit: number): Promise<PollingPage>;
  /** Registers a callback for "something new may be there"; returns the unregister function. */
  onWake(callback: () => void): () => void;
  pollIntervalMs: number;
  pageSize?: number;
}

/** Re-reads after a held-back page start here and double up to the cap. */
const HELD_BACK_FIRST_MS = 2;
const HELD_BACK_MAX_MS = 100;

/**
 * The one catch-up subscription loop of the SQL stores (SQLite and PostgreSQL). Reads pages from the
 * checkpoint, calls the handler one event at a time, and when caught up waits for a wake-up or the
 * poll interval (after a held-back page: a short, growing retry). A store whose positions can commit
 * out of order says so per page (`heldBack`) and never hands out an event past a gap, so nothing is
 * skipped.
 *
 * Errors end the subscription and reach `onError` once: a handler that throws, or a page that cannot
 * be read (a dropped connection, a restarted database). Whoever subscribed resumes from its own
 * checkpoint (`CheckpointedSubscriber` retries with a backoff); the loop never retries silently.
 * Do not await `stop()` inside the handler: it waits for that very call.
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
  const idle = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  const fail = (e: unknown): void => {
    if (stopped) return;
    stopped = true;
    options.onError?.(e);
  };

  const loop = async (): Promise<void> => {
    let checkpoint = options.fromPosition ?? -1;
    let heldBackMs = HELD_BACK_FIRST_MS;
    while (!stopped) {
      woken = false;
      let page: PollingPage;
      try {
        page = await source.readPage(checkpoint, pageSize);
      } catch (e) {
        return fail(e);
      }
      for (const event of page.events) {
        if (stopped) return;
        try {
          await handler(event);
        } catch (e) {
          return fail(e);
        }
        checkpoint = event.position;
      }
      if (stopped || woken || page.events.length >= pageSize) continue;
      if (page.heldBack) {
        await idle(heldBackMs);
        heldBackMs = Math.min(heldBackMs * 2, HELD_BACK_MAX_MS);
      } else {
        heldBackMs = HELD_BACK_FIRST_MS;
        await idle(source.pollIntervalMs);
      }
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
