export { SqliteEventStore, openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
