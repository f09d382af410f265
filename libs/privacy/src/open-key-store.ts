import { existsSync } from 'node:fs';
import { readKeyFile, removeDurably, renameDurably, type SqlDb } from '@app/kernel';
import { Logger } from '@nestjs/common';
import type { Clock, TafelConfig } from '@app/config';
import { previousKeyFile, resolveMasterKey } from './master-key';
import { MasterKeyRefused } from './privacy-errors';
import { SqlKeyStore } from './sql-key-store';

/**
 * Resolves the configured master key, then opens the key store on the database `openDb` gives
 * (which the key store then owns). With the embedded key file, finishes a rotation that was cut
 * short (see `rotate-master-key`): while `master.key.old` exists, whichever of the two files opens
 * the store is kept, and the other removed.
 * @throws MasterKeyRefused when the master key is not the one the stored keys were wrapped with.
 */
export async function openKeyStore(
  openDb: () => Promise<SqlDb>,
  config: TafelConfig,
  clock: Clock,
): Promise<SqlKeyStore> {
  const logger = new Logger('Privacy');
  const master = resolveMasterKey(config, (m) => logger.log(m));
  const open = async (key: Buffer, source: string) => {
    const db = await openDb();
    if (db.dialect === 'sqlite') await db.run('PRAGMA synchronous = FULL'); // keys are not rebuildable like read models
    return SqlKeyStore.open(db, key, clock, source);
  };
  const previous = previousKeyFile(config.masterKeyFile);
  if (config.masterKey || !existsSync(previous)) return open(master.key, master.source);
  try {
    const store = await open(master.key, master.source);
    removeDurably(previous); // the rotation committed: the old key opens nothing any more
    logger.log(`A master key rotation had committed: removed ${previous}.`);
    return store;
  } catch (e) {
    if (!(e instanceof MasterKeyRefused)) throw e;
    // The new key file was in place but the re-wrap never committed: the old key still opens the store.
    const store = await open(readKeyFile(previous), previous);
    renameDurably(previous, config.masterKeyFile);
    logger.log(
      `A master key rotation did not commit: put the previous key back in ${config.masterKeyFile}. ` +
        'Run rotate-master-key again.',
    );
    return store;
  }
}
