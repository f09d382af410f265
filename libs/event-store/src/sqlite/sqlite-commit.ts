import type { Database } from 'better-sqlite3';
import { DuplicateEventId, ExpectedRevisionConflict } from '../errors';
import type { AppendResult } from '../event-store.port';
import { writeAppend, type AppendRequest } from './sqlite-append-batch';
import { prepareStatements } from './sqlite-schema';

/** An append's outcome as plain data, so it can cross from the writer thread. */
export type AppendOutcome =
  | { ok: true; result: AppendResult }
  | { ok: false; conflict: { stream: string; expected: AppendRequest['expected']; actual: number } }
  | { ok: false; duplicate: { stream: string; eventIds: string[] } };

/**
 * Commits a batch of appends in one `BEGIN IMMEDIATE` transaction (one fsync). Each append is checked
 * on its own and a refused one writes nothing; any other error rolls the whole batch back and throws.
 */
export function batchCommitter(db: Database): (batch: AppendRequest[]) => AppendOutcome[] {
  const statements = prepareStatements(db);
  const tx = db.transaction((batch: AppendRequest[]) => {
    const recordedAt = new Date().toISOString();
    return batch.map((p): AppendOutcome => {
      try {
        return { ok: true, result: writeAppend(statements, p, recordedAt) };
      } catch (e) {
        if (e instanceof ExpectedRevisionConflict) {
          return { ok: false, conflict: { stream: e.stream, expected: e.expected, actual: e.actual } };
        }
        if (e instanceof DuplicateEventId)
          return { ok: false, duplicate: { stream: e.stream, eventIds: e.eventIds } };
        throw e;
      }
    });
  });
  return (batch) => tx.immediate(batch);
}

/** The result, or the store's own error, of an outcome. */
export function settle(outcome: AppendOutcome): AppendResult {
  if (outcome.ok) return outcome.result;
  if ('conflict' in outcome) {
    const { stream, expected, actual } = outcome.conflict;
    throw new ExpectedRevisionConflict(stream, expected, actual);
  }
  throw new DuplicateEventId(outcome.duplicate.stream, outcome.duplicate.eventIds);
}
