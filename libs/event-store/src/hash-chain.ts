import { createHash } from 'node:crypto';
import type { StoredEvent } from './event-store.port';

/** The fields of an event that its hash covers; position and recordedAt are the store's, not the event's. */
export type HashedFields = Pick<
  StoredEvent,
  'stream' | 'revision' | 'eventId' | 'type' | 'schemaVersion' | 'data' | 'metadata' | 'prevHash'
>;

export type ChainVerdict =
  | { valid: true; events: number; head: string | null }
  | {
      valid: false;
      events: number;
      head: string | null;
      firstInvalid: { revision: number; position: number; eventId: string; reason: ChainFault };
    };

export type ChainFault = 'hash-mismatch' | 'prev-hash-mismatch' | 'revision-gap' | 'stream-mismatch';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * Canonical encoding of an event: the JSON value of `{ stream, revision, eventId, type, schemaVersion,
 * data, metadata, prevHash }` as JSON itself would store it (so `undefined` members vanish, dates
 * become strings), with object keys sorted by UTF-16 code unit at every depth, serialised without
 * whitespace; missing `data` counts as `null`. Any store that keeps the JSON value of data and
 * metadata reproduces it byte for byte.
 */
export function canonicalEncoding(event: HashedFields): string {
  const { stream, revision, eventId, type, schemaVersion, data, metadata, prevHash } = event;
  const json: unknown = JSON.parse(
    JSON.stringify({ stream, revision, eventId, type, schemaVersion, data: data ?? null, metadata, prevHash }),
  );
  return JSON.stringify(sortKeys(json));
}

/** SHA-256 (lowercase hex) of the canonical encoding. */
export function hashEvent(event: HashedFields): string {
  return createHash('sha256').update(canonicalEncoding(event), 'utf8').digest('hex');
}

/**
 * Verifies the hash chain of one stream's events, given in revision order (a slice is fine: its first
 * `prevHash` is then taken on trust). Reports the first event whose hash, link or revision is wrong.
 */
export function verifyChain(events: StoredEvent[]): ChainVerdict {
  let head: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const prev = i > 0 ? events[i - 1] : undefined;
    const reason = faultOf(e, prev);
    if (reason) {
      const firstInvalid = { revision: e.revision, position: e.position, eventId: e.eventId, reason };
      return { valid: false, events: events.length, head, firstInvalid };
    }
    head = e.hash;
  }
  return { valid: true, events: events.length, head };
}

function faultOf(e: StoredEvent, prev: StoredEvent | undefined): ChainFault | undefined {
  if (prev && e.stream !== prev.stream) return 'stream-mismatch';
  if (prev ? e.revision !== prev.revision + 1 : e.revision < 0) return 'revision-gap';
  if (prev ? e.prevHash !== prev.hash : e.revision === 0 && e.prevHash !== null) return 'prev-hash-mismatch';
  if (hashEvent(e) !== e.hash) return 'hash-mismatch';
  return undefined;
}
