import type { CliIo } from './cli-io';

const REDRAW_MS = 100;
const PLAIN_STEP = 10;
const WIDTH = 24;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.ceil(ms / 1000);
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m${s % 60}s`
      : `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

/**
 * Progress of long work on stderr: a redrawn bar (count, rate, time left) when stderr is a terminal,
 * otherwise one plain line per 10%. `fraction` is how far along the work is; `count` what was done.
 */
export class Progress {
  private readonly now: () => number;
  private readonly started: number;
  private lastDraw = -Infinity;
  private lastStep = -1;
  private done = 0;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
    /** Already done before this run (a resumed run): not counted in the rate. */
    private readonly countBefore = 0,
  ) {
    this.now = io.now ?? Date.now;
    this.started = this.now();
  }

  update(fraction: number, count: number): void {
    this.done = Math.min(Math.max(fraction, 0), 1);
    const tty = this.io.stderr.isTTY === true;
    const at = this.now();
    if (tty) {
      if (at - this.lastDraw < REDRAW_MS && this.done < 1) return;
      this.lastDraw = at;
      this.io.stderr.write(`\r${this.line(count, at)}\x1b[K`);
      return;
    }
    const step = Math.floor((this.done * 100) / PLAIN_STEP);
    if (step === this.lastStep) return;
    this.lastStep = step;
    this.io.stderr.write(`${this.line(count, at)}\n`);
  }

  /** Ends the bar's line (a terminal keeps the last drawing). */
  finish(count: number): void {
    this.update(1, count);
    if (this.io.stderr.isTTY === true) this.io.stderr.write('\n');
  }

  private line(count: number, at: number): string {
    const pct = Math.floor(this.done * 100);
    const elapsed = Math.max(at - this.started, 1);
    const rate = ((count - this.countBefore) * 1000) / elapsed;
    const left = this.done > 0 ? (elapsed * (1 - this.done)) / this.done : Infinity;
    const filled = Math.round(this.done * WIDTH);
    const bar = this.io.stderr.isTTY === true ? `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ` : '';
    return `${this.label} ${bar}${String(pct).padStart(3)}%  ${fmt(count)} events  ${fmt(rate)} events/s  ${duration(left)} left`;
  }
}
