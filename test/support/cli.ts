import type { Clock, TafelConfig } from '@app/config';
import { CONFIG } from '@app/infrastructure';
import { runCli } from '../../apps/cli/src/cli';
import type { TestApp } from './test-app';

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The `tafel` CLI run in this process on a configuration's data (its directory, store and
 * database), its output kept. `clock`: the CLI's (default the real one); `stdin`: what it reads.
 */
export async function runTafel(
  config: Pick<TafelConfig, 'dataDir' | 'store' | 'postgresUrl'>,
  argv: string[],
  options: { env?: Record<string, string>; clock?: Clock; stdin?: Buffer[] } = {},
): Promise<CliOutput> {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(
    argv,
    {
      env: {
        TAFEL_DATA_DIR: config.dataDir,
        TAFEL_STORE: config.store,
        ...(config.postgresUrl ? { TAFEL_POSTGRES_URL: config.postgresUrl } : {}),
        ...options.env,
      },
      stdin: options.stdin,
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      signal: new AbortController().signal,
    },
    options.clock,
  );
  return { code, ...out };
}

/** The CLI on a running test app's data. */
export const runTafelOn = (t: TestApp, argv: string[], env?: Record<string, string>): Promise<CliOutput> =>
  runTafel(t.app.get<TafelConfig>(CONFIG), argv, { env });
