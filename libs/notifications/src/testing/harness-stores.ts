import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, type Clock, type TafelConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { openPostgresEventStore } from '@app/event-store/postgres';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import { READ_DB, type SqlDb } from '@app/kernel';
import { PostgresDb } from '@app/kernel/postgres';
import { SqliteDb } from '@app/kernel/sqlite';
import { createReadSchema } from '@app/cases';

async function openStore(config: TafelConfig): Promise<EventStore> {
  if (config.store === 'postgres') return openPostgresEventStore({ connectionString: config.postgresUrl! });
  return openSqliteEventStore({ path: config.sqlitePath });
}

async function openReadDb(config: TafelConfig): Promise<SqlDb> {
  const db =
    config.readStore === 'postgres'
      ? new PostgresDb(config.postgresUrl!)
      : new SqliteDb(config.readSqlitePath);
  await createReadSchema(db);
  return db;
}

/**
 * What the notifications expect from the process (see `CasesModule`), opened for a test: the
 * configured event store (SQLite or PostgreSQL, without the encrypting decorator), the read
 * database and the clock. The harness closes the stores itself.
 */
@Global()
@Module({})
export class HarnessStores {
  static forRoot(config: TafelConfig, clock: Clock): DynamicModule {
    return {
      module: HarnessStores,
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: EVENT_STORE, useFactory: () => openStore(config) },
        { provide: READ_DB, useFactory: () => openReadDb(config) },
      ],
      exports: [CLOCK, EVENT_STORE, READ_DB],
    };
  }
}
