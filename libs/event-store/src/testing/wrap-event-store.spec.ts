import type { EventStore, StoredEvent } from '../event-store.port';
import { newEvents } from './contract.fixtures';
import { wrapEventStore } from './wrap-event-store';

/** Records the appends that reach it; reads answer one fixed event. */
function recordingStore(): EventStore & { appended: string[] } {
  const appended: string[] = [];
  const one = { stream: 's', revision: 0 } as StoredEvent;
  return {
    appended,
    append: async (stream) => (appended.push(stream), { nextRevision: 0, positions: [1] }),
    read: async () => [one],
    readAll: async () => [one],
    subscribe: () => ({ stop: async () => undefined }),
    streamRevision: async () => 0,
    ping: async () => undefined,
    alive: () => true,
    close: async () => undefined,
  };
}

describe('wrapEventStore', () => {
  it('fails an append whose hook throws, before anything reaches the store', async () => {
    const inner = recordingStore();
    const store = wrapEventStore(inner, {
      beforeAppend(stream) {
        if (stream === 'b') throw new Error('crash');
      },
    });
    await store.append('a', newEvents(1), { expectedRevision: 'any' });
    await expect(store.append('b', newEvents(1), { expectedRevision: 'any' })).rejects.toThrow('crash');
    expect(inner.appended).toEqual(['a']);
  });

  it('holds an append while its hook waits', async () => {
    const inner = recordingStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = wrapEventStore(inner, { beforeAppend: () => gate });
    const pending = store.append('a', newEvents(2), { expectedRevision: 'any' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(inner.appended).toEqual([]);
    release();
    await expect(pending).resolves.toEqual({ nextRevision: 0, positions: [1] });
    expect(inner.appended).toEqual(['a']);
  });

  it('passes reads straight through', async () => {
    const inner = recordingStore();
    const store = wrapEventStore(inner, {});
    expect(await store.read('s')).toEqual(await inner.read('s'));
    expect(await store.readAll()).toEqual(await inner.readAll());
    expect(await store.streamRevision('s')).toBe(0);
  });
});
