import type { LeaderElection } from './leader-election.port';

/** Work that only the leader may do. */
export interface LeaderWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeaderGateOptions {
  /** How often a standby campaigns and the leader checks its post (default 5 s). */
  roundMs?: number;
  log?: (message: string) => void;
}

/**
 * Runs `work` while this process leads: a round of the election now and every `roundMs`; the work
 * starts when the post is won and stops when it is lost (or the gate stops, which also resigns).
 * Rounds never overlap.
 */
export class LeaderGate {
  private running = false;
  private timer?: NodeJS.Timeout;
  private rounds: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly election: LeaderElection,
    private readonly work: LeaderWork,
    private readonly options: LeaderGateOptions = {},
  ) {
    election.onLost(() => void this.enqueue(() => this.follow(false)));
  }

  /** The first round (awaited), then one every `roundMs`. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.round();
    this.timer = setInterval(() => void this.round(), this.options.roundMs ?? 5_000);
    this.timer.unref();
  }

  /** One round of the election, then the work follows its outcome. */
  round(): Promise<void> {
    return this.enqueue(async () => this.follow(await this.election.campaign()));
  }

  get leading(): boolean {
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.enqueue(async () => {
      await this.follow(false);
      await this.election.resign();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.rounds = this.rounds
      .then(step)
      .catch((e: unknown) => this.options.log?.(`leader gate: ${String(e)}`));
    return this.rounds;
  }

  private async follow(leading: boolean): Promise<void> {
    if (leading && !this.running && !this.stopped) {
      this.running = true;
      this.options.log?.('leading: starting the worker');
      await this.work.start();
    } else if (!leading && this.running) {
      this.running = false;
      this.options.log?.('not leading: stopping the worker');
      await this.work.stop();
    }
  }
}
