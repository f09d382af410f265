import type { TafelConfig } from '@app/config';
import type { EventStore } from '@app/event-store';
import { makePrivateDir, type SqlDb } from '@app/kernel';
import { dirname } from 'node:path';

// Each driver is loaded on demand (`await import`), so a process loads only the drivers its
// configuration names: on SQLite, never `pg` or `@eventstore/db-client`.

/**
 * Where a SQL database lives: a SQLite file (its directory is created, mode 0700) or a PostgreSQL URL.
 * A `durable` SQLite file (what cannot be rebuilt from the log: the keys) commits with
 * `synchronous=FULL`, its `commit`s on a writer thread so their fsyncs never block the event loop.
 */
export type SqlTarget = { sqlite: string; durable?: boolean } | { postgres: string };

/**
 * Opens the configured event store.
 * @throws StoreUnavailable when it cannot be reached or opened.
 */
export async function openEventStore(config: TafelConfig): Promise<EventStore> {
  switch (config.store) {
    case 'sqlite': {
      makePrivateDir(dirname(config.sqlitePath));
      const { openSqliteEventStore } = await import('@app/event-store/sqlite');
      return openSqliteEventStore({ path: config.sqlitePath, writer: config.sqliteWriter });
    }
    case 'postgres': {
      const { openPostgresEventStore } = await import('@app/event-store/postgres');
      return openPostgresEventStore({ connectionString: config.postgresUrl! });
    }
    case 'eventstoredb': {
      const { openEventStoreDbEventStore } = await import('@app/event-store/eventstoredb');
      return openEventStoreDbEventStore({ connectionString: config.eventStoreUrl! });
    }
  }
}

/** A function that opens a SQL database at `target` (the driver is loaded once, before it is returned). */
export async function sqlOpener(target: SqlTarget): Promise<() => SqlDb> {
  if ('postgres' in target) {
    const { PostgresDb } = await import('@app/kernel/postgres');
    return () => new PostgresDb(target.postgres);
  }
  const { SqliteDb } = await import('@app/kernel/sqlite');
  return () => {
    makePrivateDir(dirname(target.sqlite));
    return new SqliteDb(target.sqlite, target.durable ? { synchronous: 'FULL', commitOnThread: true } : {});
  };
}

/** Opens a SQL database at `target`. */
export async function openSqlDb(target: SqlTarget): Promise<SqlDb> {
  return (await sqlOpener(target))();
}

/** The read models' database: PostgreSQL, or a SQLite file beside the events. */
export const readDbOf = (config: TafelConfig): SqlTarget =>
  config.readStore === 'postgres' ? { postgres: config.postgresUrl! } : { sqlite: config.readSqlitePath };

/**
 * The key store's database: beside the events (a SQLite file of its own next to the event store's,
 * or the PostgreSQL database); with EventStoreDB, the read-side PostgreSQL database or that file.
 */
export function keysDbOf(config: TafelConfig): SqlTarget {
  const postgres =
    config.store === 'postgres' || (config.store === 'eventstoredb' && config.readStore === 'postgres');
  return postgres ? { postgres: config.postgresUrl! } : { sqlite: config.keysSqlitePath, durable: true };
}

/** The worker's lease lives in a file of its own: it is not a read model, and is not rebuilt from the log. */
export const leaseDbOf = (config: TafelConfig): { sqlite: string } => ({
  sqlite: config.readSqlitePath.replace(/(-read)?(\.db)?$/, '-leader.db'),
});
