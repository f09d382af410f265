/**
 * The machine's fsync rate: what every durable figure here is bound by. 4 KiB written and
 * `fdatasync`ed, again and again for 3 s, in a file in the temporary directory (where the benches keep
 * their stores); printed beside the runs in the README, because it drifts between runs and days.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ScenarioResult } from './bench.types';

async function run(): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-fsync-'));
  const fd = openSync(join(dir, 'f'), 'w');
  const page = Buffer.alloc(4096, 1);
  try {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < 3000) {
      writeSync(fd, page, 0, page.length, (n % 256) * page.length);
      fdatasyncSync(fd);
      n++;
    }
    const perSecond = Math.round(n / ((performance.now() - start) / 1000));
    return {
      scenario: 'machine.fsync',
      fsyncsPerSecond: perSecond,
      summary: `${perSecond} fdatasyncs/s (4 KiB writes)`,
    };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenarios = [{ name: 'machine.fsync', run }];
