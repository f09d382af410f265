/** Retry limits for transient failures (SMTP 4xx, no connection). */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts in all, the first included; after the last one the message fails for good. */
  maxAttempts: number;
}

/**
 * More than a day of retries at least (30 s doubling to 1 h, equal jitter; 60 attempts: 26.5 h at
 * least, 53 h at most): an SMTP server down for a day loses nothing.
 */
export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 60 };

/**
 * Delay before the next attempt after `attempts` failed ones: exponential, capped, with equal jitter
 * (half fixed, half random), so dispatchers that failed together do not retry together.
 */
export function retryDelay(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
