import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TafelConfig } from '@app/config';
import { CONFIG } from '@app/infrastructure';
import { runCli } from '../apps/cli/src/cli';
import { dumpReadModels } from '../apps/cli/src/testing/store-backdoor';
import { buildCase } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(E2E_STORES)('%s store: long CLI work interrupted and resumed', (store) => {
  let t: TestApp;
  const scratch = mkdtempSync(join(tmpdir(), 'tafel-export-'));
  let config: TafelConfig;

  /** Runs the CLI in this process; with `interrupt`, Ctrl-C arrives as soon as the first progress shows. */
  async function tafel(args: string[], interrupt = false): Promise<Run> {
    const signal = new AbortController();
    const out = { stdout: '', stderr: '' };
    const code = await runCli(args, {
      env: {
        TAFEL_DATA_DIR: t.dataDir,
        TAFEL_STORE: store,
        ...(config.postgresUrl ? { TAFEL_POSTGRES_URL: config.postgresUrl } : {}),
      },
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: {
        write: (s: string) => {
          out.stderr += s;
          if (interrupt && /%/.test(s)) signal.abort();
        },
      },
      signal: signal.signal,
    });
    return { code, ...out };
  }

  beforeAll(async () => {
    t = await startTestApp({ store });
    config = t.app.get<TafelConfig>(CONFIG);
    for (const stage of ['closed', 'scheduled', 'declined'] as const) await buildCase(t, stage);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('verify --all goes on where it stopped and reaches the verdict of an uninterrupted run', async () => {
    const stopped = await tafel(['verify', '--all', '--json', '--page-size', '4'], true);
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).toMatch(/Interrupted after position \d+/);
    const resumed = await tafel(['verify', '--all', '--json', '--page-size', '4']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming after position [1-9]\d* \(4 events checked before\)/);
    const fresh = await tafel(['verify', '--all', '--json']);
    expect(fresh.stderr).not.toMatch(/Resuming/);
    expect(JSON.parse(resumed.stdout)).toEqual(JSON.parse(fresh.stdout));
    expect(JSON.parse(fresh.stdout)).toMatchObject({ valid: true });
  });

  it.each(['ndjson', 'json'])(
    'export --all --format %s to a file resumes into the same bytes',
    async (format) => {
      const dir = mkdtempSync(join(scratch, format));
      const args = (file: string) => [
        'export',
        '--all',
        '--format',
        format,
        '--out',
        join(dir, file),
        '--page-size',
        '5',
      ];
      const stopped = await tafel(args('resumed'), true);
      expect(stopped.code).toBe(130);
      const resumed = await tafel(args('resumed'));
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toMatch(/Resuming after position [1-9]\d* \(5 events written before\)/);
      expect((await tafel(args('fresh'))).code).toBe(0);
      const bytes = readFileSync(join(dir, 'resumed'), 'utf8');
      expect(bytes).toEqual(readFileSync(join(dir, 'fresh'), 'utf8'));
      if (format === 'json') expect(JSON.parse(bytes).events.length).toBeGreaterThan(20);
    },
  );

  it('rebuild-projections goes on from the checkpoints instead of starting over', async () => {
    await caughtUp(t);
    const before = await dumpReadModels(config);
    const stopped = await tafel(['rebuild-projections'], true);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/Interrupted while rebuilding case-list/);
    const resumed = await tafel(['rebuild-projections']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming the rebuild of case-list/);
    expect(await dumpReadModels(config)).toEqual(before);
  });
});
