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

/** `JSON.stringify` with object keys sorted: same omissions (undefined, functions), same `toJSON` calls. */
function canonicalJson(value: unknown): string | undefined {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined;
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = canonicalJson((value as Record<string, unknown>)[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * Canonical encoding of an event: the JSON of `{ stream, revision, eventId, type, schemaVersion,
 * data, metadata, prevHash }` exactly as `JSON.stringify` would write it (so `undefined` members
 * vanish, dates become strings), except that object keys are sorted by UTF-16 code unit at every
 * depth; no whitespace; missing `data` counts as `null`. Any store that keeps the JSON value of data
 * and metadata reproduces it byte for byte.
 */
export function canonicalEncoding(event: HashedFields): string {
  const { stream, revision, eventId, type, schemaVersion, data, metadata, prevHash } = event;
  return canonicalJson({
    stream,
    revision,
    eventId,
    type,
    schemaVersion,
    data: data ?? null,
    metadata,
    prevHash,
  }) as string;
}

/** SHA-256 (lowercase hex) of the canonical encoding. */
export function hashEvent(event: HashedFields): string {
  return createHash('sha256').update(canonicalEncoding(event), 'utf8').digest('hex');
}

/**
 * Verifies the hash chain of one stream's events, given in revision order (a slice is fine: its first
 * `prevHash` is then taken on trust). Reports the first event whose hash, link or revision is wrong.
 * With `wholeStream`, nothing is taken on trust: the first event must be revision 0 with no previous
 * hash, so a deleted head of the stream shows (`revision-gap`).
 */
export function verifyChain(events: StoredEvent[], options: { wholeStream?: boolean } = {}): ChainVerdict {
  let head: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const prev = i > 0 ? events[i - 1] : undefined;
    const reason = !prev && options.wholeStream && e.revision !== 0 ? 'revision-gap' : faultOf(e, prev);
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
