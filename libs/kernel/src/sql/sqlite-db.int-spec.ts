import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuardFailed } from './sql-db';
import { SqliteDb } from './sqlite-db';

let dir: string;
let db: SqliteDb;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tafel-sqlite-db-'));
  db = new SqliteDb(join(dir, 'keys.db'), { synchronous: 'FULL', commitOnThread: true });
  await db.run('CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT NOT NULL)');
  await db.run('CREATE TABLE guard (id TEXT PRIMARY KEY, v TEXT)');
  await db.run("INSERT INTO guard (id, v) VALUES ('g', 'one')");
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (id: string, v: string | null) => ({
  sql: 'INSERT INTO t (id, v) VALUES (?, ?)',
  params: [id, v],
});
const guard = (equals: string | null) => ({ sql: 'SELECT v FROM guard WHERE id = ?', params: ['g'], equals });
const rows = () => db.all<{ id: string; v: string }>('SELECT id, v FROM t ORDER BY id');

describe('SqliteDb.commit on a writer thread', () => {
  it('commits the statements together, visible to the calling thread once it resolves', async () => {
    await db.commit([insert('a', '1'), insert('b', '2')], guard('one'));
    expect(await rows()).toEqual([
      { id: 'a', v: '1' },
      { id: 'b', v: '2' },
    ]);
  });

  it('writes nothing when the guard does not hold', async () => {
    await expect(db.commit([insert('a', '1')], guard('two'))).rejects.toBeInstanceOf(GuardFailed);
    await expect(db.commit([insert('a', '1')], { ...guard('one'), params: ['none'] })).rejects.toBeInstanceOf(
      GuardFailed,
    );
    expect(await rows()).toEqual([]);
  });

  it('rolls the whole commit back when one statement fails, and goes on committing after', async () => {
    await expect(db.commit([insert('a', '1'), insert('b', null)])).rejects.toThrow(/NOT NULL/);
    expect(await rows()).toEqual([]);
    await db.commit([insert('c', '3')]);
    expect(await rows()).toEqual([{ id: 'c', v: '3' }]);
  });

  it('lets commits sent together finish before it closes', async () => {
    const all = Array.from({ length: 50 }, (_, i) =>
      db.commit([insert(`k${String(i).padStart(2, '0')}`, 'x')]),
    );
    await Promise.all(all);
    expect(await rows()).toHaveLength(50);
  });
});

describe('SqliteDb reads, and single statements on its writer thread', () => {
  it('reads what the writer thread and the calling thread committed, in order', async () => {
    await db.run('INSERT INTO t (id, v) VALUES (?, ?)', ['a', '1']);
    await db.transaction((tx) => tx.run('INSERT INTO t (id, v) VALUES (?, ?)', ['b', '2']));
    await db.commit([insert('c', '3')]);
    expect(await rows()).toEqual([
      { id: 'a', v: '1' },
      { id: 'b', v: '2' },
      { id: 'c', v: '3' },
    ]);
  });

  it('answers a failing statement on the writer thread with its error', async () => {
    await expect(db.run('INSERT INTO t (id, v) VALUES (?, ?)', ['a', null])).rejects.toThrow(/NOT NULL/);
  });
});
