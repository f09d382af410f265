import { METRICS, READ_DB, type SqlDb } from '@app/kernel';
import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock, type TafelConfig } from '@app/config';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { createReadSchema } from '@app/cases';
import { EncryptingEventStore, KEY_STORE, openKeyStore, type PersonKeyStore } from '@app/privacy';
import { LEADER_ELECTION, LeaseLeaderElection, type LeaderElection } from './leader';
import { PromMetrics } from './prom-metrics';
import { TimedEventStore } from './timed-event-store';
import { modeFixWarning, secureDataDir } from './data-dir';
import { keysDbOf, leaseDbOf, openEventStore, openSqlDb, readDbOf, sqlOpener } from './stores';

export const CONFIG = Symbol('CONFIG');
/** Resolved once the data directory is there and narrowed to its owner (`secureDataDir`). */
const PRIVATE_DATA_DIR = Symbol('PRIVATE_DATA_DIR');

function privateDataDir(config: TafelConfig): true {
  const fixes = secureDataDir(config);
  if (fixes.length > 0) new Logger('Files').warn(modeFixWarning(fixes));
  return true;
}

async function openReadDb(config: TafelConfig): Promise<SqlDb> {
  const db = await openSqlDb(readDbOf(config));
  await createReadSchema(db);
  return db;
}

async function openLeaderElection(config: TafelConfig, clock: Clock): Promise<LeaderElection> {
  if (config.readStore !== 'postgres')
    return new LeaseLeaderElection(await sqlOpener(leaseDbOf(config)), clock);
  const { PostgresLeaderElection } = await import('./leader/postgres-leader-election');
  return new PostgresLeaderElection(config.postgresUrl!);
}

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
        // A registry per application, never prom-client's global one.
        { provide: METRICS, useFactory: () => new PromMetrics() },
        // Before any file is opened: the data directory is its owner's only (0700, files 0600).
        { provide: PRIVATE_DATA_DIR, useFactory: () => privateDataDir(config) },
        // The key store opens first: a refused master key stops start-up before any store is open.
        {
          provide: KEY_STORE,
          useFactory: () => openKeyStore(() => openSqlDb(keysDbOf(config)), config, clock),
          inject: [PRIVATE_DATA_DIR],
        },
        { provide: RAW_EVENT_STORE, useFactory: () => openEventStore(config), inject: [KEY_STORE] },
        {
          provide: EVENT_STORE,
          useFactory: (raw: EventStore, keys: PersonKeyStore, metrics: PromMetrics) =>
            new TimedEventStore(new EncryptingEventStore(raw, keys), metrics),
          inject: [RAW_EVENT_STORE, KEY_STORE, METRICS],
        },
        { provide: READ_DB, useFactory: () => openReadDb(config), inject: [PRIVATE_DATA_DIR] },
        {
          provide: LEADER_ELECTION,
          useFactory: () => openLeaderElection(config, clock),
          inject: [PRIVATE_DATA_DIR],
        },
        Closer,
      ],
      exports: [CONFIG, CLOCK, METRICS, EVENT_STORE, RAW_EVENT_STORE, KEY_STORE, READ_DB, LEADER_ELECTION],
    };
  }
}
