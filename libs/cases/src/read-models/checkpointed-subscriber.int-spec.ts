import { StoreUnavailable } from '@app/event-store';
import { openPostgresEventStore, type PostgresEventStore } from '@app/event-store/postgres';
import {
  createTestDatabase,
  newEvents,
  startPrivatePostgres,
  type PrivatePostgres,
  type TestDatabase,
} from '@app/event-store/testing';
import { SqliteDb } from '@app/kernel/sqlite';
import { CheckpointedSubscriber } from './checkpointed-subscriber';
import { createReadSchema } from './read-schema';

// A server of this spec's own: restarting the shared one would break the specs running beside it.
let server: PrivatePostgres;
let database: TestDatabase;
let store: PostgresEventStore;
let db: SqliteDb;

beforeAll(async () => {
  server = await startPrivatePostgres();
  database = await createTestDatabase('tafel_subscriber', server.url);
  store = await openPostgresEventStore({ connectionString: database.url, pollMs: 50 });
  db = new SqliteDb(':memory:');
  await createReadSchema(db);
  await db.run('CREATE TABLE seen (position INTEGER NOT NULL)');
});

afterAll(async () => {
  await store?.close();
  await db?.close();
  await database?.drop();
  await server?.stop();
});

/** Waits for `done`, or fails naming `what` (and with the writer's error, if it died) after `ms`. */
async function waitFor(what: string, done: () => boolean, writer: Promise<void>, ms = 60_000): Promise<void> {
  let failure: unknown;
  writer.catch((e: unknown) => (failure = e));
  for (const start = Date.now(); !done();) {
    if (failure) throw new Error(`the writer stopped while waiting for ${what}: ${String(failure)}`);
    if (Date.now() - start > ms) throw new Error(`still waiting for ${what} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('CheckpointedSubscriber on PostgreSQL', () => {
  it('catches up with nothing lost or repeated after PostgreSQL restarts under it mid-stream', async () => {
    const errors: unknown[] = [];
    const runner = new CheckpointedSubscriber(
      'restart-spec',
      store,
      db,
      async (events, tx) => {
        for (const e of events) await tx.run('INSERT INTO seen (position) VALUES (?)', [e.position]);
      },
      true,
      (e) => errors.push(e),
      // Retries at once (20 ms) instead of the product's 1 s, 2 s, … backoff.
      {
        retryAfter: (_ms, retry) =>
          (
            (t) => () =>
              clearTimeout(t)
          )(setTimeout(retry, 20)),
      },
    );
    await runner.start();

    let acknowledged = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing || i < 20; i++) {
        const events = newEvents(2, `w${i}`);
        for (let attempt = 1; ; attempt++) {
          try {
            await store.append(`s${i % 5}`, events, { expectedRevision: 'any' });
            acknowledged += events.length;
            break;
          } catch (e) {
            // The same event ids again: a repeat of an append that did commit is a no-op.
            if (!(e instanceof StoreUnavailable) || attempt >= 300) throw e;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
    })();
    try {
      await waitFor('40 events before the restart', () => acknowledged >= 40, writer);
      await server.restart();
      const after = acknowledged;
      await waitFor('40 events after the restart', () => acknowledged >= after + 40, writer);
    } finally {
      writing = false;
      await writer;
    }

    const log = await store.readAll();
    const head = log[log.length - 1].position;
    let caught = false;
    void runner.caughtUp(head).then(() => (caught = true));
    await waitFor(
      `the subscriber at ${head} (${JSON.stringify(runner.status())})`,
      () => caught,
      Promise.resolve(),
    );
    await runner.stop();
    const seen = (await db.all<{ position: number }>('SELECT position FROM seen ORDER BY position')).map(
      (r) => Number(r.position),
    );
    const lost = log.filter((e) => !seen.includes(e.position)).length;
    const duplicated = seen.length - new Set(seen).size;
    console.log(
      `fault: postgres restart under a CheckpointedSubscriber — appended ${acknowledged}, in log ${log.length}, ` +
        `lost ${lost}, duplicated ${duplicated}, errors reported ${errors.length}`,
    );
    expect(log).toHaveLength(acknowledged);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(seen).toEqual(log.map((e) => e.position));
    expect(runner.status()).toMatchObject({ state: 'stopped', checkpoint: log[log.length - 1].position });
  }, 90_000);
});
