import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Installs a require hook that compiles `.ts` with swc, then requires the entry module. */
const BOOT = `
const fs = require('fs'), Module = require('module'), swc = require(process.argv[1]);
Module._extensions['.ts'] = (m, file) => {
  const { code } = swc.transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  m._compile(code, file);
};
require(process.argv[2]);
`;

export type ChildLine = Record<string, unknown> & { t: string };

/** A Node child process running a TypeScript module, speaking one JSON object per stdout line. */
export class TsChild {
  readonly lines: ChildLine[] = [];
  readonly exited: Promise<number | null>;
  private stderr = '';
  private readonly proc;
  private listeners: (() => void)[] = [];

  constructor(entry: string, arg: unknown) {
    this.proc = spawn(
      process.execPath,
      ['-e', BOOT, require.resolve('@swc/core'), entry, JSON.stringify(arg)],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      this.lines.push(JSON.parse(line) as ChildLine);
      this.listeners.forEach((l) => l());
    });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on('close', (code) => resolve(code)));
    void this.exited.then(() => this.listeners.forEach((l) => l()));
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  send(line: string): void {
    this.proc.stdin.write(line + '\n');
  }

  /** Bounded wait until `pred` holds over the lines so far; rejects with the child's stderr on exit or timeout. */
  waitFor(pred: (lines: ChildLine[]) => boolean, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      let done = false;
      const check = (): void => {
        if (done) return;
        if (pred(this.lines)) finish();
        else if (this.proc.exitCode !== null || this.proc.signalCode !== null)
          finish(new Error(`child exited: ${this.stderr}`));
      };
      const timer = setTimeout(() => finish(new Error(`child timed out: ${this.stderr}`)), timeoutMs);
      const finish = (err?: Error): void => {
        done = true;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        if (err) reject(err);
        else resolve();
      };
      this.listeners.push(check);
      check();
    });
  }

  /** `kill -9`, resolving once the process is gone. */
  async kill(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await this.exited;
  }
}
