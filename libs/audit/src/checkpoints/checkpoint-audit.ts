import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '@app/event-store';
import { checkpointOf, keyIdOf, signatureHolds, type Checkpoint } from './checkpoint';
import { GENESIS_HEAD, nextHead } from './log-head';

export type CheckpointFaultReason =
  /** The head recomputed from the log differs from the signed one: the log before it changed. */
  | 'head-mismatch'
  /** The signature is not the given key's over this position, head and time. */
  | 'bad-signature'
  /** Signed by another key (`keyId` names it). */
  | 'other-key'
  /** A checkpoint event without the shape of one. */
  | 'malformed';

export interface CheckpointFault {
  position: number;
  signedAt?: string;
  keyId?: string;
  reason: CheckpointFaultReason;
  /** head-mismatch: the signed head and the one the log gives now. */
  signedHead?: string;
  logHead?: string;
}

/** What a checkpoint audit carries between pages (and, saved, between runs). */
export interface CheckpointAuditState {
  head: string;
  /** Index of the next checkpoint to judge (checkpoints are judged in position order). */
  next: number;
  coveredUpTo: number;
  faults: CheckpointFault[];
}

export interface CheckpointAuditSummary {
  valid: boolean;
  /** How many checkpoints were judged. */
  checkpoints: number;
  /** The last position a checkpoint that held covers (0: none). */
  coveredUpTo: number;
  /** In position order: the first is the first checkpoint that does not match. */
  faults: CheckpointFault[];
}

/** The checkpoints kept in the log (the checkpoints stream's events), and the ones without their shape. */
export function checkpointsIn(events: StoredEvent[]): {
  checkpoints: Checkpoint[];
  malformed: CheckpointFault[];
} {
  const checkpoints: Checkpoint[] = [];
  const malformed: CheckpointFault[] = [];
  for (const e of events) {
    const c = checkpointOf(e.data);
    if (c) checkpoints.push(c);
    else malformed.push({ position: e.position, reason: 'malformed' });
  }
  return { checkpoints: checkpoints.sort((a, b) => a.position - b.position), malformed };
}

/**
 * Recomputes the log's running head while the whole log streams past in position order, and holds
 * each signed checkpoint against it: the signature must be the public key's, and the head the log
 * gives after every event at or before the checkpoint's position must be the signed one. Catches
 * what the per-stream chains cannot: a rewritten event whose chain was re-hashed, a deleted stream,
 * a stream's tail cut off, an event taken out of the middle of a re-chained stream.
 */
export class CheckpointAudit {
  private head: string;
  private next: number;
  private readonly faults: CheckpointFault[];
  private coveredUpTo: number;
  private readonly keyId: string;

  constructor(
    private readonly checkpoints: readonly Checkpoint[],
    private readonly publicKey: KeyObject,
    from?: CheckpointAuditState,
  ) {
    this.keyId = keyIdOf(publicKey);
    this.head = from?.head ?? GENESIS_HEAD;
    this.next = from?.next ?? 0;
    this.faults = [...(from?.faults ?? [])];
    this.coveredUpTo = from?.coveredUpTo ?? 0;
  }

  /** Folds the next events of the log (in position order), judging each checkpoint they pass. */
  check(events: readonly StoredEvent[]): void {
    for (const e of events) {
      this.judgeBefore(e.position);
      this.head = nextHead(this.head, e);
    }
  }

  /** The log has ended: every checkpoint left covers exactly what is there. */
  finish(): void {
    this.judgeBefore(Infinity);
  }

  private judgeBefore(position: number): void {
    while (this.next < this.checkpoints.length && this.checkpoints[this.next].position < position)
      this.judge(this.checkpoints[this.next++]);
  }

  private judge(c: Checkpoint): void {
    const { position, signedAt, keyId } = c;
    if (keyId !== this.keyId) this.faults.push({ position, signedAt, keyId, reason: 'other-key' });
    else if (!signatureHolds(this.publicKey, c))
      this.faults.push({ position, signedAt, keyId, reason: 'bad-signature' });
    else if (c.head !== this.head)
      this.faults.push({
        position,
        signedAt,
        keyId,
        reason: 'head-mismatch',
        signedHead: c.head,
        logHead: this.head,
      });
    else this.coveredUpTo = position;
  }

  state(): CheckpointAuditState {
    return { head: this.head, next: this.next, coveredUpTo: this.coveredUpTo, faults: [...this.faults] };
  }

  summary(extraFaults: CheckpointFault[] = []): CheckpointAuditSummary {
    const faults = [...this.faults, ...extraFaults].sort((a, b) => a.position - b.position);
    return { valid: faults.length === 0, checkpoints: this.next, coveredUpTo: this.coveredUpTo, faults };
  }
}
