import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { headPosition, walkLog } from '@app/audit';
import { foldFlowRows, researchCsv, type FlowRow } from '@app/cases';
import type { TafelConfig } from '@app/config';
import { readKeyFile, writeKeyFile, writePrivateFile } from '@app/kernel';
import { UsageError, allowFlags, flagValue, pageSizeOf } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT, type CliIo } from '../cli-io';
import { Progress } from '../progress';
import { fractionOf, rawStoreOf } from './command-context';

const RESEARCH_KEY_FILE = 'research.key';

/**
 * The research key: TAFEL_RESEARCH_KEY (base64, 32 bytes) when set, else `research.key` in the data
 * directory, created on first use (mode 0600). Never the master key.
 * @throws Error when the key is malformed or is the master key.
 */
function researchKey(config: TafelConfig, io: CliIo): Buffer {
  const file = join(config.dataDir, RESEARCH_KEY_FILE);
  const fromEnv = io.env.TAFEL_RESEARCH_KEY;
  if (!fromEnv && !existsSync(file)) {
    writeKeyFile(file, randomBytes(32));
    io.stderr.write(`Created the research key file ${file} (mode 0600): pseudonyms stay stable with it.\n`);
  }
  const key = fromEnv ? Buffer.from(fromEnv, 'base64') : readKeyFile(file);
  if (key.length !== 32) throw new Error('TAFEL_RESEARCH_KEY must be base64 of 32 bytes');
  const master = config.masterKey
    ? Buffer.from(config.masterKey, 'base64')
    : existsSync(config.masterKeyFile)
      ? readKeyFile(config.masterKeyFile)
      : undefined;
  if (master && key.equals(master)) throw new Error('the research key must not be the master key');
  return key;
}

/** A whole number ≥ 0 from `--until-position`, or `undefined`. @throws UsageError */
function untilOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new UsageError('--until-position must be a whole number');
  return Number(value);
}

/**
 * `research-export --out file.csv [--until-position N]`: one pseudonymised row per case, dates to the
 * day, no personal data; the same position and key always give the same bytes. File mode 0600.
 */
export const researchExportCommand: CliCommand = {
  check(args) {
    allowFlags(args, ['out', 'until-position', 'page-size']);
    if (args.positionals.length > 0) throw new UsageError('research-export takes no case id');
    if (!flagValue(args, 'out')) throw new UsageError('research-export needs --out file.csv');
    untilOf(flagValue(args, 'until-position'));
    pageSizeOf(args);
  },

  async run({ app, config, io, args }) {
    const out = resolve(flagValue(args, 'out')!);
    let key: Buffer;
    try {
      key = researchKey(config, io);
    } catch (e) {
      io.stderr.write(`tafel: research key refused: ${(e as Error).message}\n`);
      return EXIT.config;
    }
    const store = rawStoreOf({ app, config, io, args });
    const until = untilOf(flagValue(args, 'until-position')) ?? (await headPosition(store));
    const rows = new Map<string, FlowRow>();
    const progress = new Progress(io, 'research-export', 0);
    for await (const page of walkLog(store, { pageSize: pageSizeOf(args), signal: io.signal })) {
      const upTo = page.filter((e) => e.position <= until);
      foldFlowRows(rows, upTo);
      progress.update(fractionOf(Math.min(page[page.length - 1].position, until), 0, until), rows.size);
      if (upTo.length < page.length) break;
    }
    if (io.signal.aborted) {
      io.stderr.write('\nInterrupted; nothing written. Run the same command again.\n');
      return EXIT.interrupted;
    }
    const pseudonymOf = (caseId: string) => createHmac('sha256', key).update(caseId).digest('hex');
    writePrivateFile(out, researchCsv([...rows.values()], pseudonymOf));
    progress.finish(rows.size);
    io.stderr.write(`Exported ${rows.size} cases up to position ${until} to ${out}\n`);
    return EXIT.ok;
  },
};
