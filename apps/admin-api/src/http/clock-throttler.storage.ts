import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Clock } from '@app/config';

interface Window {
  hits: number;
  endsAt: number;
}

const SWEEP_EVERY = 1_000;
const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * Fixed windows per key in this process's memory, timed by the injected clock. A key over its limit
 * stays refused until its window ends, so `Retry-After` says exactly when it may go on.
 */
export class ClockThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private calls = 0;

  constructor(private readonly clock: Clock) {}

  async increment(key: string, ttl: number, limit: number) {
    const now = this.clock.now().getTime();
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, window);
    }
    window.hits++;
    const isBlocked = window.hits > limit;
    const left = seconds(window.endsAt - now);
    return { totalHits: window.hits, timeToExpire: left, isBlocked, timeToBlockExpire: isBlocked ? left : 0 };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
