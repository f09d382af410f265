import { join } from 'node:path';
import type { StoredEvent } from '../event-store.port';
import { verifyChain } from '../hash-chain';
import type { ChildArg, ChildTask } from './contract-child';
import type { ContractFactory, ContractHandle } from './contract.types';
import { newEvents, subscribeUntil } from './contract.fixtures';
import { TsChild, type ChildLine } from './ts-child';

const ENTRY = join(__dirname, 'contract-child.ts');
const count = (t: string) => (lines: ChildLine[]) => lines.filter((l) => l.t === t).length;

/** Several OS processes on one store: races, kill -9, and a subscriber watching them. */
export function processCases(h: () => ContractHandle, factory: ContractFactory): void {
  const child = factory.child;
  const spawnChild = (job: ChildTask): TsChild =>
    new TsChild(ENTRY, {
      module: child!.module,
      exportName: child!.exportName,
      options: h().childOptions,
      job,
    } satisfies ChildArg);
  const maybe = child ? it : it.skip;

  maybe(
    'lets exactly one process win each revision, contiguous and nothing lost',
    async () => {
      const target = 240;
      const kids = [0, 1, 2].map(() => spawnChild({ task: 'race', stream: 'raced', target, loops: 2 }));
      try {
        await Promise.all(kids.map((k) => k.waitFor((l) => count('ready')(l) === 1)));
        kids.forEach((k) => k.send('go'));
        await Promise.all(kids.map((k) => k.waitFor((l) => count('done')(l) === 1, 30_000)));
      } finally {
        await Promise.all(kids.map((k) => k.kill()));
      }
      const wins = kids.flatMap((k) => k.lines.filter((l) => l.t === 'win')) as unknown as {
        revision: number;
        eventId: string;
      }[];
      const stored = await h().store.read('raced');
      expect(wins.map((w) => w.revision).sort((a, b) => a - b)).toEqual(
        Array.from({ length: target }, (_, i) => i),
      );
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: target }, (_, i) => i));
      for (const w of wins) expect(stored[w.revision].eventId).toBe(w.eventId);
      expect(verifyChain(stored).valid).toBe(true);
    },
    40_000,
  );

  maybe(
    'keeps every acknowledged append and no partial batch across kill -9 at random moments',
    async () => {
      const acked: { stream: string; nextRevision: number; eventIds: string[] }[] = [];
      for (let round = 0; round < 10; round++) {
        const writer = spawnChild({
          task: 'write',
          streams: ['k1', 'k2', 'k3'],
          runId: `r${round}`,
          maxBatch: 8,
        });
        const killAfter = 1 + Math.floor(Math.random() * 40);
        try {
          await writer.waitFor((l) => count('ack')(l) >= killAfter);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
        } finally {
          await writer.kill();
        }
        acked.push(...(writer.lines.filter((l) => l.t === 'ack') as unknown as typeof acked));
        const reopened = await h().reopen();
        try {
          await expectIntact(await reopened.readAll(), acked);
          for (const s of ['k1', 'k2', 'k3']) expect(verifyChain(await reopened.read(s)).valid).toBe(true);
        } finally {
          await reopened.close();
        }
        if (h().integrityCheck) expect(await h().integrityCheck!()).toEqual([]);
      }
    },
    40_000,
  );

  maybe(
    'gives a subscriber started while other processes write every event once, in order',
    async () => {
      const { store } = h();
      await store.append('early', newEvents(10), { expectedRevision: 'no-stream' });
      const kids = [0, 1].map((i) =>
        spawnChild({
          task: 'write',
          streams: [`w${i}a`, `w${i}b`],
          runId: `s${i}`,
          maxBatch: 3,
          batches: 40,
        }),
      );
      try {
        await kids[0].waitFor((l) => count('ack')(l) >= 1);
        const sub = subscribeUntil(store, (r) => r[r.length - 1].stream === 'sentinel', {}, 30_000);
        await Promise.all(kids.map((k) => k.waitFor((l) => count('done')(l) === 1, 30_000)));
        await store.append('sentinel', newEvents(1), { expectedRevision: 'no-stream' });
        const received = await sub.finished;
        const all = await store.readAll();
        expect(received.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
        expect(all.length).toBeGreaterThan(200);
      } finally {
        await Promise.all(kids.map((k) => k.kill()));
      }
    },
    40_000,
  );
}

async function expectIntact(
  all: StoredEvent[],
  acked: { stream: string; nextRevision: number; eventIds: string[] }[],
): Promise<void> {
  const byId = new Map(all.map((e) => [e.eventId, e]));
  for (const a of acked) {
    const first = a.nextRevision - a.eventIds.length + 1;
    expect(a.eventIds.map((id) => byId.get(id) && [byId.get(id)!.stream, byId.get(id)!.revision])).toEqual(
      a.eventIds.map((_, i) => [a.stream, first + i]),
    );
  }
  const batches = new Map<string, StoredEvent[]>();
  for (const e of all) {
    const { batch } = e.data as { batch: string };
    batches.set(batch, [...(batches.get(batch) ?? []), e]);
  }
  for (const events of batches.values()) {
    const { size } = events[0].data as { size: number };
    expect(events.map((e) => (e.data as { index: number }).index)).toEqual(
      Array.from({ length: size }, (_, i) => i),
    );
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => events[0].revision + i));
  }
  const streams = new Map<string, number[]>();
  for (const e of all) streams.set(e.stream, [...(streams.get(e.stream) ?? []), e.revision]);
  for (const revisions of streams.values())
    expect(revisions.sort((a, b) => a - b)).toEqual(revisions.map((_, i) => i));
}
