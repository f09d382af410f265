import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RAW_EVENT_STORE, verifyChain, type EventStore } from '@app/event-store';
import { CaseApi, assignBody, buildCase } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { startTestApp, type TestApp } from './support/test-app';

const SIZE = '2m';

/** Mounts a small tmpfs; throws (never skips) with the reason when this machine does not allow it. */
function mountTmpfs(dir: string): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    const reason = (e as { stderr?: Buffer }).stderr?.toString().trim() || String(e);
    throw new Error(`disk-full fault test cannot run: mount -t tmpfs failed here (${reason}); it needs root`);
  }
}

/** Writes into `path` until the disk is full; answers the bytes written. */
function fill(path: string): number {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (const size of [1 << 16, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

function integrity(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } finally {
    db.close();
  }
}

/**
 * The SQLite data directory on a small tmpfs that the test fills: steps taken on a full disk, then
 * the filler deleted.
 */
describe('fault: disk full on the data directory (sqlite store)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tafel-full-'));
  let mounted = false;
  let t: TestApp | undefined;

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    if (mounted) execFileSync('umount', [dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with nothing half-written while full, and recovers once space returns', async () => {
    mountTmpfs(dataDir);
    mounted = true;
    t = await startTestApp({ store: 'sqlite', env: { TAFEL_DATA_DIR: dataDir } });
    const api = new CaseApi(t, 'admin');
    const cases = [await buildCase(t, 'preparing'), await buildCase(t, 'preparing')];
    await caughtUp(t);
    const store = t.app.get<EventStore>(RAW_EVENT_STORE);
    const logOf = (id: string) => store.read(`case-${id}`);
    // Each step hands a case to the other coordinator (the same one again would be refused).
    const coordinators = cases.map(() => 'coord-1');
    const reassign = async (i: number) => {
      const next =
        coordinators[i] === 'coord-1' ? { coordinatorId: 'coord-2', name: 'Kees Coördinator' } : {};
      const res = await api.assign(cases[i].id, assignBody({ ...next, reason: 'Ziek' }));
      if (res.status === 200) coordinators[i] = coordinators[i] === 'coord-1' ? 'coord-2' : 'coord-1';
      return res;
    };

    const filler = join(dataDir, 'filler');
    const filled = fill(filler);
    const statuses: Record<string, number> = {};
    const leaks: string[] = [];
    let acknowledged = 0;
    const before = await Promise.all(cases.map(async (c) => (await logOf(c.id)).length));
    for (let i = 0; i < 20; i++) {
      const res = await reassign(i % cases.length);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 200) acknowledged++;
      else if (res.status === 503) {
        const text = JSON.stringify(res.body);
        if (
          !/^application\/problem\+json/.test(res.headers['content-type'] ?? '') ||
          /SQLITE|ENOSPC|full/i.test(text)
        )
          leaks.push(text);
      }
    }
    expect(t.app.get<EventStore>(RAW_EVENT_STORE).alive()).toBe(true);
    const during = await Promise.all(cases.map(async (c) => (await logOf(c.id)).length));
    // Nothing half-written: what was answered 2xx is in the log, a 503 left nothing.
    const unacknowledgedWritten = during.reduce((a, n, i) => a + n - before[i], 0) - acknowledged;
    expect(leaks).toEqual([]);
    expect(Object.keys(statuses).sort()).toEqual(expect.arrayContaining(['503']));
    expect(Object.keys(statuses).every((s) => s === '200' || s === '503')).toBe(true);
    expect(unacknowledgedWritten).toBe(0);

    // Space returns.
    rmSync(filler);
    let after = 0;
    for (let i = 0; i < 6; i++) {
      const res = await reassign(i % cases.length);
      expect([res.status, res.body.code]).toEqual([200, undefined]);
      after++;
    }
    await caughtUp(t);

    const logs = await Promise.all(cases.map((c) => logOf(c.id)));
    const lost =
      before.reduce((a, n) => a + n, 0) + acknowledged + after - logs.reduce((a, l) => a + l.length, 0);
    for (const [i, c] of cases.entries()) {
      expect(verifyChain(logs[i]).valid).toBe(true);
      const read = await api.read(c.id);
      expect(read.body.revision).toBe(logs[i][logs[i].length - 1].revision);
    }
    for (const file of ['tafel.db', 'tafel-read.db']) expect(integrity(join(dataDir, file))).toEqual([]);
    console.log(
      `fault: disk full (${SIZE} tmpfs, filler ${filled} bytes) — 20 steps while full answered ` +
        `${JSON.stringify(statuses)}, half-written ${unacknowledgedWritten}; appended ${acknowledged} while full + ` +
        `${after} after, lost ${lost}, duplicated 0`,
    );
    expect(lost).toBe(0);
  }, 120_000);
});
