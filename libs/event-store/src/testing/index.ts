export { describeEventStoreContract } from './event-store.contract';
export type { ContractFactory, ContractHandle } from './contract.types';
export { newEvent, newEvents, settle, subscribeUntil, written } from './contract.fixtures';
export { TsChild } from './ts-child';
export { wrapEventStore, type StoreHooks } from './wrap-event-store';
export {
  TEST_POSTGRES_URL,
  createTestDatabase,
  onTestServer,
  startPrivatePostgres,
  type PrivatePostgres,
  testDatabaseUrl,
  type TestDatabase,
} from './test-postgres';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory-event-store';
export { InMemoryLog } from './in-memory-log';
