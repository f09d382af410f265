import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A personal value as stored: AES-256-GCM under the key of person `p`. */
export interface Envelope {
  $enc: 'v1';
  /** The person whose key encrypts it. */
  p: string;
  iv: string;
  ct: string;
  tag: string;
}

export const KEY_BYTES = 32;

export function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && (value as { $enc?: unknown }).$enc === 'v1';
}

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
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

/** Encrypts one value (any JSON) for `personId`; the person id is bound in as associated data. */
export function sealValue(value: unknown, personId: string, key: Buffer): Envelope {
  const { iv, ct, tag } = seal(Buffer.from(JSON.stringify(value)), key, personId);
  return {
    $enc: 'v1',
    p: personId,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: tag.toString('base64'),
  };
}

/** @throws Error when `key` does not open the envelope. */
export function openValue(envelope: Envelope, key: Buffer): unknown {
  const b = (s: string) => Buffer.from(s, 'base64');
  const plain = open(b(envelope.iv), b(envelope.ct), b(envelope.tag), key, envelope.p);
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
