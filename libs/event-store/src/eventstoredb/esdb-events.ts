import { createHash } from 'node:crypto';
import { jsonEvent, type EventData, type JSONType, type RecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store.port';
import { hashEvent } from '../hash-chain';
import { toPortPosition } from './esdb-positions';

/** What Tafel keeps in an EventStoreDB event's metadata besides its own envelope metadata. */
export interface TafelEnvelope {
  eventId: string;
  schemaVersion: number;
  prevHash: string | null;
  hash: string;
}

/** The JSON metadata of an EventStoreDB event written by Tafel. */
export interface EsdbMetadata {
  $correlationId?: string;
  $causationId?: string;
  tafel: TafelEnvelope;
  metadata: EventMetadata;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** EventStoreDB wants a UUID: Tafel's id when it is one, else a UUID derived from it. */
export function esdbEventId(eventId: string): string {
  if (UUID.test(eventId)) return eventId;
  const h = createHash('sha256').update(eventId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The EventStoreDB event for `event` at `revision` of `stream`, chained onto `prevHash`. */
export function toEventData(
  stream: string,
  event: NewEvent,
  revision: number,
  prevHash: string | null,
): { data: EventData; hash: string } {
  const hash = hashEvent({ ...event, stream, revision, prevHash });
  const { correlationId, causationId } = event.metadata;
  const metadata: EsdbMetadata = {
    ...(typeof correlationId === 'string' ? { $correlationId: correlationId } : {}),
    ...(typeof causationId === 'string' ? { $causationId: causationId } : {}),
    tafel: { eventId: event.eventId, schemaVersion: event.schemaVersion, prevHash, hash },
    metadata: event.metadata,
  };
  const data = jsonEvent({
    id: esdbEventId(event.eventId),
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata,
  });
  return { data, hash };
}

/** Hashes a batch onto the stream's head; returns the events and the new head hash. */
export function toEventBatch(
  stream: string,
  events: NewEvent[],
  head: { revision: number; hash: string | null },
): { batch: EventData[]; lastHash: string | null } {
  let prevHash = head.hash;
  const batch = events.map((e, i) => {
    const { data, hash } = toEventData(stream, e, head.revision + 1 + i, prevHash);
    prevHash = hash;
    return data;
  });
  return { batch, lastHash: prevHash };
}

/**
 * The port's view of an EventStoreDB event written by Tafel; `stream` is Tafel's name for its stream.
 * @throws Error when the event carries no Tafel envelope or no position (server older than 22.6).
 */
export function fromRecorded(recorded: RecordedEvent, stream: string): StoredEvent {
  const meta = recorded.metadata as Partial<EsdbMetadata> | undefined;
  if (!recorded.isJson || !meta?.tafel || !meta.metadata) {
    throw new Error(`eventstoredb: ${recorded.streamId}@${recorded.revision} was not written by Tafel`);
  }
  if (!recorded.position) {
    throw new Error('eventstoredb: the server sends no event positions (EventStoreDB 22.6 or later needed)');
  }
  return {
    eventId: meta.tafel.eventId,
    type: recorded.type,
    schemaVersion: meta.tafel.schemaVersion,
    data: recorded.data,
    metadata: meta.metadata,
    stream,
    revision: Number(recorded.revision),
    position: toPortPosition(recorded.position),
    recordedAt: recorded.created.toISOString(),
    prevHash: meta.tafel.prevHash,
    hash: meta.tafel.hash,
  };
}
