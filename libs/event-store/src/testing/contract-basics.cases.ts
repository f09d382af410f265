import type { ContractHandle } from './contract.types';
import { newEvent, newEvents, subscribeUntil, written } from './contract.fixtures';

/** Append, read, readAll, time travel and subscribe round trips. */
export function basicCases(h: () => ContractHandle): void {
  it('reads back what was appended, with revisions, positions and chained hashes', async () => {
    const { store } = h();
    const events = newEvents(3);
    const result = await store.append('case-a', events, { expectedRevision: 'no-stream' });
    const read = await store.read('case-a');
    expect(read.map(written)).toEqual(events);
    expect(read.map((e) => [e.stream, e.revision])).toEqual([
      ['case-a', 0],
      ['case-a', 1],
      ['case-a', 2],
    ]);
    expect(result).toEqual({ nextRevision: 2, positions: read.map((e) => e.position) });
    expect(read[1].position).toBeGreaterThan(read[0].position);
    expect(read[2].position).toBeGreaterThan(read[1].position);
    expect(read.map((e) => e.prevHash)).toEqual([null, read[0].hash, read[1].hash]);
    expect(Number.isNaN(Date.parse(read[0].recordedAt))).toBe(false);
    expect(await store.streamRevision('case-a')).toBe(2);
  });

  it('reads an unknown stream as empty at revision -1', async () => {
    const { store } = h();
    expect(await store.read('nobody')).toEqual([]);
    expect(await store.streamRevision('nobody')).toBe(-1);
    expect(await store.readAll()).toEqual([]);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('reads all streams in global order, from an exclusive position, in pages', async () => {
    const { store } = h();
    await store.append('a', newEvents(2, 'a1'), { expectedRevision: 'no-stream' });
    await store.append('b', newEvents(1, 'b1'), { expectedRevision: 'no-stream' });
    await store.append('a', newEvents(2, 'a2'), { expectedRevision: 1 });
    const all = await store.readAll();
    expect(all.map((e) => [e.stream, e.revision])).toEqual([
      ['a', 0],
      ['a', 1],
      ['b', 0],
      ['a', 2],
      ['a', 3],
    ]);
    expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((x, y) => x - y));
    expect(await store.readAll({ fromPosition: all[1].position })).toEqual(all.slice(2));
    expect(await store.readAll({ fromPosition: all[0].position, limit: 2 })).toEqual(all.slice(1, 3));
    expect(await store.readAll({ fromPosition: all[4].position })).toEqual([]);
  });

  it('reads a stream between revisions, inclusive', async () => {
    const { store } = h();
    await store.append('s', newEvents(6), { expectedRevision: 'any' });
    expect((await store.read('s', { fromRevision: 2 })).map((e) => e.revision)).toEqual([2, 3, 4, 5]);
    expect((await store.read('s', { toRevision: 1 })).map((e) => e.revision)).toEqual([0, 1]);
    expect((await store.read('s', { fromRevision: 2, toRevision: 3 })).map((e) => e.revision)).toEqual([
      2, 3,
    ]);
    expect(await store.read('s', { fromRevision: 9 })).toEqual([]);
  });

  it('reads a stream as it was at a point in time (occurredAt, inclusive)', async () => {
    const { store } = h();
    const at = (d: number): Date => new Date(Date.UTC(2025, 0, d, 12));
    await store.append('s', [newEvent({ d: 1 }, at(1)), newEvent({ d: 5 }, at(5))], {
      expectedRevision: 'any',
    });
    await store.append('s', [newEvent({ d: 9 }, at(9))], { expectedRevision: 1 });
    const days = async (to: Date): Promise<unknown[]> =>
      (await store.read('s', { toTime: to })).map((e) => e.data);
    expect(await days(at(5))).toEqual([{ d: 1 }, { d: 5 }]);
    expect(await days(new Date(at(5).getTime() - 1))).toEqual([{ d: 1 }]);
    expect(await days(at(30))).toEqual([{ d: 1 }, { d: 5 }, { d: 9 }]);
    expect(await days(at(0))).toEqual([]);
    expect((await store.read('s', { toTime: at(9), toRevision: 1 })).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('delivers past and new events to a subscriber in order, once, and nothing after stop', async () => {
    const { store } = h();
    await store.append('a', newEvents(3), { expectedRevision: 'any' });
    const first = subscribeUntil(store, (r) => r.length === 5);
    await store.append('b', newEvents(2), { expectedRevision: 'any' });
    const got = await first.finished;
    expect(got).toEqual(await store.readAll());
    await store.append('c', newEvents(1), { expectedRevision: 'any' });
    const after = subscribeUntil(store, (r) => r.length === 1, { fromPosition: got[4].position });
    expect((await after.finished).map((e) => e.stream)).toEqual(['c']);
    expect(first.received).toHaveLength(5);
  });

  it('stops a subscription whose handler throws and reports the error', async () => {
    const { store } = h();
    await store.append('a', newEvents(3), { expectedRevision: 'any' });
    const calls: number[] = [];
    const failure = new Promise<unknown>((resolve) => {
      store.subscribe(
        (e) => {
          calls.push(e.revision);
          if (e.revision === 1) throw new Error('projection broke');
        },
        { onError: resolve },
      );
    });
    expect(await failure).toEqual(new Error('projection broke'));
    await store.append('a', newEvents(1), { expectedRevision: 2 });
    expect(calls).toEqual([0, 1]);
  });

  it('never calls a handler while the previous call is still running', async () => {
    const { store } = h();
    await store.append('a', newEvents(20), { expectedRevision: 'any' });
    let running = 0;
    let overlapped = false;
    const seen: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const sub = store.subscribe(
        async (e) => {
          overlapped ||= running++ > 0;
          await new Promise((r) => setImmediate(r));
          seen.push(e.revision);
          running--;
          if (seen.length === 20) void sub.stop().then(resolve);
        },
        { onError: reject },
      );
    });
    expect(overlapped).toBe(false);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
}
