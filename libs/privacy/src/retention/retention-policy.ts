/** A case that ended (closed, declined or withdrawn), and when. */
export interface EndedCase {
  caseId: string;
  /** ISO 8601. */
  endedAt: string;
}

/** When the term of a case that ended at `endedAt` has passed (ISO 8601). */
export function dueAtOf(endedAt: string, termMs: number): string {
  return new Date(Date.parse(endedAt) + termMs).toISOString();
}

/**
 * Whether the case's data is due for destruction at `now`: the term counts from the end, and a case
 * is due from the very moment its term has passed (`endedAt + term <= now`). The term is a fixed
 * number of milliseconds (days of 24 hours), so leap days and summer time change nothing.
 */
export function isDue(endedAt: string, termMs: number, now: Date): boolean {
  const ended = Date.parse(endedAt);
  return Number.isFinite(ended) && ended + termMs <= now.getTime();
}

/** The cases of `ended` whose term has passed at `now`, in the order given. */
export function dueCases<T extends EndedCase>(ended: readonly T[], termMs: number, now: Date): T[] {
  return ended.filter((c) => isDue(c.endedAt, termMs, now));
}

/** What the retention read model knows of a case: nothing (it has not ended), or its end and destruction. */
export interface RetentionRecord {
  endedAt: string;
  destroyedAt: string | null;
}

/**
 * Whether a case still needs the keys of its people at `now`: it has not ended, or it ended and its
 * term has not passed. A destroyed case, and one due now (destroyed in the same run), does not.
 */
export function isLive(record: RetentionRecord | undefined, termMs: number, now: Date): boolean {
  if (!record) return true;
  return record.destroyedAt === null && !isDue(record.endedAt, termMs, now);
}
