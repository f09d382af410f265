import {
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventData,
  type EventStoreDBClient,
  type RecordedEvent,
} from '@eventstore/db-client';

type Options = {
  expectedRevision?: bigint | string;
  fromRevision?: bigint | string;
  maxCount?: number | bigint;
  direction?: string;
};

/**
 * A stand-in for the EventStoreDB client in unit specs, with the server's append semantics as its
 * documentation states them: an exact expected revision is checked, and a write whose events (by id)
 * already follow that revision succeeds without writing again. `beforeAppend` lets a spec slip a
 * concurrent writer in. Not a server: the contract runs against a real one.
 */
export class InMemoryEsdb {
  readonly streams = new Map<string, RecordedEvent[]>();
  private position = 100n;
  /** Appends that stored events. */
  writes = 0;
  beforeAppend?: (stream: string) => Promise<void> | void;

  get client(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  async appendToStream(stream: string, events: EventData | EventData[], options: Options = {}) {
    await this.beforeAppend?.(stream);
    const list = Array.isArray(events) ? events : [events];
    const current = this.streams.get(stream) ?? [];
    const expected = options.expectedRevision ?? 'any';
    const after =
      expected === NO_STREAM ? -1 : typeof expected === 'bigint' ? Number(expected) : current.length - 1;
    const already = current.slice(after + 1, after + 1 + list.length);
    if (
      expected !== 'any' &&
      already.length === list.length &&
      already.every((e, i) => e.id === list[i].id)
    ) {
      return { success: true, nextExpectedRevision: BigInt(after + list.length) };
    }
    if (expected !== 'any' && after !== current.length - 1) {
      const at = current.length === 0 ? NO_STREAM : BigInt(current.length - 1);
      throw new WrongExpectedVersionError(undefined, {
        streamName: stream,
        expected: expected as bigint,
        current: at,
      });
    }
    for (const e of list) {
      this.position += 100n;
      current.push({
        streamId: stream,
        id: e.id,
        isJson: true,
        revision: BigInt(current.length),
        type: e.type,
        created: new Date('2025-03-01T10:00:00.000Z'),
        data: JSON.parse(JSON.stringify(e.data)),
        metadata: JSON.parse(JSON.stringify(e.metadata ?? null)),
        position: { commit: this.position, prepare: this.position },
      } as RecordedEvent);
    }
    this.streams.set(stream, current);
    this.writes++;
    return { success: true, nextExpectedRevision: BigInt(current.length - 1) };
  }

  readStream(stream: string, options: Options = {}) {
    const events = this.streams.get(stream);
    const count = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return (async function* () {
      if (!events) throw new StreamNotFoundError(undefined, stream);
      const backwards = options.direction === 'backwards';
      const from =
        options.fromRevision === undefined || options.fromRevision === 'start'
          ? 0
          : options.fromRevision === 'end'
            ? events.length - 1
            : Number(options.fromRevision);
      const picked = backwards ? events.slice(0, from + 1).reverse() : events.slice(from);
      for (const event of picked.slice(0, count)) yield { event };
    })();
  }

  readAll() {
    const all = [...this.streams.values()]
      .flat()
      .sort((a, b) => Number(a.position!.commit - b.position!.commit));
    return (async function* () {
      for (const event of all) yield { event };
    })();
  }
}
