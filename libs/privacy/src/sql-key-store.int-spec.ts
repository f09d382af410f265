import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDb } from '@app/kernel/sqlite';
import { wrapKey } from './field-crypto';
import { MasterKeyRefused } from './privacy-errors';
import { SqlKeyStore } from './sql-key-store';

describe('the key store at start-up (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-keys-'));
  const clock = { now: () => new Date('2026-03-02T09:00:00Z') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a master key that fits the check value but not the person keys, naming no person', async () => {
    const file = join(dir, 'keys.db');
    const master = randomBytes(32);
    const people = Array.from({ length: 5 }, () => randomUUID());
    const store = await SqlKeyStore.open(new SqliteDb(file), master, clock, 'TAFEL_MASTER_KEY');
    await store.keysOf(people, { create: true });
    await store.close();

    const reopened = await SqlKeyStore.open(new SqliteDb(file), master, clock, 'TAFEL_MASTER_KEY');
    expect([...(await reopened.keysOf(people)).values()].every((k) => k?.length === 32)).toBe(true);
    await reopened.close();

    // The check value stays under `master`; the person keys go under another master key.
    const other = randomBytes(32);
    const raw = new SqliteDb(file);
    for (const id of people)
      await raw.run('UPDATE tafel_person_keys SET wrapped_key = ? WHERE person_id = ?', [
        wrapKey(randomBytes(32), id, other),
        id,
      ]);
    await raw.close();

    const refused = SqlKeyStore.open(new SqliteDb(file), master, clock, 'TAFEL_MASTER_KEY');
    await expect(refused).rejects.toBeInstanceOf(MasterKeyRefused);
    const message = await refused.catch((e: Error) => e.message);
    expect(message).toMatch(/does not open the key store/);
    for (const id of people) expect(message).not.toContain(id);
  });

  it('a process whose master key was rotated under it stops sealing instead of storing [verwijderd]', async () => {
    const file = join(dir, 'rotated.db');
    const [old, next] = [randomBytes(32), randomBytes(32)];
    const [known, fresh] = [randomUUID(), randomUUID()];
    const running = await SqlKeyStore.open(new SqliteDb(file), old, clock, 'TAFEL_MASTER_KEY');
    await running.keysOf([known], { create: true });
    const rotating = await SqlKeyStore.open(new SqliteDb(file), old, clock, 'TAFEL_MASTER_KEY');
    await rotating.rewrap(next);
    await rotating.close();

    // Sealing needs the key of someone known (wrapped under the new key now) or a new key: refused.
    await expect(running.keysOf([known], { create: true })).rejects.toBeInstanceOf(MasterKeyRefused);
    await expect(running.keysOf([fresh], { create: true })).rejects.toBeInstanceOf(MasterKeyRefused);
    // Reading still answers (as no key), and no key was made under the old master key.
    expect((await running.keysOf([known])).get(known)).toBeNull();
    await running.close();
    const restarted = await SqlKeyStore.open(new SqliteDb(file), next, clock, 'TAFEL_MASTER_KEY');
    expect(await restarted.statusOf(fresh)).toBe('unknown');
    expect((await restarted.keysOf([known])).get(known)?.length).toBe(32);
    await restarted.close();
  });
});

describe('the key cache of each process (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-keys-cache-'));
  const clock = { now: () => new Date('2026-03-02T09:00:00Z') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never hands out a key another process erased, from the moment that erasure committed', async () => {
    const file = join(dir, 'keys.db');
    const master = randomBytes(32);
    const open = () =>
      SqlKeyStore.open(new SqliteDb(file, { synchronous: 'FULL', commitOnThread: true }), master, clock, 'k');
    const [api, cli] = [await open(), await open()];
    const [anna, bert] = [randomUUID(), randomUUID()];
    const first = await api.keysOf([anna, bert], { create: true });
    expect((await api.keysOf([anna])).get(anna)).toEqual(first.get(anna)); // cached

    await cli.erase(anna, clock.now());
    const after = await api.keysOf([anna, bert], { create: true });
    expect(after.get(anna)).toBeNull();
    expect(after.get(bert)).toEqual(first.get(bert));
    expect(await api.statusOf(anna)).toBe('erased');
    await Promise.all([api.close(), cli.close()]);
  });

  it('reads the epoch only after someone committed, shares that read, and still sees an erasure made meanwhile', async () => {
    const file = join(dir, 'shared.db');
    const db = new SqliteDb(file, { synchronous: 'FULL', commitOnThread: true });
    const master = randomBytes(32);
    const store = await SqlKeyStore.open(db, master, clock, 'k');
    const eraser = await SqlKeyStore.open(new SqliteDb(file), master, clock, 'k');
    const people = Array.from({ length: 5 }, () => randomUUID());
    await store.keysOf(people, { create: true });
    let epochReads = 0;
    const all = db.all.bind(db);
    db.all = (sql: string, params?: unknown[]) => {
      if (sql.includes('tafel_key_check')) epochReads++;
      return all(sql, params);
    };
    const lookups = await Promise.all(Array.from({ length: 50 }, () => store.keysOf(people)));
    expect(lookups.every((keys) => [...keys.values()].every((k) => k?.length === 32))).toBe(true);
    expect(epochReads).toBeLessThanOrEqual(2);
    // Nobody committed since: lookups one after another read nothing at all.
    epochReads = 0;
    for (let i = 0; i < 20; i++) await store.keysOf(people);
    expect(epochReads).toBe(0);

    const inFlight = store.keysOf(people);
    await eraser.erase(people[0], clock.now());
    const after = await store.keysOf(people);
    expect(after.get(people[0])).toBeNull();
    await inFlight;
    await Promise.all([store.close(), eraser.close()]);
  });

  it('reads the key of someone it has cached without reading their row again', async () => {
    const file = join(dir, 'reads.db');
    const store = await SqlKeyStore.open(new SqliteDb(file), randomBytes(32), clock, 'k');
    const people = Array.from({ length: 30 }, () => randomUUID());
    await store.keysOf(people, { create: true });
    // The rows are gone underneath (as if moved): the cache still answers, the epoch has not moved.
    const raw = new SqliteDb(file);
    await raw.run('DELETE FROM tafel_person_keys');
    await raw.close();
    expect([...(await store.keysOf(people)).values()].every((k) => k?.length === 32)).toBe(true);
    await store.close();
  });
});
