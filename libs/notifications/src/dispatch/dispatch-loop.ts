import { Logger } from '@nestjs/common';
import type { MessageDispatcher } from './message-dispatcher';

/**
 * Runs a dispatch round every interval (real time; what is due is judged by the injected clock).
 * A round that fails is logged (counts and codes only, never addresses) and the next one tries again.
 */
export class DispatchLoop {
  private readonly logger = new Logger('Dispatcher');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly dispatcher: MessageDispatcher,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    try {
      const r = await this.dispatcher.dispatchDue();
      if (r.claimed > 0)
        this.logger.log(
          `messages: ${r.sent} sent, ${r.retried} to retry, ${r.failed} failed, ${r.cancelled} cancelled`,
        );
    } catch (e) {
      this.logger.error(
        `dispatch round failed: ${(e as Error).name}: ${(e as { code?: string }).code ?? ''}`,
      );
    }
  }

  /** Stops the timer and waits for a round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
