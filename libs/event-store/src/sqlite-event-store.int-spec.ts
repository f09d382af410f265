import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailable } from './errors';
import type { EventStore } from './event-store.port';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite';
import { describeEventStoreContract, newEvents, TsChild, type ContractHandle } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'tafel-sqlite-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type SqliteHandle = ContractHandle & {
  store: SqliteEventStore;
  path: string;
  integrityCheck(): Promise<string[]>;
};

async function sqliteHandle(writer: 'thread' | 'inline' = 'thread'): Promise<SqliteHandle> {
  const path = join(dir, `store-${files++}.db`);
  const opened = [await openSqliteEventStore({ path, writer })];
  const withFile = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(path);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    path,
    store: opened[0],
    async reopen() {
      opened.push(await openSqliteEventStore({ path, writer }));
      return opened[opened.length - 1];
    },
    async tamper(stream, revision) {
      withFile((db) =>
        db
          .prepare(`UPDATE events SET data = '{"tampered":true}' WHERE stream = ? AND revision = ?`)
          .run(stream, revision),
      );
    },
    async integrityCheck() {
      const rows = withFile((db) => db.pragma('integrity_check') as { integrity_check: string }[]);
      return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    },
    childOptions: { path, writer },
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      rmSync(path, { force: true });
      rmSync(`${path}-wal`, { force: true });
      rmSync(`${path}-shm`, { force: true });
    },
  };
}

/** The store reads its subscriptions' pages through a private method: fail the next `count` of them. */
function failSubscriptionPages(store: EventStore, count: number): void {
  const spy = jest.spyOn(store as unknown as { subscriptionPage(): Promise<unknown> }, 'subscriptionPage');
  for (let i = 0; i < count; i++)
    spy.mockRejectedValueOnce(new StoreUnavailable('injected: page read failed'));
}

describe.each(['thread', 'inline'] as const)('%s writer', (writer) => {
  describeEventStoreContract(`sqlite (${writer} writer)`, {
    create: () => sqliteHandle(writer),
    child: { module: join(__dirname, 'sqlite', 'sqlite-event-store.ts'), exportName: 'openSqliteEventStore' },
    openUnreachable: () => openSqliteEventStore({ path: join(dir, 'no-such-dir', 'store.db'), writer }),
    failPageReads: failSubscriptionPages,
  });
});

describe('sqlite event store', () => {
  let h: SqliteHandle;
  beforeEach(async () => (h = await sqliteHandle()));
  afterEach(() => h.cleanup());

  it('commits appends that arrive together in far fewer transactions than appends', async () => {
    const before = h.store.transactions;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h.store.append(`s${i}`, newEvents(2), { expectedRevision: 'no-stream' }),
      ),
    );
    expect(h.store.transactions - before).toBeLessThan(10);
    expect(results.every((r) => r.nextRevision === 1)).toBe(true);
    expect(await h.store.readAll()).toHaveLength(200);
  });

  it('refuses one append of a batch alone, keeping the others', async () => {
    const [known] = newEvents(1);
    await h.store.append('taken', [known], { expectedRevision: 'no-stream' });
    const before = h.store.transactions;
    const outcomes = await Promise.allSettled([
      h.store.append('a', newEvents(1), { expectedRevision: 'no-stream' }),
      h.store.append('taken', newEvents(1), { expectedRevision: 'no-stream' }),
      h.store.append('b', [known], { expectedRevision: 'any' }),
      h.store.append('a', newEvents(2), { expectedRevision: 0 }),
    ]);
    expect(h.store.transactions - before).toBe(1);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as Error).name))).toEqual([
      'ok',
      'ExpectedRevisionConflict',
      'DuplicateEventId',
      'ok',
    ]);
    expect((await h.store.read('a')).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(await h.store.streamRevision('b')).toBe(-1);
  });

  it('keeps the file in WAL mode and passes integrity_check after concurrent work', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.store.append(`s${i % 7}`, newEvents(3), { expectedRevision: 'any' }),
      ),
    );
    const db = new Database(h.path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(await h.integrityCheck()).toEqual([]);
  });

  it('answers StoreUnavailable while another process holds the write lock too long', async () => {
    const store = await openSqliteEventStore({ path: h.path, busyTimeoutMs: 20 });
    const locker = new Database(h.path);
    locker.exec('BEGIN IMMEDIATE');
    try {
      await expect(store.append('s', newEvents(1), { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        StoreUnavailable,
      );
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    await expect(store.append('s', newEvents(1), { expectedRevision: 'no-stream' })).resolves.toEqual(
      expect.objectContaining({ nextRevision: 0 }),
    );
    await store.close();
  });

  it('writes in a thread of its own that keeps a process alive until its appends are durable and closed', async () => {
    const path = join(dir, 'lonely.db');
    const child = new TsChild(join(__dirname, 'sqlite', 'append-and-exit.child.ts'), { path });
    expect(await child.exited).toBe(0);
    expect(child.lines.map((l) => l.t)).toEqual(['appended', 'closed']);
    const reopened = await openSqliteEventStore({ path });
    expect((await reopened.read('lonely')).map((e) => e.position)).toEqual(child.lines[0].positions);
    await reopened.close();
  });

  it('is no longer alive once its writer thread has stopped, and refuses appends with StoreUnavailable', async () => {
    await h.store.append('s', newEvents(1), { expectedRevision: 'no-stream' });
    expect(h.store.alive()).toBe(true);
    // The thread is private to the store: a test reaches it to stop it as a crash of the thread would.
    const thread = (h.store as unknown as { writer: { worker: { terminate(): Promise<number> } } }).writer;
    await thread.worker.terminate();
    expect(h.store.alive()).toBe(false);
    await expect(h.store.append('s', newEvents(1), { expectedRevision: 0 })).rejects.toBeInstanceOf(
      StoreUnavailable,
    );
    await expect(h.store.ping()).resolves.toBeUndefined();
  });

  it('answers StoreUnavailable for a file that is not a database', async () => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, 'this is not sqlite '.repeat(100));
    await expect(openSqliteEventStore({ path })).rejects.toBeInstanceOf(StoreUnavailable);
  });
});
