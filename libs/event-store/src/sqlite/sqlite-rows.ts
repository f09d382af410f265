import type { EventMetadata, NewEvent, StoredEvent } from '../event-store.port';
import type { EventRow } from './sqlite-schema';

/** An event as it will be written: JSON already made, so a bad payload fails its own append only. */
export interface PreparedEvent {
  event: NewEvent;
  data: string;
  metadata: string;
  occurredAt: number | null;
}

export function prepareEvent(event: NewEvent): PreparedEvent {
  const occurredAt = Date.parse(event.metadata?.occurredAt);
  return {
    event,
    data: JSON.stringify(event.data ?? null),
    metadata: JSON.stringify(event.metadata),
    occurredAt: Number.isNaN(occurredAt) ? null : occurredAt,
  };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
