import { StoreUnavailable } from '../errors';
import { hashEvent, verifyChain } from '../hash-chain';
import type { ContractFactory, ContractHandle } from './contract.types';
import { newEvents } from './contract.fixtures';

/** Hash chain, tamper detection, and the store's own errors. */
export function integrityCases(h: () => ContractHandle, factory: ContractFactory): void {
  it('chains hashes across appends so that read() verifies', async () => {
    const { store } = h();
    await store.append('s', newEvents(3), { expectedRevision: 'no-stream' });
    await store.append('other', newEvents(2), { expectedRevision: 'no-stream' });
    await store.append('s', newEvents(2), { expectedRevision: 2 });
    const events = await store.read('s');
    expect(events.every((e) => e.hash === hashEvent(e))).toBe(true);
    expect(events[3].prevHash).toBe(events[2].hash);
    expect(verifyChain(events)).toEqual({ valid: true, events: 5, head: events[4].hash });
  });

  it("detects an event altered behind the store's back", async () => {
    const { store, tamper } = h();
    await store.append('s', newEvents(4), { expectedRevision: 'no-stream' });
    await tamper('s', 2);
    const events = await store.read('s');
    expect(verifyChain(events)).toMatchObject({
      valid: false,
      events: 4,
      head: events[1].hash,
      firstInvalid: { revision: 2, position: events[2].position, eventId: events[2].eventId },
    });
  });

  it('answers StoreUnavailable, not a driver error, once closed', async () => {
    const { store } = h();
    await store.append('s', newEvents(1), { expectedRevision: 'any' });
    expect(store.alive()).toBe(true);
    await store.close();
    expect(store.alive()).toBe(false);
    await expect(store.append('s', newEvents(1), { expectedRevision: 'any' })).rejects.toBeInstanceOf(
      StoreUnavailable,
    );
    await expect(store.read('s')).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.streamRevision('s')).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('settles appends in flight at close: each is either stored or refused with StoreUnavailable', async () => {
    const { store, reopen } = h();
    const pending = Array.from({ length: 5 }, (_, i) =>
      store.append(`s${i}`, newEvents(1), { expectedRevision: 'no-stream' }),
    );
    await store.close();
    const outcomes = await Promise.allSettled(pending);
    const again = await reopen();
    for (const [i, o] of outcomes.entries()) {
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(StoreUnavailable);
      expect(await again.streamRevision(`s${i}`)).toBe(o.status === 'fulfilled' ? 0 : -1);
    }
    await again.close();
  });

  (factory.openUnreachable ? it : it.skip)(
    'answers StoreUnavailable when the storage cannot be reached',
    async () => {
      const attempt = async (): Promise<unknown> => {
        const store = await factory.openUnreachable!();
        try {
          return await store.append('s', newEvents(1), { expectedRevision: 'any' });
        } finally {
          await store.close().catch(() => undefined);
        }
      };
      await expect(attempt()).rejects.toBeInstanceOf(StoreUnavailable);
    },
  );
}
