import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock, type TafelConfig } from '@app/config';
import { EVENT_STORE, openPostgresEventStore, openSqliteEventStore, type EventStore } from '@app/event-store';
import { FAULTS, PostgresDb, READ_DB, SqliteDb, createReadSchema, noFaults, type SqlDb } from '@app/cases';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const CONFIG = Symbol('CONFIG');

async function openEventStore(config: TafelConfig): Promise<EventStore> {
  switch (config.store) {
    case 'sqlite':
      mkdirSync(dirname(config.sqlitePath), { recursive: true });
      return openSqliteEventStore({ path: config.sqlitePath });
    case 'postgres':
      return openPostgresEventStore({ connectionString: config.postgresUrl! });
    case 'eventstoredb':
      throw new Error(
        'TAFEL_STORE=eventstoredb: the EventStoreDB adapter is not available in this build yet',
      );
  }
}

async function openReadDb(config: TafelConfig): Promise<SqlDb> {
  const db =
    config.store === 'postgres' ? new PostgresDb(config.postgresUrl!) : new SqliteDb(config.readSqlitePath);
  await createReadSchema(db);
  return db;
}

class Closer implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DB) private readonly db: SqlDb,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close().catch((e) => new Logger('Shutdown').error(String(e)));
    await this.store.close().catch((e) => new Logger('Shutdown').error(String(e)));
  }
}

/** The edge: configuration, clock, the event store and the read-side database, chosen by configuration. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: TafelConfig, clock: Clock): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: FAULTS, useFactory: noFaults },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        { provide: READ_DB, useFactory: () => openReadDb(config) },
        Closer,
      ],
      exports: [CONFIG, CLOCK, FAULTS, EVENT_STORE, READ_DB],
    };
  }
}
