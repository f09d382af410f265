import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/config';
import { RETENTION_SETTINGS, RetentionService, type RetentionSettings } from './retention.service';

const DAY_MS = 86_400_000;

/**
 * The leader's daily retention run (a loop of the worker's part, like the checkpoint signer): every
 * `roundMs` of real time it looks at the injected clock, and runs `RetentionService.run()` when a day
 * has passed since the last run that succeeded in this process (the first, one round after it starts
 * to lead). A
 * failed run is logged, without any personal data, and tried again at the next round.
 */
@Injectable()
export class RetentionJob {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private lastRun?: number;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly retention: RetentionService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
  ) {}

  start(): void {
    this.stopped = false;
    this.lastRun = undefined;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick().finally(() => this.schedule());
    }, this.settings.roundMs ?? 60_000);
    this.timer.unref();
  }

  /** One round: runs retention when a day has passed on the clock since the last good run. */
  async tick(): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.lastRun !== undefined && now - this.lastRun < DAY_MS) return;
    try {
      const run = await this.retention.run();
      this.lastRun = now;
      if (run.destroyed.length > 0)
        this.logger.log(`retention destroyed the data of ${run.destroyed.length} case(s)`);
    } catch (e) {
      // The error's kind and code only: a driver's message could hold values.
      const { name, code } = e as { name?: string; code?: string };
      this.logger.error(`retention run failed (trying again): ${name ?? 'Error'}${code ? ` ${code}` : ''}`);
    }
  }
}
