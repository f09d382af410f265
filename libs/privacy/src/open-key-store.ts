import { PostgresDb, SqliteDb, type SqlDb } from '@app/kernel';
import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock, TafelConfig } from '@app/config';
import { resolveMasterKey } from './master-key';
import { SqlKeyStore } from './sql-key-store';

/**
 * The key store's database: beside the events (a SQLite file of its own next to the event store's,
 * or the PostgreSQL database); with EventStoreDB, the read-side PostgreSQL database or that file.
 */
export async function keyStoreDbOf(config: TafelConfig): Promise<SqlDb> {
  const postgres =
    config.store === 'postgres' || (config.store === 'eventstoredb' && config.readStore === 'postgres');
  if (postgres) return new PostgresDb(config.postgresUrl!);
  mkdirSync(dirname(config.keysSqlitePath), { recursive: true });
  const db = new SqliteDb(config.keysSqlitePath);
  await db.run('PRAGMA synchronous = FULL'); // keys are not rebuildable like read models
  return db;
}

/**
 * Opens the key store with the configured master key.
 * @throws MasterKeyRefused when the master key is not the one the stored keys were wrapped with.
 */
export async function openKeyStore(config: TafelConfig, clock: Clock): Promise<SqlKeyStore> {
  const logger = new Logger('Privacy');
  const master = resolveMasterKey(config, (m) => logger.log(m));
  return SqlKeyStore.open(await keyStoreDbOf(config), master.key, clock, master.source);
}
