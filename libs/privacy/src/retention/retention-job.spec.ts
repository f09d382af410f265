import { Logger } from '@nestjs/common';
import { RetentionJob } from './retention-job';
import type { RetentionRun, RetentionService } from './retention.service';

const HOUR = 3_600_000;

describe("the leader's daily retention job", () => {
  let t = Date.parse('2046-03-10T03:00:00.000Z');
  const clock = { now: () => new Date(t) };
  let failures = 0;
  const runs: string[] = [];
  const service = {
    run: async (): Promise<RetentionRun> => {
      runs.push(new Date(t).toISOString());
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error('connect ECONNREFUSED, the case of Fatima'), { code: 'ECONNREFUSED' });
      }
      return { at: new Date(t).toISOString(), dryRun: false, due: [], destroyed: [] };
    },
  } as unknown as RetentionService;
  const errors: string[] = [];

  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
  });
  afterAll(() => jest.restoreAllMocks());

  it('runs at the first round, then once a day by the injected clock', async () => {
    const job = new RetentionJob(service, clock, { termMs: 1, roundMs: 60_000 });
    await job.tick();
    t += 23 * HOUR;
    await job.tick();
    expect(runs).toEqual(['2046-03-10T03:00:00.000Z']);
    t += HOUR;
    await job.tick();
    await job.tick();
    expect(runs).toEqual(['2046-03-10T03:00:00.000Z', '2046-03-11T03:00:00.000Z']);
  });

  it('logs a failed run without its message and tries again at the next round', async () => {
    runs.length = 0;
    const job = new RetentionJob(service, clock, { termMs: 1, roundMs: 60_000 });
    failures = 1;
    await job.tick();
    expect(errors).toEqual(['retention run failed (trying again): Error ECONNREFUSED']);
    t += 60_000;
    await job.tick(); // the retry
    t += HOUR;
    await job.tick(); // done for today
    expect(runs).toHaveLength(2);
  });

  it('starts and stops with the leader', async () => {
    const job = new RetentionJob(service, clock, { termMs: 1, roundMs: 60_000 });
    job.start();
    await job.stop();
  });
});
