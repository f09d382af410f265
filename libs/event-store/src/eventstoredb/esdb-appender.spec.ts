import { DuplicateEventId, ExpectedRevisionConflict } from '../errors';
import type { ExpectedRevision } from '../event-store.port';
import { verifyChain } from '../hash-chain';
import { newEvents } from '../testing';
import { EsdbAppender } from './esdb-appender';
import { EsdbReader } from './esdb-reader';
import { decideRepeat, exactRevision, pinnedRevision } from './esdb-revisions';
import { InMemoryEsdb } from './in-memory-esdb.fake';
import { StreamNaming } from './stream-naming';

const S = 'case-s';
const T = 'case-t';

function setup() {
  const esdb = new InMemoryEsdb();
  const naming = new StreamNaming(); // production naming: the streams below are case streams
  const reader = new EsdbReader(esdb.client, naming, 1_000);
  return { esdb, reader, appender: new EsdbAppender(esdb.client, reader, naming, 1_000) };
}

describe('eventstoredb expected revisions', () => {
  it('gives the server an exact revision, never any', () => {
    expect(exactRevision(-1)).toBe('no_stream');
    expect(exactRevision(4)).toBe(4n);
    expect(pinnedRevision('any')).toBeUndefined();
    expect(pinnedRevision('no-stream')).toBe(-1);
    expect(pinnedRevision(3)).toBe(3);
  });

  it('tells a new append, a repeat (whole or leading part) and a mix apart', () => {
    const stored = newEvents(3).map((e, i) => ({
      ...e,
      stream: S,
      revision: i,
      position: 10 * i,
      recordedAt: '',
      prevHash: null,
      hash: '',
    }));
    const [a, b, c] = stored.map((e) => e.eventId);
    expect(decideRepeat(['x'], stored)).toEqual({ kind: 'new' });
    expect(decideRepeat([b, c], stored)).toEqual({
      kind: 'repeat',
      result: { nextRevision: 2, positions: [10, 20] },
    });
    expect(decideRepeat([a], stored)).toEqual({
      kind: 'repeat',
      result: { nextRevision: 0, positions: [0] },
    });
    expect(decideRepeat([a, 'x'], stored)).toEqual({ kind: 'mixed', known: [a] });
    expect(decideRepeat([c, b], stored)).toEqual({ kind: 'mixed', known: [b, c] });
    expect(decideRepeat([a, c], stored)).toEqual({ kind: 'mixed', known: [a, c] });
  });
});

describe('eventstoredb appender (in-memory stand-in for the server)', () => {
  it('resolves any to the head and chains hashes across appends', async () => {
    const { appender, reader, esdb } = setup();
    expect((await appender.append(S, newEvents(2), 'any')).nextRevision).toBe(1);
    const r = await appender.append(S, newEvents(1), 'any');
    expect(r.nextRevision).toBe(2);
    const events = await reader.stream(S, 'start', 10);
    expect(r.positions).toEqual([events[2].position]);
    expect(verifyChain(events).valid).toBe(true);
    expect(esdb.streams.get(S)!.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
  });

  it('retries any on a concurrent writer, onto the new head', async () => {
    const { appender, esdb, reader } = setup();
    await appender.append(S, newEvents(1), 'any');
    let slipped = false;
    esdb.beforeAppend = async (stream) => {
      if (stream !== S || slipped) return;
      slipped = true;
      await appender.append(S, newEvents(1, 'other'), 'any');
    };
    expect((await appender.append(S, newEvents(1, 'mine'), 'any')).nextRevision).toBe(2);
    const events = await reader.stream(S, 'start', 10);
    expect(events.map((e) => (e.data as { tag: string }).tag)).toEqual(['x', 'other', 'mine']);
    expect(verifyChain(events).valid).toBe(true);
  });

  it.each(['any', 'no-stream', 0] as ExpectedRevision[])(
    'answers a repeat with the first result and writes nothing (expected %p)',
    async (exp) => {
      const { appender, esdb } = setup();
      const events = newEvents(2);
      const first = await appender.append(S, events, exp === 0 ? 'no-stream' : exp);
      await appender.append(S, newEvents(1), 1);
      const writes = esdb.writes;
      expect(await appender.append(S, events, exp)).toEqual(first);
      expect(esdb.writes).toBe(writes);
      expect(esdb.streams.get(S)).toHaveLength(3);
    },
  );

  it('finds a repeat that a concurrent copy of the same call stored first', async () => {
    const { appender, esdb } = setup();
    await appender.append(S, newEvents(1), 'any');
    const events = newEvents(2);
    let twin: Promise<unknown> | undefined;
    esdb.beforeAppend = (stream) => {
      if (stream === S && !twin) twin = appender.append(S, events, 'any');
    };
    const mine = await appender.append(S, events, 'any');
    expect(await twin).toEqual(mine);
    expect(esdb.streams.get(S)).toHaveLength(3);
  });

  it('refuses a stale revision after checking that it is not a repeat', async () => {
    const { appender } = setup();
    await appender.append(S, newEvents(3), 'no-stream');
    await expect(appender.append(S, newEvents(1), 1)).rejects.toMatchObject({ actual: 2, expected: 1 });
    await expect(appender.append(S, newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
      ExpectedRevisionConflict,
    );
    await expect(appender.append(T, [], 0)).rejects.toMatchObject({ actual: -1 });
  });

  it('refuses an id reserved by another stream, a mix, and an id twice in one call', async () => {
    const { appender, esdb } = setup();
    const [a, b] = newEvents(2);
    await appender.append(S, [a], 'any');
    await expect(appender.append(T, [a], 'any')).rejects.toBeInstanceOf(DuplicateEventId);
    await expect(appender.append(S, [a, b], 'any')).rejects.toBeInstanceOf(DuplicateEventId);
    await expect(appender.append(T, [b, b], 'any')).rejects.toBeInstanceOf(DuplicateEventId);
    expect(esdb.streams.get(S)).toHaveLength(1);
    expect(esdb.streams.has(T)).toBe(false);
  });
});
