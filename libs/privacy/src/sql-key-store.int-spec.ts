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
});
