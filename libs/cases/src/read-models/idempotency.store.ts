import { Inject, Injectable } from '@nestjs/common';
import { READ_DB, type SqlDb } from '../sql/sql-db';

export interface StoredAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** First answers to commands sent with an Idempotency-Key, kept durably per actor and key. */
@Injectable()
export class IdempotencyStore {
  constructor(@Inject(READ_DB) private readonly db: SqlDb) {}

  async get(actorId: string, key: string): Promise<StoredAnswer | undefined> {
    const rows = await this.db.all<{ status: number; body: string }>(
      'SELECT status, body FROM tafel_idempotency WHERE actor_id = ? AND idem_key = ?',
      [actorId, key],
    );
    return rows[0] ? { status: Number(rows[0].status), body: JSON.parse(rows[0].body) } : undefined;
  }

  /** Keeps the first answer; a later one for the same key is ignored. */
  async put(actorId: string, key: string, answer: StoredAnswer, at: Date): Promise<void> {
    await this.db.run(
      `INSERT INTO tafel_idempotency (actor_id, idem_key, status, body, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (actor_id, idem_key) DO NOTHING`,
      [actorId, key, answer.status, JSON.stringify(answer.body), at.toISOString()],
    );
  }
}
