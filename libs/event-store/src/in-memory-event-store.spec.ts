import type { StoredEvent } from './event-store.port';
import {
  InMemoryEventStore,
  InMemoryLog,
  describeEventStoreContract,
  newEvents,
  type ContractHandle,
} from './testing';

function memoryHandle(): ContractHandle {
  const log = new InMemoryLog();
  const opened = [new InMemoryEventStore({ log })];
  return {
    store: opened[0],
    async reopen() {
      opened.push(new InMemoryEventStore({ log }));
      return opened[opened.length - 1];
    },
    async tamper(stream, revision) {
      (log.stream(stream)[revision] as StoredEvent).data = { tampered: true };
    },
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
    },
  };
}

// No `child`: one process's memory cannot be shared with child processes or survive kill -9, so the
// contract skips its multi-process cases. No `openUnreachable`: memory is always there.
describeEventStoreContract('in-memory', { create: async () => memoryHandle() });

describe('in-memory event store', () => {
  it('records the time from its clock and numbers positions from 1, so position 0 means "from the start"', async () => {
    const store = new InMemoryEventStore({ now: () => new Date('2025-05-01T10:00:00.000Z') });
    await store.append('s', newEvents(2), { expectedRevision: 'no-stream' });
    const read = await store.readAll({ fromPosition: 0 });
    expect(read.map((e) => [e.position, e.recordedAt])).toEqual([
      [1, '2025-05-01T10:00:00.000Z'],
      [2, '2025-05-01T10:00:00.000Z'],
    ]);
  });

  it('wakes a caught-up subscriber for an append through another store on the same log', async () => {
    const log = new InMemoryLog();
    const [reader, writer] = [new InMemoryEventStore({ log }), new InMemoryEventStore({ log })];
    await writer.append('s', newEvents(1), { expectedRevision: 'no-stream' });
    const got: number[] = [];
    let caughtUp!: () => void;
    const first = new Promise<void>((resolve) => (caughtUp = resolve));
    const second = new Promise<void>((resolve, reject) => {
      reader.subscribe((e) => void (got.push(e.revision) === 1 ? caughtUp() : resolve()), {
        onError: reject,
      });
    });
    await first;
    await new Promise((resolve) => setImmediate(resolve)); // every microtask done: the reader is idle
    await writer.append('s', newEvents(1), { expectedRevision: 0 });
    await second;
    expect(got).toEqual([0, 1]);
    await reader.close();
  });

  it('keeps the JSON value of the data, not the object handed to it', async () => {
    const store = new InMemoryEventStore();
    const data = { at: new Date('2025-05-01T10:00:00.000Z'), gone: undefined, list: [1] };
    await store.append('s', [{ ...newEvents(1)[0], data }], { expectedRevision: 'any' });
    data.list.push(2);
    const [stored] = await store.read('s');
    expect(stored.data).toStrictEqual({ at: '2025-05-01T10:00:00.000Z', list: [1] });
  });
});
