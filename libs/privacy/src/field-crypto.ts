import { isSealed } from '@app/workflow';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Version 1 (no longer written; still read): AES-256-GCM under person `p`'s key, `p` as associated data. */
export interface EnvelopeV1 {
  $enc: 'v1';
  /** The person whose key encrypts it. */
  p: string;
  iv: string;
  ct: string;
  tag: string;
}

/**
 * A sealed value as stored: AES-256-GCM under key `k` (a person's id, or a case's `case:<id>`), bound
 * to its place in the log — stream `s`, event `e`, field path `f` — by using all four as associated
 * data, so it cannot be moved to another field, event or case and still open.
 */
export interface EnvelopeV2 {
  $enc: 'v2';
  k: string;
  s: string;
  e: string;
  f: string;
  iv: string;
  ct: string;
  tag: string;
}

export type Envelope = EnvelopeV1 | EnvelopeV2;

/** Where a value is sealed: under which key, in which stream, event and field. */
export interface Place {
  keyId: string;
  stream: string;
  eventId: string;
  path: string;
}

export const KEY_BYTES = 32;

/** A sealed value (see `isSealed`) of a version this library opens. */
export function isEnvelope(value: unknown): value is Envelope {
  if (!isSealed(value)) return false;
  const version = (value as { $enc: string }).$enc;
  return version === 'v2' || version === 'v1';
}

/** The id of the key an envelope needs. */
export const keyIdOf = (envelope: Envelope): string => (envelope.$enc === 'v2' ? envelope.k : envelope.p);

/** The place a version 2 envelope was sealed for; a version 1 envelope names only its person. */
export const placeOf = (envelope: EnvelopeV2): Place => ({
  keyId: envelope.k,
  stream: envelope.s,
  eventId: envelope.e,
  path: envelope.f,
});

const placeAad = (place: Place): string => `${place.keyId}\n${place.stream}\n${place.eventId}\n${place.path}`;

export const newKey = (): Buffer => randomBytes(KEY_BYTES);

function seal(plain: Buffer, key: Buffer, aad: string): { iv: Buffer; ct: Buffer; tag: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

/** @throws Error when the key is wrong or the bytes were changed. */
function open(iv: Buffer, ct: Buffer, tag: Buffer, key: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

/** Encrypts one value (any JSON) for its place; the place is bound in as associated data. */
export function sealValue(value: unknown, place: Place, key: Buffer): EnvelopeV2 {
  const { iv, ct, tag } = seal(Buffer.from(JSON.stringify(value)), key, placeAad(place));
  return {
    $enc: 'v2',
    k: place.keyId,
    s: place.stream,
    e: place.eventId,
    f: place.path,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: tag.toString('base64'),
  };
}

/** @throws Error when `key` does not open the envelope, or its labels or bytes were changed. */
export function openValue(envelope: Envelope, key: Buffer): unknown {
  const b = (s: string) => Buffer.from(s, 'base64');
  const aad = envelope.$enc === 'v2' ? placeAad(placeOf(envelope)) : envelope.p;
  const plain = open(b(envelope.iv), b(envelope.ct), b(envelope.tag), key, aad);
  return JSON.parse(plain.toString());
}

/** A person key wrapped by the master key, as one base64 text (iv · tag · ciphertext). */
export function wrapKey(key: Buffer, personId: string, master: Buffer): string {
  const { iv, ct, tag } = seal(key, master, `key:${personId}`);
  return Buffer.concat([iv, tag, ct]).toString('base64');
}

/** @throws Error when `master` is not the key that wrapped it. */
export function unwrapKey(wrapped: string, personId: string, master: Buffer): Buffer {
  const bytes = Buffer.from(wrapped, 'base64');
  return open(bytes.subarray(0, 12), bytes.subarray(28), bytes.subarray(12, 28), master, `key:${personId}`);
}
