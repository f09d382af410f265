export { EventStoreDbEventStore } from './eventstoredb-event-store';
export { openEventStoreDbEventStore, type EventStoreDbOptions } from './open-eventstoredb-event-store';
export { StreamNaming, TAFEL_STREAM_PREFIXES } from './stream-naming';
