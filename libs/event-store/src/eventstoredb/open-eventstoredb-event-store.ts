import { EventStoreDBClient } from '@eventstore/db-client';
import { unavailable } from './esdb-errors';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { StreamNaming, TAFEL_STREAM_PREFIXES } from './stream-naming';

export interface EventStoreDbOptions {
  /** e.g. `esdb://127.0.0.1:2113?tls=false`, or `esdb+discover://...` for a cluster. */
  connectionString: string;
  /** Put in front of every stream name (default none); tests use one per store. */
  namespace?: string;
  /** The streams `readAll` and `subscribe` see (default TAFEL_STREAM_PREFIXES; tests of the store contract only). */
  streamPrefixes?: string[];
  /** Deadline of each call (default 10 s). */
  deadlineMs?: number;
}

/**
 * Opens the EventStoreDB event store (no Nest needed). The client connects lazily: an unreachable
 * server shows as `StoreUnavailable` on the first call.
 * @throws StoreUnavailable when the connection string is not valid.
 */
export async function openEventStoreDbEventStore(
  options: EventStoreDbOptions,
): Promise<EventStoreDbEventStore> {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(options.connectionString);
  } catch (e) {
    throw unavailable('open', e);
  }
  const naming = new StreamNaming(options.namespace ?? '', options.streamPrefixes ?? TAFEL_STREAM_PREFIXES);
  return new EventStoreDbEventStore(client, naming, options.deadlineMs ?? 10_000);
}
