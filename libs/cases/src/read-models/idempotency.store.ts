import { READ_DB, type SqlDb } from '@app/kernel';
import { Inject, Injectable } from '@nestjs/common';

export interface StoredAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A stored first answer and the request it answered (`null` for records kept before fingerprints). */
export interface FirstAnswer extends StoredAnswer {
  fingerprint: string | null;
}

/** First answers to commands sent with an Idempotency-Key, kept durably per actor and key. */
@Injectable()
export class IdempotencyStore {
  constructor(@Inject(READ_DB) private readonly db: SqlDb) {}

  async get(actorId: string, key: string): Promise<FirstAnswer | undefined> {
    const rows = await this.db.all<{ status: number; body: string; fingerprint: string | null }>(
      'SELECT status, body, fingerprint FROM tafel_idempotency WHERE actor_id = ? AND idem_key = ?',
      [actorId, key],
    );
    const row = rows[0];
    return row
      ? { status: Number(row.status), body: JSON.parse(row.body), fingerprint: row.fingerprint }
      : undefined;
  }

  /** Keeps the first answer, with the fingerprint of its request; a later one for the same key is ignored. */
  async put(
    actorId: string,
    key: string,
    fingerprint: string,
    answer: StoredAnswer,
    at: Date,
  ): Promise<void> {
    await this.db.run(
      `INSERT INTO tafel_idempotency (actor_id, idem_key, status, body, created_at, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (actor_id, idem_key) DO NOTHING`,
      [actorId, key, answer.status, JSON.stringify(answer.body), at.toISOString(), fingerprint],
    );
  }
}
