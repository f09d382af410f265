import type { SqlDb } from '@app/kernel';
import { Logger } from '@nestjs/common';
import type { Clock, TafelConfig } from '@app/config';
import { resolveMasterKey } from './master-key';
import { SqlKeyStore } from './sql-key-store';

/**
 * Resolves the configured master key, then opens the key store on the database `openDb` gives
 * (which the key store then owns).
 * @throws MasterKeyRefused when the master key is not the one the stored keys were wrapped with.
 */
export async function openKeyStore(
  openDb: () => Promise<SqlDb>,
  config: TafelConfig,
  clock: Clock,
): Promise<SqlKeyStore> {
  const logger = new Logger('Privacy');
  const master = resolveMasterKey(config, (m) => logger.log(m));
  const db = await openDb();
  if (db.dialect === 'sqlite') await db.run('PRAGMA synchronous = FULL'); // keys are not rebuildable like read models
  return SqlKeyStore.open(db, master.key, clock, master.source);
}
