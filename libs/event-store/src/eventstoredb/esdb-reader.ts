import {
  BACKWARDS,
  FORWARDS,
  type EventStoreDBClient,
  type ReadRevision,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type { StoredEvent } from '../event-store.port';
import { isStreamNotFound } from './esdb-errors';
import { fromRecorded } from './esdb-events';
import { fromPortPosition } from './esdb-positions';
import type { StreamNaming } from './stream-naming';

/** Raw events read from `$all` per round trip while looking for Tafel's. */
const ALL_PAGE = 1000;

export interface StreamHead {
  revision: number;
  hash: string | null;
}

/** Reads and maps EventStoreDB reads; errors are the client's (the store translates them). */
export class EsdbReader {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly naming: StreamNaming,
    private readonly deadline: number,
  ) {}

  /** Events of one stream from `from`, at most `count`, forwards or backwards; none for a missing stream. */
  async stream(stream: string, from: ReadRevision, count: number, backwards = false): Promise<StoredEvent[]> {
    if (count <= 0) return [];
    const read = this.client.readStream(this.naming.toEsdb(stream), {
      fromRevision: from,
      maxCount: count,
      direction: backwards ? BACKWARDS : FORWARDS,
      deadline: this.deadline,
    });
    return collect(read, (r) => (r.event ? [fromRecorded(r.event, stream)] : []));
  }

  /** The stream's last revision and hash (`-1`, `null` when it has no events). */
  async head(stream: string): Promise<StreamHead> {
    const [last] = await this.stream(stream, 'end', 1, true);
    return last ? { revision: last.revision, hash: last.hash } : { revision: -1, hash: null };
  }

  /** Tafel's events on `$all` after `after` (exclusive), in log order, at most `limit`. */
  async all(after: number, limit: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    let from = fromPortPosition(after);
    for (;;) {
      const page = await collect(
        this.client.readAll({ fromPosition: from, maxCount: ALL_PAGE, deadline: this.deadline }),
        (r) => (r.event ? [r.event] : []),
      );
      for (const recorded of page) {
        const stream = this.naming.fromEsdb(recorded.streamId);
        if (stream === undefined) continue;
        const event = fromRecorded(recorded, stream);
        if (event.position <= after) continue;
        out.push(event);
        if (out.length >= limit) return out;
      }
      if (page.length < ALL_PAGE) return out;
      from = page[page.length - 1].position; // inclusive: the next page starts with this event again
    }
  }
}

async function collect<R, T>(read: StreamingRead<R>, map: (r: R) => T[]): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const r of read) out.push(...map(r));
  } catch (e) {
    if (isStreamNotFound(e)) return [];
    throw e;
  }
  return out;
}

export type { ResolvedEvent };
