import type { StoredEvent } from '@app/event-store';

/** One archived event: everything needed to check its hash again without the store. */
export interface ExportRecord {
  stream: string;
  revision: number;
  position: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: StoredEvent['metadata'];
  recordedAt: string;
  hash: string;
  prevHash: string | null;
}

/** The archive form of an event, fields in a fixed order. */
export function exportRecord(e: StoredEvent): ExportRecord {
  return {
    stream: e.stream,
    revision: e.revision,
    position: e.position,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}
