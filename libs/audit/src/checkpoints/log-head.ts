import { createHash } from 'node:crypto';
import type { StoredEvent } from '@app/event-store';

/** What the running head of the log covers of one event: where it stands and its own stored hash. */
export type HeadedEvent = Pick<StoredEvent, 'position' | 'stream' | 'revision' | 'hash'>;

/** The head of an empty log: 32 zero bytes, in hex. */
export const GENESIS_HEAD = '0'.repeat(64);

const u64 = (n: number): Buffer => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a position or revision: ${n}`);
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

/** A string as its UTF-8 bytes behind their length (4 bytes, big-endian): no two fields can run together. */
const text = (s: string): Buffer => {
  const bytes = Buffer.from(s, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/**
 * One step of the log's running head:
 * `head_n = SHA-256(head_{n-1} (32 bytes) ‖ position (u64 BE) ‖ len ‖ stream ‖ revision (u64 BE) ‖ len ‖ hash)`,
 * where `len` is a u32 BE byte count of the UTF-8 text after it and `hash` is the event's stored hash
 * as text (the per-stream chain's SHA-256 hex). Lowercase hex out. The head over the whole log in
 * position order binds every event's place, stream, revision and content (through its hash): a
 * rewritten, removed or reordered event anywhere changes every head after it.
 */
export function nextHead(head: string, event: HeadedEvent): string {
  if (!/^[0-9a-f]{64}$/.test(head)) throw new Error(`not a log head: ${head}`);
  return createHash('sha256')
    .update(Buffer.from(head, 'hex'))
    .update(u64(event.position))
    .update(text(event.stream))
    .update(u64(event.revision))
    .update(text(event.hash))
    .digest('hex');
}

/** The head after `events` (in position order), starting from `head`. */
export function foldHead(head: string, events: readonly HeadedEvent[]): string {
  return events.reduce(nextHead, head);
}
