import { redactPersonal, type SqlDb } from '@app/kernel';

/** A row of the schedule as the dispatcher sees it. */
export interface MessageRow {
  message_key: string;
  case_id: string;
  kind: string;
  participant_id: string;
  due_at: string;
  attempts: number;
  next_attempt_at: string;
}

const AVAILABLE = `status = 'due' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)`;

/**
 * The dispatcher's side of the schedule. A claim is one atomic UPDATE … RETURNING that sets the
 * claimant and a lease: two dispatchers (processes or instances) never hold the same row, and a
 * dispatcher that dies loses its claims when the lease runs out.
 */
export class MessageRows {
  constructor(private readonly db: SqlDb) {}

  /** Each write is its own transaction: on SQLite it then never lands inside a projection's batch. */
  private write(sql: string, params: unknown[]): Promise<void> {
    return this.db.transaction((tx) => tx.run(sql, params));
  }

  /** Claims up to `limit` messages due at `now` for `owner` until `leaseUntil`. */
  async claim(owner: string, now: string, leaseUntil: string, limit: number): Promise<MessageRow[]> {
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.transaction((tx) =>
      tx.all<MessageRow>(
        `UPDATE tafel_messages SET claimed_by = ?, lease_until = ?
       WHERE message_key IN (
         SELECT message_key FROM tafel_messages WHERE ${AVAILABLE}
         ORDER BY next_attempt_at, message_key LIMIT ?${lock})
       AND ${AVAILABLE}
       RETURNING message_key, case_id, kind, participant_id, due_at, attempts, next_attempt_at`,
        [owner, leaseUntil, now, now, limit, now, now],
      ),
    );
    return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
  }

  /** Extends the claim right before sending; false when it was lost (the lease ran out and another took it). */
  async renew(key: string, owner: string, leaseUntil: string): Promise<boolean> {
    const rows = await this.db.transaction((tx) =>
      tx.all<{ message_key: string }>(
        `UPDATE tafel_messages SET lease_until = ? WHERE message_key = ? AND claimed_by = ? AND status = 'due'
       RETURNING message_key`,
        [leaseUntil, key, owner],
      ),
    );
    return rows.length === 1;
  }

  /** The outcome is recorded in the case stream: the row is done (the projection says the same later). */
  async finish(key: string, status: 'sent' | 'failed', attempts: number): Promise<void> {
    await this.write(
      `UPDATE tafel_messages SET status = ?, attempts = ?, claimed_by = NULL, lease_until = NULL
       WHERE message_key = ?`,
      [status, attempts, key],
    );
  }

  /** A transient failure: try again from `nextAttemptAt`, and let go of the claim. `error` is stored redacted. */
  async retryLater(key: string, owner: string, attempts: number, nextAttemptAt: string, error: string) {
    await this.write(
      `UPDATE tafel_messages SET attempts = ?, next_attempt_at = ?, last_error = ?, claimed_by = NULL,
         lease_until = NULL WHERE message_key = ? AND claimed_by = ?`,
      [attempts, nextAttemptAt, redactPersonal(error), key, owner],
    );
  }

  /** No longer called for (the case moved on since the projection planned it). */
  async drop(key: string): Promise<void> {
    await this.write(`DELETE FROM tafel_messages WHERE message_key = ? AND status = 'due'`, [key]);
  }

  /** Retry state per message of one case, for the staff view. */
  async ofCase(caseId: string) {
    return this.db.all<{
      message_key: string;
      attempts: number;
      next_attempt_at: string;
      last_error: string | null;
    }>(
      `SELECT message_key, attempts, next_attempt_at, last_error FROM tafel_messages WHERE case_id = ? AND status = 'due'`,
      [caseId],
    );
  }
}
