import type { StoredEvent } from '@app/event-store';
import { InMemoryEventStore, newEvent, newEvents, wrapEventStore } from '@app/event-store/testing';
import { ReadStoreUnavailable } from '@app/kernel';
import { SqliteDb } from '@app/kernel/sqlite';
import type { EventStore } from '@app/event-store';
import {
  CheckpointedSubscriber,
  errorText,
  type BatchHandler,
  type SupervisionOptions,
} from './checkpointed-subscriber';
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
async function started(
  handle: BatchHandler,
  transactional = true,
  options: SupervisionOptions = {},
  from: EventStore = store,
) {
  let report!: (e: unknown) => void;
  const failed = new Promise<unknown>((resolve) => (report = resolve));
  const runner = new CheckpointedSubscriber('spec', from, db, handle, transactional, report, options);
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

describe('a subscriber stopped and started again at once (a projection reset)', () => {
  it('hands the new subscription its events, not to a flush the old one asked for', async () => {
    const { runner } = await started(rowsHandler());
    await append(newEvents(2));
    await runner.caughtUp(2);
    // Delivered, but its flush not yet run when the subscriber is stopped.
    await append(newEvents(1));
    await new Promise((resolve) => process.nextTick(resolve));
    await runner.stop();
    await db.run('DELETE FROM tafel_checkpoints');
    await db.run('DELETE FROM seen');
    await runner.start();
    await runner.caughtUp(3);
    expect(await seen()).toEqual([1, 2, 3]);
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

/** Retries when the test says so: each asked delay is kept, `next()` runs the oldest retry. */
function manualRetries() {
  const delays: number[] = [];
  const pending: (() => void)[] = [];
  return {
    delays,
    options: {
      retryAfter: (ms: number, retry: () => void) => {
        delays.push(ms);
        pending.push(retry);
        return () => pending.splice(pending.indexOf(retry), 1);
      },
      now: () => new Date('2026-12-01T10:00:00Z'),
    } satisfies SupervisionOptions,
    next: () => pending.shift()?.(),
    pending: () => pending.length,
  };
}

/** Lets the subscriber's promises run until `done` holds (no clock involved). */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setImmediate(resolve));
}

describe('a subscriber that fails (it never stops silently)', () => {
  it('retries a failure that passes, with a growing backoff, and catches up', async () => {
    let failures = 2;
    const retries = manualRetries();
    const { runner } = await started(
      async (events, tx) => {
        if (failures-- > 0) throw new Error('database is locked');
        for (const e of events) await tx.run('INSERT INTO seen (position) VALUES (?)', [e.position]);
      },
      true,
      retries.options,
    );
    await append(newEvents(3));
    await until(() => runner.status().state === 'retrying');
    expect(runner.status()).toMatchObject({ attempts: 1, lastError: 'Error: database is locked' });
    retries.next();
    await until(() => runner.status().attempts === 2);
    retries.next();
    await runner.caughtUp(3);
    expect(retries.delays).toEqual([1000, 2000]);
    expect(await seen()).toEqual([1, 2, 3]);
    expect(runner.status()).toEqual({ name: 'spec', state: 'running', checkpoint: 3, attempts: 0 });
  });

  it('pins a failing batch to its one bad event, parks it, and goes on only when retried', async () => {
    const retries = manualRetries();
    let fixed = false;
    const { runner } = await started(
      async (events, tx) => {
        for (const e of events) {
          if ((e.data as { poison?: boolean }).poison && !fixed) throw new Error(`poison at ${e.position}`);
          await tx.run('INSERT INTO seen (position) VALUES (?)', [e.position]);
        }
      },
      true,
      retries.options,
    );
    const [, , bad] = await append([newEvent(), newEvent(), poison(), newEvent()]);
    const parked = () => runner.status().state === 'parked';
    while (!parked()) {
      await until(() => parked() || retries.pending() > 0);
      if (!parked()) retries.next();
    }
    // The batch failed once; then, one event at a time, the bad one failed five times in a row.
    expect(retries.delays).toEqual([1000, 1000, 2000, 4000, 8000, 30_000]);
    await until(() => runner.status().state === 'parked');
    expect(runner.status()).toMatchObject({
      checkpoint: 2,
      attempts: 5,
      parked: {
        position: 3,
        eventId: bad.eventId,
        error: 'Error: poison at 3',
        parkedAt: '2026-12-01T10:00:00.000Z',
      },
    });
    // The events before the bad one are handled; it and what follows wait.
    expect(await seen()).toEqual([1, 2]);
    expect(await db.all('SELECT name, position FROM tafel_parked_events')).toEqual([
      { name: 'spec', position: 3 },
    ]);
    // A parked subscriber stays parked across a restart of the process.
    await runner.stop();
    await runner.start();
    expect(runner.status().state).toBe('parked');
    fixed = true;
    await runner.retry();
    await runner.caughtUp(4);
    expect(await seen()).toEqual([1, 2, 3, 4]);
    expect(runner.status()).toMatchObject({ state: 'running', attempts: 0 });
    expect(runner.status().parked).toBeUndefined();
    expect(await db.all('SELECT * FROM tafel_parked_events')).toEqual([]);
  });

  it('goes on when the park is cleared from another process', async () => {
    const retries = manualRetries();
    let fixed = false;
    const { runner } = await started(
      async (events, tx) => {
        if (!fixed) throw new Error('bad');
        for (const e of events) await tx.run('INSERT INTO seen (position) VALUES (?)', [e.position]);
      },
      true,
      { ...retries.options, maxAttempts: 1 },
    );
    await append(newEvents(1));
    await until(() => runner.status().state === 'parked');
    fixed = true;
    retries.next(); // the 30 s look: still parked
    await until(() => retries.delays.length === 2);
    expect(runner.status().state).toBe('parked');
    await db.run('DELETE FROM tafel_parked_events');
    retries.next();
    await runner.caughtUp(1);
    expect(retries.delays).toEqual([30_000, 30_000]);
    expect(await seen()).toEqual([1]);
  });

  it('retries a store that cannot be read, and never parks for it', async () => {
    const retries = manualRetries();
    let down = 3;
    const flaky: EventStore = {
      ...wrapEventStore(store, {}),
      subscribe: (handler, options) => {
        if (down-- > 0) {
          setImmediate(() => options?.onError?.(new Error('connect ECONNREFUSED')));
          return { stop: async () => undefined };
        }
        return store.subscribe(handler, options);
      },
    };
    await append(newEvents(2));
    const { runner } = await started(rowsHandler(), true, { ...retries.options, maxAttempts: 2 }, flaky);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await until(() => retries.delays.length === attempt);
      expect(runner.status().state).toBe('retrying');
      retries.next();
    }
    await runner.caughtUp(2);
    expect(retries.delays).toEqual([1000, 2000, 4000]);
    expect(await seen()).toEqual([1, 2]);
  });

  it('flushes again after a read error that came between a delivery and its flush', async () => {
    // PostgreSQL restarting under load: the subscription hands over events, then its next page read
    // fails before the flush they asked for has run. The subscription after the retry must flush its
    // own events (it once stood still, buffering, until 500 more arrived).
    const retries = manualRetries();
    let first = true;
    const flaky: EventStore = {
      ...wrapEventStore(store, {}),
      subscribe: (handler, options) => {
        if (!first) return store.subscribe(handler, options);
        first = false;
        void (async () => {
          for (const e of await store.readAll()) await handler(e);
          options?.onError?.(new Error('the database system is starting up'));
        })();
        return { stop: async () => undefined };
      },
    };
    await append(newEvents(2));
    const { runner } = await started(rowsHandler(), true, retries.options, flaky);
    await until(() => retries.pending() === 1);
    retries.next();
    await append(newEvents(1));
    await runner.caughtUp(3);
    expect(await seen()).toEqual([1, 2, 3]);
    expect(runner.status()).toMatchObject({ state: 'running', attempts: 0 });
  });

  it('retries a batch that fails because a database is unavailable, and never parks for it', async () => {
    const retries = manualRetries();
    let down = 4;
    const { runner } = await started(
      async (events, tx) => {
        if (down-- > 0) throw new ReadStoreUnavailable('sqlite read store unavailable (SQLITE_FULL)');
        for (const e of events) await tx.run('INSERT INTO seen (position) VALUES (?)', [e.position]);
      },
      true,
      { ...retries.options, maxAttempts: 2 },
    );
    await append(newEvents(3));
    for (let attempt = 1; attempt <= 4; attempt++) {
      await until(() => retries.delays.length === attempt);
      expect(runner.status().state).toBe('retrying');
      retries.next();
    }
    await runner.caughtUp(3);
    expect(retries.delays).toEqual([1000, 2000, 4000, 8000]);
    expect(await seen()).toEqual([1, 2, 3]);
  });
});

describe("errorText, what is parked and logged of a handler's error", () => {
  it('keeps the name and message, short, without an address or a phone number quoted from an event', () => {
    const e = new TypeError('cannot project anna@example.nl (06-12345678) at 3');
    expect(errorText(e)).toBe('TypeError: cannot project <adres> (<nummer>) at 3');
    expect(errorText('x'.repeat(600) + ' a@b.nl')).toHaveLength(500);
  });
});
