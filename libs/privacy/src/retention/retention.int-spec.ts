import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlDb } from '@app/kernel';
import { SqliteDb } from '@app/kernel/sqlite';
import { PostgresDb } from '@app/kernel/postgres';
import { createReadSchema, type Actor, type CaseRepository } from '@app/cases';
import type { EventStore } from '@app/event-store';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import { openPostgresEventStore } from '@app/event-store/postgres';
import { createTestDatabase, wrapEventStore, type TestDatabase } from '@app/event-store/testing';
import { CASE_DATA_DESTROYED, PERSON_ERASED, personStreamOf, retentionStreamOf } from '@app/workflow';
import { caseKeyId } from '../key-store.port';
import { SqlKeyStore } from '../sql-key-store';
import { clearRetention, createRetentionSchema, projectRetention } from './retention.projection';
import { RETENTION_ACTOR, RetentionService } from './retention.service';

const DAY = 86_400_000;
const TERM = 7300 * DAY;
const auditor: Actor = { id: 'aud-1', name: 'Anouk Auditor', role: 'auditor' };
const coordinator: Actor = { id: 'coord-1', name: 'Corrie Coördinator', role: 'coordinator' };

interface Stores {
  store: EventStore;
  readDb: SqlDb;
  keysDb: SqlDb;
  close(): Promise<void>;
}

async function openStores(kind: 'sqlite' | 'postgres'): Promise<Stores> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tafel-retention-'));
    const store = await openSqliteEventStore({ path: join(dir, 'tafel.db'), writer: 'inline' });
    const readDb = new SqliteDb(join(dir, 'tafel-read.db'));
    const keysDb = new SqliteDb(join(dir, 'tafel-keys.db'));
    return {
      store,
      readDb,
      keysDb,
      async close() {
        await store.close();
        await readDb.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database: TestDatabase = await createTestDatabase('tafel_retention');
  const store = await openPostgresEventStore({ connectionString: database.url, pollMs: 50 });
  const readDb = new PostgresDb(database.url);
  const keysDb = new PostgresDb(database.url);
  return {
    store,
    readDb,
    keysDb,
    async close() {
      await store.close();
      await readDb.close();
      await database.drop();
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('retention on %s', (kind) => {
  let stores: Stores;
  let keys: SqlKeyStore;
  let store: EventStore;
  let projected = 0;
  let failNext: string | undefined;
  let now = new Date('2026-03-02T09:00:00.000Z');
  const clock = { now: () => new Date(now) };
  let retention: RetentionService;
  const forgotten: string[] = [];
  const cases = { forget: (id: string) => void forgotten.push(id) } as unknown as CaseRepository;

  beforeAll(async () => {
    stores = await openStores(kind);
    await createReadSchema(stores.readDb);
    await createRetentionSchema(stores.readDb);
    keys = await SqlKeyStore.open(stores.keysDb, randomBytes(32), clock, 'test');
    store = wrapEventStore(stores.store, {
      beforeAppend(stream) {
        if (stream === failNext) {
          failNext = undefined;
          throw new Error('the process stopped here');
        }
      },
    });
    retention = new RetentionService(keys, store, stores.readDb, clock, { termMs: TERM }, cases);
  });
  afterAll(async () => {
    await keys?.close();
    await stores?.close();
  });

  /** Folds what is new in the log into the retention table, as the worker's projection does. */
  async function project(): Promise<void> {
    const events = await stores.store.readAll({ fromPosition: projected });
    await stores.readDb.transaction((tx) => projectRetention(events, tx));
    if (events.length) projected = events[events.length - 1].position;
  }

  /** A case with its people linked (and keys made), ended at `endedAt` unless undefined. */
  async function aCase(people: string[], endedAt?: string, end = 'CaseClosed'): Promise<string> {
    const caseId = randomUUID();
    await keys.link(
      people.map((personId, i) => ({ caseId, personId, role: i ? 'participant' : 'applicant' })),
    );
    await keys.keysOf([...people, caseKeyId(caseId)], { create: true });
    if (endedAt)
      await store.append(
        `case-${caseId}`,
        [
          {
            eventId: randomUUID(),
            type: end,
            schemaVersion: 1,
            data: { at: endedAt, reason: 'x' },
            metadata: { occurredAt: endedAt, actor: { id: 'coord-1', role: 'coordinator' } },
          },
        ],
        { expectedRevision: 'any' },
      );
    return caseId;
  }

  it('destroys each due case once, the people in no other live case with it, and finishes a run that stopped half-way', async () => {
    const [p1, p2, p3] = [randomUUID(), randomUUID(), randomUUID()];
    const a = await aCase([p1, p2], '2026-03-02T09:00:00.000Z');
    await aCase([p2]); // still open: p2 stays
    const d = await aCase([p3], '2026-03-04T09:00:00.000Z', 'RequestDeclined');
    const c = await aCase([p3, p1], '2026-03-05T09:00:00.000Z', 'CaseWithdrawn');
    const later = await aCase([randomUUID()], '2030-01-01T00:00:00.000Z');
    await project();

    now = new Date('2046-02-25T08:59:59.999Z'); // a millisecond before a's term
    expect((await retention.due()).map((i) => i.caseId)).not.toContain(a);
    now = new Date('2046-03-10T09:00:00.000Z');
    const dry = await retention.run({ dryRun: true });
    expect(dry.due.map((i) => i.caseId)).toEqual([a, d, c]);
    expect(dry.due[0]).toMatchObject({
      endedAt: '2026-03-02T09:00:00.000Z',
      dueAt: '2046-02-25T09:00:00.000Z',
      destroyedAt: null,
    });
    expect(dry.destroyed).toEqual([]);
    expect(await keys.statusOf(p1)).toBe('active');

    // The process stops just before the first CaseDataDestroyed is written.
    failNext = retentionStreamOf(a);
    await expect(retention.run()).rejects.toThrow('the process stopped here');
    expect(await keys.statusOf(p1)).toBe('erased');
    expect(await keys.statusOf(caseKeyId(a))).toBe('erased');
    expect(await store.streamRevision(retentionStreamOf(a))).toBe(-1);
    await project();
    expect((await retention.due()).map((i) => i.caseId)).toEqual([a, d, c]); // still due

    const run = await retention.run();
    expect(run.destroyed).toEqual([
      { caseId: a, personIds: [p1] },
      { caseId: d, personIds: [p3] },
      { caseId: c, personIds: [p1, p3].sort() },
    ]);
    // Before the read model has seen it, a run finds the events and does nothing again.
    expect((await retention.run()).destroyed).toEqual([]);
    await project();
    expect(await retention.due()).toEqual([]);
    expect((await retention.run()).destroyed).toEqual([]);

    expect([await keys.statusOf(p1), await keys.statusOf(p2), await keys.statusOf(p3)]).toEqual([
      'erased',
      'active',
      'erased',
    ]);
    for (const id of [a, c, d]) expect(await keys.statusOf(caseKeyId(id))).toBe('erased');
    expect(await keys.statusOf(caseKeyId(later))).toBe('active');
    const destroyedEvents = await store.read(retentionStreamOf(a));
    expect(destroyedEvents).toHaveLength(1);
    expect(destroyedEvents[0]).toMatchObject({
      type: CASE_DATA_DESTROYED,
      data: { caseId: a, endedAt: '2026-03-02T09:00:00.000Z', personIds: [p1], at: now.toISOString() },
      metadata: { actor: RETENTION_ACTOR },
    });
    const erased = await store.read(personStreamOf(p1));
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({
      type: PERSON_ERASED,
      data: { personId: p1, reason: 'retention', caseIds: [a, c].sort() },
      metadata: { actor: RETENTION_ACTOR },
    });
    expect(await store.read(personStreamOf(p2))).toEqual([]);
    expect(forgotten).toEqual(expect.arrayContaining([a, c, d]));

    const listed = await retention.list(auditor, { status: 'destroyed' });
    expect(listed.items.map((i) => i.caseId)).toEqual([a, d, c]);
    expect(listed.items[0].destroyedAt).toBe(now.toISOString());
    expect((await retention.list(auditor, { status: 'due' })).items).toEqual([]);
    const paged = await retention.list(auditor, { limit: 2 });
    expect(paged.items.map((i) => i.caseId)).toEqual([a, d]);
    const rest = await retention.list(auditor, { limit: 2, cursor: paged.nextCursor! });
    expect(rest).toEqual({ items: [expect.objectContaining({ caseId: c })], nextCursor: null });
    await expect(retention.list(coordinator)).rejects.toMatchObject({ category: 'forbidden' });

    // Rebuilt from the log, the read model holds the same rows.
    const table = () =>
      stores.readDb.all('SELECT case_id, ended_at, destroyed_at FROM tafel_retention ORDER BY case_id');
    const built = await table();
    await stores.readDb.transaction((tx) => clearRetention(tx));
    projected = 0;
    await project();
    expect(await table()).toEqual(built);
    await expect(retention.list(auditor, { cursor: 'bogus' })).rejects.toMatchObject({
      category: 'validation',
    });
  });
});
