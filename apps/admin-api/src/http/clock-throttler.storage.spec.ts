import { ClockThrottlerStorage } from './clock-throttler.storage';

const MINUTE = 60_000;

describe('rate-limit storage timed by the clock', () => {
  let now: number;
  let storage: ClockThrottlerStorage;
  const hit = (key = 'token:a', limit = 3) => storage.increment(key, MINUTE, limit);
  beforeEach(() => {
    now = Date.parse('2026-03-02T09:00:00Z');
    storage = new ClockThrottlerStorage({ now: () => new Date(now) });
  });

  it('lets the limit through in a window and refuses the next, until the window ends', async () => {
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
    now += 20_000;
    expect(await hit()).toEqual({ totalHits: 4, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 40 });
    now += 39_500;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    now += 500;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts each key on its own', async () => {
    for (let i = 0; i < 4; i++) await hit('token:a');
    expect(await hit('token:b')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets ended windows', async () => {
    for (let i = 0; i < 999; i++) await hit(`ip:10.0.0.${i}`);
    now += MINUTE;
    await hit('token:a');
    expect((storage as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
