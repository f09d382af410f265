import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreUnavailable } from '../errors';
import type { AppendRequest } from './sqlite-append-batch';
import type Database from 'better-sqlite3';
import { batchCommitter, type AppendOutcome } from './sqlite-commit';

export interface WriterOptions {
  path: string;
  synchronous: string;
  busyTimeoutMs: number;
}

/** Loads the TypeScript worker through swc when this code runs from source (the test runner). */
const TS_BOOT = `
const fs = require('fs'), Module = require('module'), { workerData } = require('worker_threads');
const swc = require(workerData.swc);
Module._extensions['.ts'] = (m, file) => {
  const { code } = swc.transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  m._compile(code, file);
};
require(workerData.entry);
`;

type Reply = { id: number; outcomes: AppendOutcome[] } | { id: number; failure: string } | { ready: true };

/** Commits batches of appends; see `WriterThread` and `InlineWriter`. */
export interface BatchWriter {
  write(batch: AppendRequest[]): Promise<AppendOutcome[]>;
  /** False once the writer can commit nothing more (its thread stopped). */
  alive(): boolean;
  close(): Promise<void>;
}

/** Commits on the calling thread's own connection: the fsync blocks that thread. */
export class InlineWriter implements BatchWriter {
  private readonly commit: (batch: AppendRequest[]) => AppendOutcome[];

  constructor(private readonly db: Database.Database) {
    this.commit = batchCommitter(db);
  }

  async write(batch: AppendRequest[]): Promise<AppendOutcome[]> {
    try {
      return this.commit(batch);
    } catch (e) {
      throw new StoreUnavailable(`sqlite: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  alive(): boolean {
    return this.db.open;
  }

  async close(): Promise<void> {}
}

/** The main thread's handle on the writer thread: one batch in flight at a time. */
export class WriterThread implements BatchWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve(o: AppendOutcome[]): void; reject(e: unknown): void }
  >();
  private nextId = 0;
  private broken?: StoreUnavailable;
  readonly ready: Promise<void>;
  private readonly exited: Promise<void>;

  constructor(options: WriterOptions) {
    const entry = join(__dirname, `sqlite-writer.worker${extname(__filename)}`);
    this.worker = entry.endsWith('.ts')
      ? new Worker(TS_BOOT, {
          eval: true,
          workerData: { ...options, entry, swc: require.resolve('@swc/core') },
        })
      : new Worker(entry, { workerData: options });
    let started!: () => void;
    let failedToStart!: (e: unknown) => void;
    this.ready = new Promise((resolve, reject) => ((started = resolve), (failedToStart = reject)));
    this.worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        this.worker.unref(); // idle from now on: an idle writer does not keep the process alive
        return started();
      }
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if ('outcomes' in reply) waiter?.resolve(reply.outcomes);
      else waiter?.reject(new StoreUnavailable(`sqlite: ${reply.failure}`));
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    const fail = (e: unknown) => {
      this.broken = new StoreUnavailable(`sqlite writer: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
      failedToStart(this.broken);
      for (const waiter of this.pending.values()) waiter.reject(this.broken);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`writer thread exited (${code})`)));
  }

  /** False once the thread has stopped: an error, an exit, or after `close`. */
  alive(): boolean {
    return this.broken === undefined;
  }

  /** Commits the batch in the writer thread; resolves with one outcome per append. */
  write(batch: AppendRequest[]): Promise<AppendOutcome[]> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref(); // a batch in flight keeps the process alive until it is durable
      this.worker.postMessage({
        id,
        batch: batch.map(({ stream, events, expected }) => ({ stream, events, expected })),
      });
    });
  }

  /** Lets the batch in flight finish, then closes the write connection. */
  async close(): Promise<void> {
    if (!this.broken) {
      this.worker.ref();
      this.worker.postMessage({ close: true });
    }
    await this.exited;
  }
}
