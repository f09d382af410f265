import { PostgresDb, READ_DB, SqliteDb, type SqlDb } from '@app/kernel';
import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock, type TafelConfig } from '@app/config';
import {
  EVENT_STORE,
  RAW_EVENT_STORE,
  openEventStoreDbEventStore,
  openPostgresEventStore,
  openSqliteEventStore,
  type EventStore,
} from '@app/event-store';
import { createReadSchema } from '@app/cases';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EncryptingEventStore, KEY_STORE, openKeyStore, type PersonKeyStore } from '@app/privacy';
import { LEADER_ELECTION, LeaseLeaderElection, PostgresLeaderElection, type LeaderElection } from './leader';

export const CONFIG = Symbol('CONFIG');

async function openEventStore(config: TafelConfig): Promise<EventStore> {
  switch (config.store) {
    case 'sqlite':
      mkdirSync(dirname(config.sqlitePath), { recursive: true });
      return openSqliteEventStore({ path: config.sqlitePath, writer: config.sqliteWriter });
    case 'postgres':
      return openPostgresEventStore({ connectionString: config.postgresUrl! });
    case 'eventstoredb':
      return openEventStoreDbEventStore({ connectionString: config.eventStoreUrl! });
  }
}

async function openReadDb(config: TafelConfig): Promise<SqlDb> {
  if (config.readStore === 'sqlite') mkdirSync(dirname(config.readSqlitePath), { recursive: true });
  const db =
    config.readStore === 'postgres'
      ? new PostgresDb(config.postgresUrl!)
      : new SqliteDb(config.readSqlitePath);
  await createReadSchema(db);
  return db;
}

/** The worker's lease lives in a file of its own: it is not a read model, and is not rebuilt from the log. */
const leaseFileOf = (config: TafelConfig): string =>
  config.readSqlitePath.replace(/(-read)?(\.db)?$/, '-leader.db');

class Closer implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DB) private readonly db: SqlDb,
    @Inject(KEY_STORE) private readonly keys: PersonKeyStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close().catch((e) => new Logger('Shutdown').error(String(e)));
    await this.store.close().catch((e) => new Logger('Shutdown').error(String(e)));
    await this.keys.close().catch((e) => new Logger('Shutdown').error(String(e)));
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
        // The key store opens first: a refused master key stops start-up before any store is open.
        { provide: KEY_STORE, useFactory: () => openKeyStore(config, clock) },
        { provide: RAW_EVENT_STORE, useFactory: () => openEventStore(config), inject: [KEY_STORE] },
        {
          provide: EVENT_STORE,
          useFactory: (raw: EventStore, keys: PersonKeyStore) => new EncryptingEventStore(raw, keys),
          inject: [RAW_EVENT_STORE, KEY_STORE],
        },
        { provide: READ_DB, useFactory: () => openReadDb(config) },
        {
          provide: LEADER_ELECTION,
          useFactory: (): LeaderElection =>
            config.readStore === 'postgres'
              ? new PostgresLeaderElection(config.postgresUrl!)
              : new LeaseLeaderElection(() => new SqliteDb(leaseFileOf(config)), clock),
        },
        Closer,
      ],
      exports: [CONFIG, CLOCK, EVENT_STORE, RAW_EVENT_STORE, KEY_STORE, READ_DB, LEADER_ELECTION],
    };
  }
}
