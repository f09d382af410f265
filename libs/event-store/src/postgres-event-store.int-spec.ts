import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { DuplicateEventId, ExpectedRevisionConflict, StoreUnavailable } from './errors';
import { encodeAppend } from './postgres/event-rows';
import { migrate, openPostgresEventStore, type PostgresEventStore } from './postgres';
import {
  createTestDatabase,
  describeEventStoreContract,
  newEvents,
  startPrivatePostgres,
  type PrivatePostgres,
  subscribeUntil,
  testDatabaseUrl,
  type ContractHandle,
  type TestDatabase,
} from './testing';

// A server of this spec's own: its restart case would break every other spec on the shared one.
let server: PrivatePostgres;
let database: TestDatabase;
const url = (schema: string): string =>
  testDatabaseUrl(database.name, { options: `-c search_path=${schema}` }, server.url);
let admin: Pool;
let schemas = 0;

beforeAll(async () => {
  server = await startPrivatePostgres();
  database = await createTestDatabase('tafel_test', server.url);
  admin = new Pool({ connectionString: database.url, max: 4 });
  admin.on('error', () => undefined); // the restart case drops its idle connections too
});

afterAll(async () => {
  await admin?.end();
  await database?.drop();
  await server?.stop();
});

/** A fresh schema in this run's database: an empty store for each test. */
async function freshSchema(): Promise<string> {
  const schema = `s${schemas++}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  return schema;
}

async function postgresHandle(): Promise<ContractHandle & { store: PostgresEventStore; schema: string }> {
  const schema = await freshSchema();
  const connectionString = url(schema);
  const opened = [await openPostgresEventStore({ connectionString, pollMs: 100 })];
  return {
    schema,
    store: opened[0],
    async reopen() {
      opened.push(await openPostgresEventStore({ connectionString, pollMs: 100 }));
      return opened[opened.length - 1];
    },
    async tamper(stream, revision) {
      await admin.query(
        `UPDATE ${schema}.tafel_events SET data = '{"tampered":true}' WHERE stream = $1 AND revision = $2`,
        [stream, revision],
      );
    },
    childOptions: { connectionString },
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

describeEventStoreContract('postgres', {
  create: postgresHandle,
  child: {
    module: join(__dirname, 'postgres', 'open-postgres-event-store.ts'),
    exportName: 'openPostgresEventStore',
  },
  openUnreachable: () =>
    openPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/nothing' }),
  failPageReads(store, count) {
    const spy = jest.spyOn(store as unknown as { subscriptionPage(): Promise<unknown> }, 'subscriptionPage');
    for (let i = 0; i < count; i++)
      spy.mockRejectedValueOnce(new StoreUnavailable('injected: page read failed'));
  },
  // The real server (this spec's own), restarted: every connection of every open store (and of the admin pool) drops.
  restartStorage: () => server.restart(),
});

describe('postgres event store: global order', () => {
  it('holds back a later commit until an earlier-positioned append commits, and skips neither', async () => {
    const { store, schema, cleanup } = await postgresHandle();
    const held = new Client({ connectionString: url(schema) });
    await held.connect();
    try {
      await store.append('before', newEvents(1), { expectedRevision: 'no-stream' });
      const sub = subscribeUntil(store, (r) => r.length === 3);
      const early = newEvents(1, 'early');
      await held.query('BEGIN');
      const { json } = encodeAppend('early', early, { revision: -1, hash: null });
      const { rows } = await held.query('SELECT positions FROM tafel_append($1, -1, -1, NULL, $2, $3)', [
        'early',
        [early[0].eventId],
        json,
      ]);
      const later = await store.append('later', newEvents(1, 'later'), { expectedRevision: 'no-stream' });
      expect(later.positions[0]).toBeGreaterThan(Number(rows[0].positions[0]));

      expect((await store.readAll()).map((e) => e.stream)).toEqual(['before']);
      expect(sub.received.map((e) => e.stream)).toEqual(['before']);

      await held.query('COMMIT');
      const received = await sub.finished;
      expect(received.map((e) => e.stream)).toEqual(['before', 'early', 'later']);
      expect(received).toEqual(await store.readAll());
    } finally {
      await held.end();
      await cleanup();
    }
  });
});

describe('postgres event store: group commit', () => {
  it('commits appends that arrive together in one transaction; a refused one fails none of the others', async () => {
    const { store, schema, cleanup } = await postgresHandle();
    try {
      const [known] = newEvents(1, 'known');
      await store.append('known', [known], { expectedRevision: 'no-stream' });
      await store.append('taken', newEvents(1), { expectedRevision: 'no-stream' });
      const xid = async (): Promise<string[]> =>
        (await admin.query(`SELECT DISTINCT transaction_id::text AS x FROM ${schema}.tafel_events`)).rows.map(
          (r: { x: string }) => r.x,
        );
      const before = await xid();
      const outcomes = await Promise.allSettled([
        store.append('a', newEvents(2), { expectedRevision: 'no-stream' }),
        store.append('taken', newEvents(1), { expectedRevision: 'no-stream' }),
        store.append('dup', [known, ...newEvents(1)], { expectedRevision: 'no-stream' }),
        store.append('b', newEvents(1), { expectedRevision: 'no-stream' }),
        store.append('known', [known], { expectedRevision: 'no-stream' }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ExpectedRevisionConflict);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
      expect((outcomes[4] as PromiseFulfilledResult<unknown>).value).toEqual({
        nextRevision: 0,
        positions: [1],
      });
      expect((await xid()).filter((x) => !before.includes(x))).toHaveLength(1);
      expect((await store.readAll()).map((e) => [e.stream, e.revision])).toEqual([
        ['known', 0],
        ['taken', 0],
        ['a', 0],
        ['a', 1],
        ['b', 0],
      ]);
    } finally {
      await cleanup();
    }
  });
});

describe('postgres event store: migrations', () => {
  it('applies each migration once when run twice and from several processes at once', async () => {
    const schema = await freshSchema();
    const pools = [0, 1, 2, 3].map(() => new Pool({ connectionString: url(schema), max: 1 }));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p)));
      expect(applied.flat()).toEqual([1, 2]);
      expect(await migrate(pools[0])).toEqual([]);
      const { rows } = await admin.query(
        `SELECT version FROM ${schema}.tafel_schema_migrations ORDER BY version`,
      );
      expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
