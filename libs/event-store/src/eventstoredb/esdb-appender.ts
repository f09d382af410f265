import { jsonEvent, NO_STREAM, START, type EventStoreDBClient } from '@eventstore/db-client';
import { DuplicateEventId, ExpectedRevisionConflict, StoreUnavailable } from '../errors';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { actualRevisionOf, isWrongExpectedVersion } from './esdb-errors';
import { toEventBatch } from './esdb-events';
import { decideRepeat, exactRevision, pinnedRevision, repeatedIds } from './esdb-revisions';
import type { EsdbReader, StreamHead } from './esdb-reader';
import type { StreamNaming } from './stream-naming';

const MAX_ATTEMPTS = 100;

interface Reservation {
  owner: string;
  /** Made by this call: no event with this id can be stored yet. */
  fresh: boolean;
}

/**
 * Appends with EventStoreDB's idempotency always in force: every write names the exact revision it
 * expects (`any` is resolved to the stream's head and retried on conflict). Each event id is first
 * reserved for its stream in a stream of its own (`NO_STREAM`), so an id can never land on two
 * streams; a repeat is recognised by finding the ids in the stream and answers the first result.
 */
export class EsdbAppender {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly reader: EsdbReader,
    private readonly naming: StreamNaming,
    private readonly deadline: number,
  ) {}

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const pinned = pinnedRevision(expected);
    const conflict = (actual: number) => new ExpectedRevisionConflict(stream, expected, actual);
    if (events.length === 0) {
      const { revision } = await this.reader.head(stream);
      if (pinned !== undefined && pinned !== revision) throw conflict(revision);
      return { nextRevision: revision, positions: [] };
    }
    const ids = events.map((e) => e.eventId);
    const twice = repeatedIds(ids);
    if (twice.length > 0) throw new DuplicateEventId(stream, twice);

    let head = await this.reader.head(stream);
    const reservations = await Promise.all(ids.map((id) => this.reserve(id, stream)));
    const foreign = ids.filter((_, i) => reservations[i].owner !== stream);
    if (foreign.length > 0) throw new DuplicateEventId(stream, foreign);
    let scan = reservations.some((r) => !r.fresh);

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (scan) {
        const stored = await this.reader.stream(stream, START, Number.MAX_SAFE_INTEGER);
        const decision = decideRepeat(ids, stored);
        if (decision.kind === 'repeat') return decision.result;
        if (decision.kind === 'mixed') throw new DuplicateEventId(stream, decision.known);
        const last = stored[stored.length - 1];
        head = last ? { revision: last.revision, hash: last.hash } : { revision: -1, hash: null };
      }
      if (pinned !== undefined && pinned !== head.revision) throw conflict(head.revision);
      try {
        return await this.write(stream, events, head);
      } catch (e) {
        if (!isWrongExpectedVersion(e)) throw e;
        scan = true; // someone moved the stream, maybe with these very ids
        if (pinned !== undefined && attempt > 0) throw conflict(actualRevisionOf(e));
      }
    }
    throw new StoreUnavailable(`eventstoredb: append to ${stream} kept meeting concurrent writers`);
  }

  private async write(stream: string, events: NewEvent[], head: StreamHead): Promise<AppendResult> {
    const { batch } = toEventBatch(stream, events, head);
    await this.client.appendToStream(this.naming.toEsdb(stream), batch, {
      expectedRevision: exactRevision(head.revision),
      deadline: this.deadline,
    });
    const written = await this.reader.stream(stream, BigInt(head.revision + 1), events.length);
    const ids = events.map((e) => e.eventId);
    if (written.length !== events.length || written.some((e, i) => e.eventId !== ids[i])) {
      throw new StoreUnavailable(`eventstoredb: append to ${stream} could not be read back`);
    }
    return { nextRevision: head.revision + events.length, positions: written.map((e) => e.position) };
  }

  /** Claims `eventId` for `stream`, or reports the stream that claimed it first. */
  private async reserve(eventId: string, stream: string): Promise<Reservation> {
    const name = this.naming.reservation(eventId);
    try {
      const claim = jsonEvent({ type: 'TafelEventIdReserved', data: { stream } });
      await this.client.appendToStream(name, claim, { expectedRevision: NO_STREAM, deadline: this.deadline });
      return { owner: stream, fresh: true };
    } catch (e) {
      if (!isWrongExpectedVersion(e)) throw e;
    }
    for await (const r of this.client.readStream(name, { maxCount: 1, deadline: this.deadline })) {
      const data = r.event?.data as { stream?: unknown } | undefined;
      if (typeof data?.stream === 'string') return { owner: data.stream, fresh: false };
    }
    throw new StoreUnavailable(`eventstoredb: reservation of event id ${eventId} is unreadable`);
  }
}
