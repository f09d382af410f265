import { relative } from 'node:path';
import type { TafelConfig } from '@app/config';
import { describeModeFixes, makePrivateDir, narrowModes, narrowSqliteFiles, type ModeFix } from '@app/kernel';
import { leaseDbOf } from './stores';

const inside = (dir: string, path: string) => {
  const r = relative(dir, path);
  return r !== '' && !r.startsWith('..');
};

/**
 * At start-up, before any store opens: the data directory exists with mode 0700, and it and
 * everything in it (databases, keys, tokens, outbox, CLI progress) is narrowed to 0700/0600 where it
 * is wider. SQLite files configured outside it (`TAFEL_SQLITE_PATH`) are narrowed file by file, not
 * their directory. Answers what was changed, to warn about once.
 */
export function secureDataDir(config: TafelConfig): ModeFix[] {
  makePrivateDir(config.dataDir);
  const fixes = narrowModes(config.dataDir);
  const elsewhere = [
    ...(config.store === 'sqlite' ? [config.sqlitePath, config.keysSqlitePath] : []),
    ...(config.readStore === 'sqlite' ? [config.readSqlitePath, leaseDbOf(config).sqlite] : []),
  ].filter((file) => !inside(config.dataDir, file));
  for (const file of new Set(elsewhere)) fixes.push(...narrowSqliteFiles(file));
  return fixes;
}

/** The warning for what `secureDataDir` changed: modes and counts, never a file's name or contents. */
export const modeFixWarning = (fixes: ModeFix[]): string =>
  `Narrowed file modes in the data directory to owner only: ${describeModeFixes(fixes)}`;
