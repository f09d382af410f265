export { openPostgresEventStore, type PostgresEventStoreOptions } from './open-postgres-event-store';
export { PostgresEventStore } from './postgres-event-store';
export { migrate } from './migrations';
