/**
 * Entry of the contract's child processes (loaded through `TsChild`). Opens the store named in its
 * argument and runs one task, printing one JSON line per fact, each only after the store confirmed it.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, ExpectedRevision, NewEvent } from '../event-store.port';

export type ChildTask =
  | { task: 'race'; stream: string; target: number; loops: number }
  | { task: 'write'; streams: string[]; runId: string; maxBatch: number; batches?: number };

export interface ChildArg {
  module: string;
  exportName: string;
  options: unknown;
  job: ChildTask;
}

const say = (line: object): void => void process.stdout.write(JSON.stringify(line) + '\n');
const isConflict = (e: unknown): boolean =>
  (e as { code?: string }).code === 'STORE.EXPECTED_REVISION_CONFLICT';
const expected = (rev: number): ExpectedRevision => (rev < 0 ? 'no-stream' : rev);

function event(data: unknown): NewEvent {
  const metadata = {
    occurredAt: new Date().toISOString(),
    actor: { id: `pid-${process.pid}`, role: 'test' },
  };
  return { eventId: randomUUID(), type: 'ChildWrote', schemaVersion: 1, data, metadata };
}

async function race(store: EventStore, job: Extract<ChildTask, { task: 'race' }>): Promise<void> {
  let conflicts = 0;
  const loop = async (): Promise<void> => {
    for (;;) {
      const rev = await store.streamRevision(job.stream);
      if (rev >= job.target - 1) return;
      const e = event({ pid: process.pid });
      try {
        const r = await store.append(job.stream, [e], { expectedRevision: expected(rev) });
        say({ t: 'win', revision: r.nextRevision, eventId: e.eventId });
      } catch (err) {
        if (!isConflict(err)) throw err;
        conflicts++;
      }
    }
  };
  await Promise.all(Array.from({ length: job.loops }, loop));
  say({ t: 'done', conflicts });
}

async function write(store: EventStore, job: Extract<ChildTask, { task: 'write' }>): Promise<void> {
  const loop = async (stream: string): Promise<void> => {
    let rev = await store.streamRevision(stream);
    for (let seq = 0; job.batches === undefined || seq < job.batches; seq++) {
      const batch = `${job.runId}:${stream}:${seq}`;
      const size = 1 + Math.floor(Math.random() * job.maxBatch);
      const events = Array.from({ length: size }, (_, index) => event({ batch, size, index }));
      const r = await store.append(stream, events, { expectedRevision: expected(rev) });
      rev = r.nextRevision;
      say({ t: 'ack', stream, nextRevision: rev, eventIds: events.map((e) => e.eventId) });
    }
  };
  await Promise.all(job.streams.map(loop));
  say({ t: 'done' });
}

async function main(): Promise<void> {
  const arg = JSON.parse(process.argv[3]) as ChildArg;
  const mod = (await import(arg.module)) as Record<string, (o: unknown) => EventStore | Promise<EventStore>>;
  const open = mod[arg.exportName];
  const store = await open(arg.options);
  say({ t: 'ready' });
  if (arg.job.task === 'race') {
    await new Promise((resolve) => process.stdin.once('data', resolve));
    await race(store, arg.job);
  } else {
    await write(store, arg.job);
  }
  await store.close();
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
