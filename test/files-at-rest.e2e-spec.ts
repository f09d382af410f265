import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { RAW_EVENT_STORE } from '@app/event-store';
import { READ_DB, type SqlDb } from '@app/kernel';
import { KEY_STORE } from '@app/privacy';
import { runCliProcess } from '../apps/cli/src/testing/cli-process';
import { buildCase } from './support/case-builder';
import { dispatchRound } from './support/caught-up';
import { startTestApp, type TestApp } from './support/test-app';

/** Every directory and file under `root`, with its mode (links are not followed). */
function walk(root: string): { path: string; dir: boolean; mode: number }[] {
  const out: { path: string; dir: boolean; mode: number }[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    out.push({ path: relative(root, path) || '.', dir: stat.isDirectory(), mode: stat.mode & 0o777 });
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return out;
}

const octal = (mode: number) => mode.toString(8).padStart(4, '0');
/** Entries whose mode is not owner-only: directories 0700, files 0600. */
const wider = (root: string) =>
  walk(root)
    .filter((e) => e.mode !== (e.dir ? 0o700 : 0o600))
    .map((e) => `${e.path} ${octal(e.mode)}`);

describe('files at rest on the embedded store: owner only, deleted bytes zeroed', () => {
  let t: TestApp;
  // The usual default umask: the modes must hold without the entry points' umask 077.
  const umask = process.umask(0o022);
  const warn = jest.spyOn(Logger.prototype, 'warn');

  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite' });
    await buildCase(t, 'scheduled');
    await buildCase(t, 'scheduled', { kind: 'family' });
    expect((await dispatchRound(t)).sent).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t?.close();
    warn.mockRestore();
    process.umask(umask);
  });

  it('keeps every directory 0700 and every file 0600: databases with their -wal and -shm, keys, tokens, outbox, export', async () => {
    // Before the CLI runs (its start-up would narrow what the app left wider).
    expect(wider(t.dataDir)).toEqual([]);
    // Outside the data directory, over a file that was there with 0644: the export itself is 0600.
    const scratch = mkdtempSync(join(tmpdir(), 'tafel-export-modes-'));
    const out = join(scratch, 'all.ndjson');
    writeFileSync(out, 'old', { mode: 0o644 });
    const run = await runCliProcess(['export', '--all', '--out', out], {
      TAFEL_DATA_DIR: t.dataDir,
      TAFEL_STORE: 'sqlite',
    });
    expect(run.code).toBe(0);
    const names = walk(t.dataDir).map((e) => e.path);
    // What this walk must have seen to mean anything (the app is still running: WAL and SHM are there).
    for (const db of ['tafel.db', 'tafel-read.db', 'tafel-keys.db'])
      expect(names).toEqual(expect.arrayContaining([db, `${db}-wal`, `${db}-shm`]));
    expect(names).toEqual(
      expect.arrayContaining(['tokens.json', 'master.key', 'link.key', 'outbox', 'cli-progress']),
    );
    expect(names.filter((n) => n.startsWith('outbox/') && n.endsWith('.eml')).length).toBeGreaterThan(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\{/);
    expect(lstatSync(out).mode & 0o777).toBe(0o600);
    rmSync(scratch, { recursive: true, force: true });
    expect(wider(t.dataDir)).toEqual([]);
  });

  it('runs every SQLite connection it holds with secure_delete on, so an erased row leaves only zeros', async () => {
    const read = t.app.get<SqlDb>(READ_DB);
    const keys = (t.app.get(KEY_STORE) as unknown as { db: SqlDb }).db;
    const events = (t.app.get(RAW_EVENT_STORE) as unknown as { db: Database.Database }).db;
    expect(await read.all('PRAGMA secure_delete')).toEqual([{ secure_delete: 1 }]);
    expect(await keys.all('PRAGMA secure_delete')).toEqual([{ secure_delete: 1 }]);
    expect(events.pragma('secure_delete', { simple: true })).toBe(1);

    // The effect, on the read file: a row deleted and checkpointed is not in the file's bytes.
    const marker = 'anna.de.vries@example.nl-' + 'x'.repeat(40);
    await read.run('CREATE TABLE probe_secure_delete (text TEXT)');
    await read.run('INSERT INTO probe_secure_delete (text) VALUES (?)', [marker]);
    await read.run('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = join(t.dataDir, 'tafel-read.db');
    expect(readFileSync(file).includes(marker)).toBe(true);
    await read.run('DELETE FROM probe_secure_delete');
    await read.run('DROP TABLE probe_secure_delete');
    await read.run('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(readFileSync(file).includes(marker)).toBe(false);
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).includes(marker) : false).toBe(false);
  });

  it('narrows a data directory made with wider modes at start-up, and warns once without a file name', async () => {
    const eml = walk(t.dataDir).find((e) => e.path.endsWith('.eml'))!.path;
    chmodSync(t.dataDir, 0o755);
    chmodSync(join(t.dataDir, 'outbox'), 0o755);
    for (const file of ['tafel.db', 'tokens.json', eml]) chmodSync(join(t.dataDir, file), 0o644);
    warn.mockClear();
    await t.restart();
    expect(wider(t.dataDir)).toEqual([]);
    const warnings = warn.mock.calls.map((call) => String(call[0])).filter((m) => /file modes/.test(m));
    expect(warnings).toEqual([
      'Narrowed file modes in the data directory to owner only: 2 directories 0755 → 0700, 3 files 0644 → 0600',
    ]);
    expect(warnings[0]).not.toContain(t.dataDir);
  });
});
