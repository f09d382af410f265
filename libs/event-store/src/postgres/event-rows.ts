import { hashEvent } from '../hash-chain';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store.port';
import type { StreamHead } from './head-cache';

export const EVENT_COLUMNS =
  'position, stream, revision, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

export interface EventRow {
  position: string;
  stream: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
  prev_hash: string | null;
  hash: string;
}

export function toStoredEvent(r: EventRow): StoredEvent {
  return {
    eventId: r.event_id,
    type: r.type,
    schemaVersion: r.schema_version,
    data: r.data,
    metadata: r.metadata,
    stream: r.stream,
    revision: r.revision,
    position: Number(r.position),
    recordedAt: r.recorded_at.toISOString(),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The JSON `tafel_append` takes: one object per event, hashed onto `head`; returns it and the new head hash. */
export function encodeAppend(
  stream: string,
  events: NewEvent[],
  head: StreamHead,
): { json: string; lastHash: string } {
  let prevHash = head.hash;
  const rows = events.map((e, i) => {
    const hash = hashEvent({ ...e, stream, revision: head.revision + 1 + i, prevHash });
    const row = {
      t: e.type,
      v: e.schemaVersion,
      d: e.data,
      m: e.metadata,
      o: occurredAt(e),
      p: prevHash,
      h: hash,
    };
    prevHash = hash;
    return row;
  });
  return { json: JSON.stringify(rows), lastHash: prevHash as string };
}

function occurredAt(e: NewEvent): string | null {
  const t = Date.parse(e.metadata?.occurredAt);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
