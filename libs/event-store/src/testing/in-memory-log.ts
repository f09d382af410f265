import type { EventHandler, StoredEvent, SubscribeOptions, Subscription } from '../event-store.port';

/**
 * The storage of in-memory stores: several stores may open one log, as processes open one file.
 * `events` is the log in commit order (position `i + 1` at index `i`); a test may alter an event
 * there behind the stores' backs.
 */
export class InMemoryLog {
  readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly listeners = new Set<() => void>();

  stream(name: string): readonly StoredEvent[] {
    return this.streams.get(name) ?? [];
  }

  known(eventId: string): StoredEvent | undefined {
    return this.byId.get(eventId);
  }

  /** Events with a position greater than `position`. */
  after(position: number): StoredEvent[] {
    return this.events.slice(Math.max(0, Math.floor(position)));
  }

  add(event: StoredEvent): void {
    this.events.push(event);
    const stream = this.streams.get(event.stream) ?? [];
    stream.push(event);
    this.streams.set(event.stream, stream);
    this.byId.set(event.eventId, event);
  }

  /** Calls `listener` after each append that stored events; returns the unregister function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  appended(): void {
    this.listeners.forEach((l) => l());
  }
}

export const copy = (e: StoredEvent): StoredEvent => structuredClone(e);

/**
 * Catch-up, then live: hands the handler every event after `fromPosition`, one call at a time, and
 * waits for the next append when caught up. A throwing handler stops delivery and reaches `onError`.
 */
export function deliver(
  log: InMemoryLog,
  handler: EventHandler,
  options: SubscribeOptions & { onError?: (e: unknown) => void },
  guard: () => void,
): Subscription {
  let stopped = false;
  let wake: (() => void) | undefined;
  const unregister = log.onAppend(() => wake?.());
  const next = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const loop = async (): Promise<void> => {
    let checkpoint = options.fromPosition ?? 0;
    while (!stopped) {
      try {
        guard();
      } catch (e) {
        options.onError?.(e);
        return;
      }
      const page = log.after(checkpoint);
      if (page.length === 0) await next();
      for (const event of page) {
        if (stopped) return;
        try {
          await handler(copy(event));
        } catch (e) {
          stopped = true;
          options.onError?.(e);
          return;
        }
        checkpoint = event.position;
      }
    }
  };
  // Started after the caller holds the subscription, never inside `subscribe` itself.
  const running = Promise.resolve().then(loop).finally(unregister);
  return {
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
