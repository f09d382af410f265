import {
  NO_STREAM,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type RecordedEvent,
} from '@eventstore/db-client';
import { DuplicateEventId, ExpectedRevisionConflict, StoreUnavailable } from '../errors';
import { verifyChain } from '../hash-chain';
import { newEvent, newEvents, written } from '../testing';
import { actualRevisionOf, isStreamNotFound, isWrongExpectedVersion, unavailable } from './esdb-errors';
import { esdbEventId, fromRecorded, toEventBatch, type EsdbMetadata } from './esdb-events';
import { fromPortPosition, toPortPosition } from './esdb-positions';
import { StreamNaming, TAFEL_STREAM_PREFIXES } from './stream-naming';

/** What the server would hand back for an event the adapter wrote. */
function recorded(
  streamId: string,
  revision: number,
  data: ReturnType<typeof toEventBatch>['batch'][number],
  at: bigint,
): RecordedEvent {
  const json = JSON.parse(JSON.stringify({ data: data.data, metadata: data.metadata })) as {
    data: never;
    metadata: never;
  };
  return {
    streamId,
    id: data.id,
    isJson: true,
    revision: BigInt(revision),
    type: data.type,
    created: new Date('2025-03-01T10:00:00.000Z'),
    data: json.data,
    metadata: json.metadata,
    position: { commit: at, prepare: at },
  } as RecordedEvent;
}

describe('eventstoredb envelope mapping', () => {
  it('round-trips events through EventStoreDB data and metadata with a verifiable chain', () => {
    const events = newEvents(3);
    const { batch, lastHash } = toEventBatch('case-1', events, { revision: -1, hash: null });
    const stored = batch.map((d, i) =>
      fromRecorded(recorded('ns-case-1', i, d, BigInt(1000 + i * 200)), 'case-1'),
    );
    expect(stored.map(written)).toEqual(events);
    expect(stored.map((e) => [e.stream, e.revision, e.position])).toEqual([
      ['case-1', 0, 1000],
      ['case-1', 1, 1200],
      ['case-1', 2, 1400],
    ]);
    expect(verifyChain(stored)).toEqual({ valid: true, events: 3, head: lastHash });
    expect(stored[0].recordedAt).toBe('2025-03-01T10:00:00.000Z');
  });

  it('chains a batch onto the head it is given', () => {
    const first = toEventBatch('s', newEvents(2), { revision: -1, hash: null });
    const next = toEventBatch('s', newEvents(1), { revision: 1, hash: first.lastHash });
    const meta = next.batch[0].metadata as unknown as EsdbMetadata;
    expect(meta.tafel.prevHash).toBe(first.lastHash);
    expect(meta.tafel.hash).toBe(next.lastHash);
  });

  it("copies correlation and causation ids where EventStoreDB's own projections look", () => {
    const event = newEvent();
    event.metadata.causationId = 'cause-1';
    const meta = toEventBatch('s', [event], { revision: -1, hash: null }).batch[0]
      .metadata as unknown as EsdbMetadata;
    expect(meta).toMatchObject({ $correlationId: 'c-1', $causationId: 'cause-1', metadata: event.metadata });
    expect(meta.tafel).toMatchObject({ eventId: event.eventId, schemaVersion: 1, prevHash: null });
  });

  it('keeps a UUID event id and derives a stable UUID from any other id', () => {
    const event = newEvent();
    expect(esdbEventId(event.eventId)).toBe(event.eventId);
    expect(esdbEventId('not-a-uuid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(esdbEventId('not-a-uuid')).toBe(esdbEventId('not-a-uuid'));
    expect(esdbEventId('not-a-uuid')).not.toBe(esdbEventId('not-a-uuid2'));
  });

  it('refuses an event that Tafel did not write', () => {
    const { batch } = toEventBatch('s', newEvents(1), { revision: -1, hash: null });
    const foreign = { ...recorded('s', 0, batch[0], 5n), metadata: { other: 1 } } as RecordedEvent;
    expect(() => fromRecorded(foreign, 's')).toThrow(/not written by Tafel/);
  });
});

describe('eventstoredb positions', () => {
  it('maps a commit position to a number and back to where a read resumes', () => {
    expect(toPortPosition({ commit: 4242n, prepare: 4242n })).toBe(4242);
    expect(fromPortPosition(4242)).toEqual({ commit: 4242n, prepare: 4242n });
    expect(fromPortPosition(0)).toBe(START);
    expect(fromPortPosition(undefined)).toBe(START);
  });

  it('refuses positions a JS number cannot hold and explicit transactions', () => {
    const big = BigInt(Number.MAX_SAFE_INTEGER) + 1n;
    expect(() => toPortPosition({ commit: big, prepare: big })).toThrow(/does not fit/);
    expect(toPortPosition({ commit: big - 1n, prepare: big - 1n })).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toPortPosition({ commit: 900n, prepare: 800n })).toThrow(/explicit transaction/);
    expect(() => fromPortPosition(1.5)).toThrow();
  });
});

describe('eventstoredb errors', () => {
  it('reads the actual revision from a WrongExpectedVersionError', () => {
    const at = (current: bigint | typeof NO_STREAM) =>
      new WrongExpectedVersionError(undefined, { streamName: 's', expected: 3n, current });
    expect(isWrongExpectedVersion(at(7n))).toBe(true);
    expect(actualRevisionOf(at(7n))).toBe(7);
    expect(actualRevisionOf(at(NO_STREAM))).toBe(-1);
    expect(isWrongExpectedVersion(new UnavailableError())).toBe(false);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 's'))).toBe(true);
  });

  it("turns connection and other driver errors into StoreUnavailable and keeps the store's own", () => {
    const down = unavailable('append', new UnavailableError(undefined, 'connect ECONNREFUSED'));
    expect(down).toBeInstanceOf(StoreUnavailable);
    expect(down.message).toMatch(/^eventstoredb: append failed/);
    expect(unavailable('read', new Error('boom'))).toBeInstanceOf(StoreUnavailable);
    const own = [
      new ExpectedRevisionConflict('s', 1, 2),
      new DuplicateEventId('s', ['x']),
      new StoreUnavailable('x'),
    ];
    for (const e of own) expect(unavailable('append', e)).toBe(e);
  });
});

describe('eventstoredb stream naming', () => {
  it('sees every kind of Tafel stream in its namespace, never reservations or system streams', () => {
    const naming = new StreamNaming('ns-');
    expect(naming.toEsdb('case-1')).toBe('ns-case-1');
    for (const stream of ['case-1', 'messages-1', 'access-1', 'person-1', 'retention-1', 'checkpoints'])
      expect(naming.fromEsdb(`ns-${stream}`)).toBe(stream);
    expect(naming.fromEsdb('ns-other-1')).toBeUndefined();
    expect(naming.fromEsdb('case-1')).toBeUndefined();
    expect(naming.fromEsdb('$stats-1')).toBeUndefined();
    expect(naming.fromEsdb(naming.reservation('e1'))).toBeUndefined();
    expect(naming.filterPrefixes).toEqual([
      'ns-case-',
      'ns-messages-',
      'ns-access-',
      'ns-person-',
      'ns-retention-',
      'ns-checkpoints',
    ]);
  });

  it('uses no namespace in production, and TAFEL_STREAM_PREFIXES as its prefixes', () => {
    const naming = new StreamNaming();
    expect(naming.toEsdb('case-1')).toBe('case-1');
    expect(naming.prefixes).toBe(TAFEL_STREAM_PREFIXES);
    expect(naming.fromEsdb('person-1')).toBe('person-1');
    expect(naming.fromEsdb('retention-1')).toBe('retention-1');
  });
});
