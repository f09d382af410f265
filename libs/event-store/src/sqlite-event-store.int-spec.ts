import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store';
import { describeEventStoreContract, type ContractHandle } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'tafel-sqlite-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sqliteHandle(): Promise<ContractHandle & { store: SqliteEventStore; path: string }> {
  const path = join(dir, `store-${files++}.db`);
  const opened = [await openSqliteEventStore({ path })];
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
      opened.push(await openSqliteEventStore({ path }));
      return opened[opened.length - 1];
    },
    async tamper(stream, revision) {
      withFile((db) => db.prepare(`UPDATE events SET data = '{"tampered":true}' WHERE stream = ? AND revision = ?`).run(stream, revision));
    },
    async integrityCheck() {
      const rows = withFile((db) => db.pragma('integrity_check') as { integrity_check: string }[]);
      return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    },
    childOptions: { path },
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      rmSync(path, { force: true });
      rmSync(`${path}-wal`, { force: true });
      rmSync(`${path}-shm`, { force: true });
    },
  };
}

describeEventStoreContract('sqlite', {
  create: sqliteHandle,
  child: { module: join(__dirname, 'sqlite-event-store.ts'), exportName: 'openSqliteEventStore' },
  openUnreachable: () => openSqliteEventStore({ path: join(dir, 'no-such-dir', 'store.db') }),
});
