import { DuplicateEventId, ExpectedRevisionConflict } from '../errors';
import type { ExpectedRevision } from '../event-store.port';
import type { ContractHandle } from './contract.types';
import { newEvent, newEvents, settle } from './contract.fixtures';

/** Optimistic concurrency, empty appends and idempotent re-sends. */
export function revisionCases(h: () => ContractHandle): void {
  describe('expected revision', () => {
    const refusals: [string, string, ExpectedRevision, number][] = [
      ['a stale revision', 'case', 1, 2],
      ['a revision that is too high', 'case', 5, 2],
      ['no-stream on an existing stream', 'case', 'no-stream', 2],
      ['a number on a missing stream', 'missing', 0, -1],
    ];
    it.each(refusals)(
      'refuses %s with ExpectedRevisionConflict and leaves the stream alone',
      async (_, stream, exp, actual) => {
        const { store } = h();
        await store.append('case', newEvents(3), { expectedRevision: 'no-stream' });
        const before = await store.readAll();
        const refusal = store.append(stream, newEvents(1), { expectedRevision: exp });
        await expect(refusal).rejects.toBeInstanceOf(ExpectedRevisionConflict);
        await expect(refusal).rejects.toMatchObject({
          code: 'STORE.EXPECTED_REVISION_CONFLICT',
          stream,
          expected: exp,
          actual,
        });
        expect(await store.readAll()).toEqual(before);
        expect(await store.streamRevision(stream)).toBe(actual);
      },
    );

    it('accepts any on a missing and on an existing stream', async () => {
      const { store } = h();
      expect((await store.append('s', newEvents(1), { expectedRevision: 'any' })).nextRevision).toBe(0);
      expect((await store.append('s', newEvents(2), { expectedRevision: 'any' })).nextRevision).toBe(2);
    });

    it('lets exactly one of many concurrent appends at the same revision win', async () => {
      const { store } = h();
      await store.append('s', newEvents(3), { expectedRevision: 'any' });
      const { ok, errors } = await settle(
        Array.from({ length: 12 }, () => store.append('s', newEvents(2), { expectedRevision: 2 })),
      );
      expect(ok).toHaveLength(1);
      expect(ok[0].nextRevision).toBe(4);
      expect(errors.every((e) => e instanceof ExpectedRevisionConflict)).toBe(true);
      expect((await store.read('s')).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('checks each of many concurrent appends against the ones before it', async () => {
      const { store } = h();
      const expectations: ExpectedRevision[] = ['no-stream', 0, 0, 1, 'no-stream', 'any', 9, 2];
      const { ok, errors } = await settle(
        expectations.map((exp) => store.append('s', [newEvent({ exp })], { expectedRevision: exp })),
      );
      const stored = (await store.read('s')).map((e) => (e.data as { exp: ExpectedRevision }).exp);
      expect(stored.length).toBe(ok.length);
      expect(errors.every((e) => e instanceof ExpectedRevisionConflict)).toBe(true);
      stored.forEach((exp, revision) =>
        expect([revision - 1, 'any', ...(revision === 0 ? ['no-stream'] : [])]).toContain(exp),
      );
    });
  });

  describe('empty append', () => {
    it('changes nothing and reports the current revision, never a lower one', async () => {
      const { store } = h();
      await store.append('s', newEvents(3), { expectedRevision: 'any' });
      const before = await store.readAll();
      expect(await store.append('s', [], { expectedRevision: 'any' })).toEqual({
        nextRevision: 2,
        positions: [],
      });
      expect(await store.append('s', [], { expectedRevision: 2 })).toEqual({
        nextRevision: 2,
        positions: [],
      });
      expect(await store.append('new', [], { expectedRevision: 'no-stream' })).toEqual({
        nextRevision: -1,
        positions: [],
      });
      expect(await store.readAll()).toEqual(before);
      expect(await store.streamRevision('s')).toBe(2);
      expect(await store.streamRevision('new')).toBe(-1);
      expect((await store.append('s', newEvents(1), { expectedRevision: 2 })).nextRevision).toBe(3);
    });

    it('still checks the expected revision', async () => {
      const { store } = h();
      await store.append('s', newEvents(3), { expectedRevision: 'any' });
      await expect(store.append('s', [], { expectedRevision: 0 })).rejects.toBeInstanceOf(
        ExpectedRevisionConflict,
      );
    });
  });

  describe('re-sending an event id', () => {
    const modes: ExpectedRevision[] = ['any', 'no-stream', -1];
    it.each(modes)('stores it once and repeats the first result (sequential, expected %p)', async (exp) => {
      const { store } = h();
      const events = newEvents(2);
      const first = await store.append('s', events, { expectedRevision: exp });
      await store.append('s', newEvents(1), { expectedRevision: 1 });
      expect(await store.append('s', events, { expectedRevision: exp })).toEqual(first);
      expect(await store.append('s', events.slice(0, 1), { expectedRevision: exp })).toEqual({
        nextRevision: 0,
        positions: first.positions.slice(0, 1),
      });
      expect((await store.read('s')).map((e) => e.eventId)).toEqual([
        ...events.map((e) => e.eventId),
        expect.any(String),
      ]);
    });

    it.each(['any', 1] as ExpectedRevision[])(
      'stores it once when sent concurrently (expected %p)',
      async (exp) => {
        const { store } = h();
        await store.append('s', newEvents(2), { expectedRevision: 'any' });
        const events = newEvents(2);
        const results = await Promise.all(
          Array.from({ length: 8 }, () => store.append('s', events, { expectedRevision: exp })),
        );
        expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
        expect(results[0].nextRevision).toBe(3);
        expect(await store.streamRevision('s')).toBe(3);
      },
    );

    it('refuses a mix of known and new ids, an id known on another stream, and an id twice in one call', async () => {
      const { store } = h();
      const [a, b] = newEvents(2);
      await store.append('s', [a], { expectedRevision: 'any' });
      const before = await store.readAll();
      await expect(store.append('s', [a, b], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        DuplicateEventId,
      );
      await expect(store.append('t', [a], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        DuplicateEventId,
      );
      await expect(store.append('t', [b, b], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        DuplicateEventId,
      );
      expect(await store.readAll()).toEqual(before);
    });
  });
}
