import { Inject, Injectable } from '@nestjs/common';
import { READ_DB, type SqlDb } from '@app/kernel';
import type { StepRefusal } from '../steps/step-outcome';

/**
 * What became of a command sent with an Idempotency-Key, as references: the request's fingerprint,
 * the command id and case, and either the refusal or where its events are. A retry rebuilds its
 * answer from the stream, so no personal data is kept here.
 */
export interface StepRecord {
  fingerprint: string;
  commandId: string;
  caseId: string;
  outcome: { refusal: StepRefusal } | { revision: number; eventIds: string[] };
}

/** First outcomes of keyed commands, kept durably per actor and key. */
@Injectable()
export class StepOutcomes {
  constructor(@Inject(READ_DB) private readonly db: SqlDb) {}

  async get(actorId: string, key: string): Promise<StepRecord | undefined> {
    const rows = await this.db.all<{
      fingerprint: string;
      command_id: string;
      case_id: string;
      outcome: string;
    }>(
      `SELECT fingerprint, command_id, case_id, outcome FROM tafel_step_outcomes
       WHERE actor_id = ? AND idem_key = ?`,
      [actorId, key],
    );
    const row = rows[0];
    return row
      ? {
          fingerprint: row.fingerprint,
          commandId: row.command_id,
          caseId: row.case_id,
          outcome: JSON.parse(row.outcome) as StepRecord['outcome'],
        }
      : undefined;
  }

  /** Keeps the first outcome for this key; a later one is ignored. */
  async put(actorId: string, key: string, record: StepRecord, at: Date): Promise<void> {
    await this.db.run(
      `INSERT INTO tafel_step_outcomes (actor_id, idem_key, fingerprint, command_id, case_id, outcome, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (actor_id, idem_key) DO NOTHING`,
      [
        actorId,
        key,
        record.fingerprint,
        record.commandId,
        record.caseId,
        JSON.stringify(record.outcome),
        at.toISOString(),
      ],
    );
  }
}
