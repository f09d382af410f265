import type { EventStore, StoredEvent } from '@app/event-store';

export interface WalkOptions {
  /** Exclusive, like `readAll`: resume after this position. */
  fromPosition?: number;
  pageSize?: number;
  /** Stops the walk between two pages. */
  signal?: AbortSignal;
}

/**
 * Walks the whole log in global order, one `readAll` page at a time (never a query per event).
 * @throws StoreUnavailable
 */
export async function* walkLog(store: EventStore, options: WalkOptions = {}): AsyncGenerator<StoredEvent[]> {
  const limit = options.pageSize ?? 2000;
  let after = options.fromPosition ?? 0;
  while (!options.signal?.aborted) {
    const page = await store.readAll({ fromPosition: after, limit });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].position;
    if (page.length < limit) return;
  }
}

/**
 * The position of the log's last event (0 for an empty log), found with a few `readAll` probes of
 * one event each (galloping, then bisection): the port has no "head" call and positions may have gaps.
 * @throws StoreUnavailable
 */
export async function headPosition(store: EventStore): Promise<number> {
  const hasAfter = async (p: number) => (await store.readAll({ fromPosition: p, limit: 1 })).length > 0;
  let below = -1;
  if (!(await hasAfter(below))) return 0;
  let step = 1024;
  let head = below + step;
  while (await hasAfter(head)) {
    below = head;
    step *= 2;
    head = below + step;
  }
  // Something lies after `below`, nothing after `head`: the last position is the smallest such `head`.
  while (head - below > 1) {
    const mid = Math.floor((below + head) / 2);
    if (await hasAfter(mid)) below = mid;
    else head = mid;
  }
  return head;
}

/** How far one projection (or process manager) trails the log. */
export interface ProjectionLag {
  name: string;
  /** The position of the last event it handled. */
  position: number;
  /**
   * `seconds`: how long the oldest event it has not handled has been waiting (`now` minus that
   * event's `occurredAt`), 0 when caught up; `positions`: the log's head minus `position`.
   */
  lag: { seconds: number; positions: number };
}

/** When an event began to wait: its `occurredAt` (the injected clock of the command that wrote it). */
const waitingSince = (event: StoredEvent): number => {
  const at = Date.parse(event.metadata.occurredAt ?? event.recordedAt);
  return Number.isNaN(at) ? Date.parse(event.recordedAt) : at;
};

/**
 * The lag of each subscriber at its checkpoint: one read of the oldest event it has not handled,
 * and the head (looked up once, only when one is behind).
 */
export async function projectionLags(
  store: EventStore,
  checkpoints: readonly { name: string; checkpoint: number }[],
  now: Date,
): Promise<ProjectionLag[]> {
  let head: number | undefined;
  const lags: ProjectionLag[] = [];
  for (const { name, checkpoint: position } of checkpoints) {
    const [oldest] = await store.readAll({ fromPosition: position, limit: 1 });
    if (!oldest) {
      lags.push({ name, position, lag: { seconds: 0, positions: 0 } });
      continue;
    }
    head ??= await headPosition(store);
    const waiting = Math.max(0, now.getTime() - waitingSince(oldest));
    lags.push({ name, position, lag: { seconds: Math.floor(waiting / 1000), positions: head - position } });
  }
  return lags;
}
