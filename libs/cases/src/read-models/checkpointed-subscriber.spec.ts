import type { StoredEvent } from '@app/event-store';
import { InMemoryEventStore, newEvent, newEvents } from '@app/event-store/testing';
import { SqliteDb } from '@app/kernel/sqlite';
import { CheckpointedSubscriber, type BatchHandler } from './checkpointed-subscriber';
import { createReadSchema } from './read-schema';

let store: InMemoryEventStore;
let db: SqliteDb;
let runners: CheckpointedSubscriber[];
beforeEach(async () => {
  store = new InMemoryEventStore();
  db = new SqliteDb(':memory:');
  await createReadSchema(db);
  await db.run('CREATE TABLE seen (position INTEGER PRIMARY KEY)');
  runners = [];
});
afterEach(async () => {
  for (const runner of runners) await runner.stop();
  await store.close();
  await db.close();
});

/** Writes one row per event; throws, after writing the rows before it, at an event marked `poison`. */
function rowsHandler(delivered: number[][] = []): BatchHandler {
  return async (events, tx) => {
    delivered.push(events.map((e) => e.position));
    for (const e of events) {
      if ((e.data as { poison?: boolean }).poison) throw new Error(`poison at ${e.position}`);
      await tx.run('INSERT INTO seen (position) VALUES (?)', [e.position]);
    }
  };
}

/** A subscriber named `spec`, started; `failed` settles with what reached its `onError`. */
async function started(handle: BatchHandler, transactional = true) {
  let report!: (e: unknown) => void;
  const failed = new Promise<unknown>((resolve) => (report = resolve));
  const runner = new CheckpointedSubscriber('spec', store, db, handle, transactional, report);
  runners.push(runner);
  await runner.start();
  return { runner, failed };
}

const seen = async () =>
  (await db.all<{ position: number }>('SELECT position FROM seen')).map((r) => r.position);
const checkpoint = async () =>
  (await db.all<{ position: number }>("SELECT position FROM tafel_checkpoints WHERE name = 'spec'"))[0]
    ?.position;
const append = async (events = newEvents(1)): Promise<StoredEvent[]> => {
  const { positions } = await store.append('s', events, { expectedRevision: 'any' });
  return store.readAll({ fromPosition: positions[0] - 1 });
};
const poison = () => newEvent({ poison: true });

describe('a checkpointed subscriber', () => {
  it('starts after its stored checkpoint', async () => {
    await append(newEvents(4));
    await db.run("INSERT INTO tafel_checkpoints (name, position) VALUES ('spec', 2)");
    const delivered: number[][] = [];
    const { runner } = await started(rowsHandler(delivered));
    await runner.caughtUp(4);
    expect(delivered.flat()).toEqual([3, 4]);
  });

  it('commits its rows and its checkpoint together', async () => {
    await append(newEvents(3));
    const { runner } = await started(rowsHandler());
    await runner.caughtUp(3);
    expect(await seen()).toEqual([1, 2, 3]);
    expect(await checkpoint()).toBe(3);
    expect(runner.checkpoint).toBe(3);
  });

  it('leaves neither the rows nor the checkpoint of a batch whose handler throws midway', async () => {
    const { runner, failed } = await started(rowsHandler());
    await append(newEvents(2));
    await runner.caughtUp(2);
    await append([newEvent(), poison()]);
    expect(await failed).toEqual(new Error('poison at 4'));
    expect(runner.error).toEqual(new Error('poison at 4'));
    expect(await seen()).toEqual([1, 2]);
    expect(await checkpoint()).toBe(2);
  });

  it('delivers a batch that failed again after a restart: at least once, never a skip', async () => {
    const first = await started(rowsHandler());
    await append([newEvent(), poison()]);
    await first.failed;
    await first.runner.stop();
    const delivered: number[][] = [];
    const { runner } = await started(async (events, tx) => {
      delivered.push(events.map((e) => e.position));
      for (const e of events) await tx.run('INSERT INTO seen (position) VALUES (?)', [e.position]);
    });
    await runner.caughtUp(2);
    expect(delivered.flat()).toEqual([1, 2]);
    expect(await seen()).toEqual([1, 2]);
  });

  it('goes on after a restart from where it stopped, without delivering anything again', async () => {
    await append(newEvents(3));
    const first = await started(rowsHandler());
    await first.runner.caughtUp(3);
    await first.runner.stop();
    const delivered: number[][] = [];
    const { runner } = await started(rowsHandler(delivered));
    await append(newEvents(2));
    await runner.caughtUp(5);
    expect(delivered.flat()).toEqual([4, 5]);
    expect(await seen()).toEqual([1, 2, 3, 4, 5]);
  });

  it('resolves caughtUp(position) once that position is handled, and not before', async () => {
    const { runner } = await started(rowsHandler());
    await expect(runner.caughtUp(0)).resolves.toBeUndefined();
    let reached = false;
    const second = runner.caughtUp(2).then(() => (reached = true));
    await append();
    await runner.caughtUp(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reached).toBe(false);
    await append();
    await second;
    expect(await seen()).toEqual([1, 2]);
  });
});

describe('a subscriber whose full batch fails (flushed inside its own handler call)', () => {
  it('reports the error and can still be stopped', async () => {
    const { runner, failed } = await started(rowsHandler());
    await append([...newEvents(499), poison(), ...newEvents(100)]);
    expect(await failed).toEqual(new Error('poison at 500'));
    await runner.stop();
    expect(await seen()).toEqual([]);
    expect(await checkpoint()).toBeUndefined();
  });
});

describe('a subscriber that is not transactional (a process manager)', () => {
  it('keeps its checkpoint behind a batch that throws, though its own work stays done', async () => {
    const { runner, failed } = await started(rowsHandler(), false);
    await append(newEvents(1));
    await runner.caughtUp(1);
    await append([newEvent(), poison()]);
    await failed;
    expect(await seen()).toEqual([1, 2]);
    expect(await checkpoint()).toBe(1);
  });
});
