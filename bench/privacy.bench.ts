/**
 * The cost of per-person encryption: the SQLite store with and without the EncryptingEventStore in
 * front, same file shape and durability, in the same run. Appends go one command at a time, as the
 * API makes them; reads are whole case streams (GET /v1/cases/:id) and readAll pages (projections).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { against } from './verdict';
import type { BenchModule, ScenarioResult } from './bench.types';
import { SqliteDb } from '@app/kernel/sqlite';
import { systemClock } from '@app/config';
import type { EventStore, NewEvent } from '@app/event-store';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import { EncryptingEventStore, SqlKeyStore, newKey } from '@app/privacy';

const CASES = Number(process.env.TAFEL_BENCH_PRIVACY_CASES ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-privacy-'));
let files = 0;

const meta = () => ({ occurredAt: new Date().toISOString(), actor: { id: 'u-1', role: 'coordinator' } });
const ev = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: { at: new Date().toISOString(), ...data },
  metadata: meta(),
});

/** One case's commands: a request, intake, coordinator, four participants invited, prepared, answered. */
function caseCommands(caseId: string): NewEvent[][] {
  const people = [1, 2, 3, 4].map((n) => `${caseId}-p${n}`);
  return [
    [
      ev('ConferenceRequested', {
        caseId,
        reference: 'EK-1',
        kind: 'group',
        applicant: {
          personId: `${caseId}-a`,
          name: 'Fatima el Amrani',
          email: 'fatima@example.nl',
          phone: '0612345678',
        },
        region: 'Utrecht',
        description: 'Spanning tussen buren in de Kanaalstraat.',
        channel: 'online',
        workflowVersion: 1,
      }),
    ],
    [
      ev('IntakeCompleted', {
        conferenceQuestions: ['Hoe gaan we verder?'],
        notes: 'Aanvrager belt liever.',
      }),
    ],
    [
      ev('CoordinatorAssigned', {
        coordinatorId: 'k',
        name: 'K',
        email: 'k@x.nl',
        independenceDeclared: true,
      }),
    ],
    ...people.map((p, i) => [
      ev('ParticipantInvited', {
        participantId: p,
        name: `Deelnemer ${i}`,
        role: 'family',
        email: `d${i}@x.nl`,
      }),
    ]),
    ...people.map((p) => [
      ev('ParticipantPrepared', { participantId: p, notes: 'Doel en werkwijze besproken.' }),
    ]),
    ...people.map((p) => [ev('ParticipantAnswered', { participantId: p, answer: 'accepted' })]),
  ];
}

async function stores(): Promise<{ plain: EventStore; encrypted: EventStore; close(): Promise<void> }> {
  const plain = await openSqliteEventStore({ path: join(dir, `plain-${files++}.db`), synchronous: 'FULL' });
  const path = join(dir, `encrypted-${files++}.db`);
  // As the embedded shape opens it: a file of its own beside the events, commits and reads on its threads.
  const keysDb = new SqliteDb(join(dir, `keys-${files++}.db`), { synchronous: 'FULL', commitOnThread: true });
  const keys = await SqlKeyStore.open(keysDb, newKey(), systemClock, 'bench');
  const raw = await openSqliteEventStore({ path, synchronous: 'FULL' });
  const encrypted = new EncryptingEventStore(raw, keys);
  return {
    plain,
    encrypted,
    async close() {
      await Promise.all([plain.close(), encrypted.close()]);
      await keys.close();
    },
  };
}

async function timed(fn: () => Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  const n = await fn();
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

const appendAll = (store: EventStore, ids: string[]) =>
  timed(async () => {
    let n = 0;
    for (const id of ids) {
      let revision: number | 'no-stream' = 'no-stream';
      for (const events of caseCommands(id)) {
        revision = (await store.append(`case-${id}`, events, { expectedRevision: revision })).nextRevision;
        n += events.length;
      }
    }
    return n;
  });

const readStreams = (store: EventStore, ids: string[]) =>
  timed(async () => {
    for (const id of ids) await store.read(`case-${id}`);
    return ids.length;
  });

const readAllPages = (store: EventStore) =>
  timed(async () => {
    let n = 0;
    for (let from = 0, page; (page = await store.readAll({ fromPosition: from, limit: 2000 })).length;) {
      n += page.length;
      from = page[page.length - 1].position;
    }
    return n;
  });

const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function run(): Promise<ScenarioResult> {
  const s = await stores();
  try {
    const ids = Array.from({ length: CASES }, () => randomUUID());
    const append = { plain: await appendAll(s.plain, ids), encrypted: await appendAll(s.encrypted, ids) };
    const stream = { plain: await readStreams(s.plain, ids), encrypted: await readStreams(s.encrypted, ids) };
    const all = { plain: await readAllPages(s.plain), encrypted: await readAllPages(s.encrypted) };
    const ratio = (x: { plain: number; encrypted: number }) => Number((x.encrypted / x.plain).toFixed(2));
    const summary =
      `append ${fmt(append.encrypted)}/s encrypted vs ${fmt(append.plain)}/s plain: ×${against(ratio(append), 0.85)}; ` +
      `read stream ${fmt(stream.encrypted)}/s vs ${fmt(stream.plain)}/s: ×${against(ratio(stream), 0.7)}; ` +
      `readAll ${fmt(all.encrypted)} events/s vs ${fmt(all.plain)}/s (×${ratio(all)}); ${CASES} cases × 15 events`;
    return {
      scenario: 'privacy.sqlite.encryption',
      summary,
      cases: CASES,
      appendPerSecond: append,
      streamReadsPerSecond: stream,
      readAllEventsPerSecond: all,
      ratios: { append: ratio(append), stream: ratio(stream), readAll: ratio(all) },
    };
  } finally {
    await s.close();
  }
}

export const scenarios: BenchModule['scenarios'] = [
  {
    name: 'privacy.sqlite.encryption',
    run: async () => {
      try {
        return await run();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
