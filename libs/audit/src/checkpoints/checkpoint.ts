import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The stream the signed checkpoints are kept in: not a case stream, so no projection reads it. */
export const CHECKPOINTS_STREAM = 'checkpoints';
export const CHECKPOINT_EVENT = 'LogCheckpointSigned';

/** A signed statement "the log's running head after every event up to `position` is `head`". */
export interface Checkpoint {
  /** The last position the head covers (every event at or before it, in position order). */
  position: number;
  /** `nextHead` folded over those events from `GENESIS_HEAD` (hex). */
  head: string;
  /** ISO 8601, from the injected clock; signed too. */
  signedAt: string;
  /** `keyIdOf` the signing key's public half. */
  keyId: string;
  /** Ed25519 over `checkpointMessage`, base64. */
  signature: string;
}

/**
 * The bytes a checkpoint's signature covers: UTF-8 of
 * `tafel-log-checkpoint/v1\n<position>\n<head>\n<signedAt>` (position in decimal, head in hex).
 */
export function checkpointMessage(c: Pick<Checkpoint, 'position' | 'head' | 'signedAt'>): Buffer {
  return Buffer.from(`tafel-log-checkpoint/v1\n${c.position}\n${c.head}\n${c.signedAt}`, 'utf8');
}

/** A short fingerprint of a public key: the first 16 hex digits of SHA-256 over its SPKI DER. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Signs a checkpoint with an Ed25519 private key. */
export function signCheckpoint(
  privateKey: KeyObject,
  at: Pick<Checkpoint, 'position' | 'head' | 'signedAt'>,
): Checkpoint {
  const { position, head, signedAt } = at;
  const signature = sign(null, checkpointMessage(at), privateKey).toString('base64');
  return { position, head, signedAt, keyId: keyIdOf(privateKey), signature };
}

/** Whether the checkpoint's signature is this public key's over its position, head and time. */
export function signatureHolds(publicKey: KeyObject, c: Checkpoint): boolean {
  try {
    return verify(null, checkpointMessage(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** A checkpoint as stored in the log (the event's data), or `undefined` when it has not that shape. */
export function checkpointOf(data: unknown): Checkpoint | undefined {
  const d = data as Partial<Checkpoint> | null;
  if (
    !d ||
    typeof d.position !== 'number' ||
    typeof d.head !== 'string' ||
    typeof d.signedAt !== 'string' ||
    typeof d.keyId !== 'string' ||
    typeof d.signature !== 'string'
  )
    return undefined;
  return { position: d.position, head: d.head, signedAt: d.signedAt, keyId: d.keyId, signature: d.signature };
}
