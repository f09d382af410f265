/**
 * SQLite adapter against bare better-sqlite3 on the same kind of file, table shape and durability
 * (WAL + synchronous=FULL): sequential appends, 16 concurrent writers, a stream read, a full readAll.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteEvent } from './bench-events';
import type { BenchModule, ScenarioResult } from './bench.types';
import { openSqliteEventStore, type SqliteEventStore } from '@app/event-store/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-sqlite-'));
let files = 0;
const WRITERS = 16;
const COLUMNS =
  'position, stream, revision, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash';
const BARE_TABLE = `CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL,
  event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL,
  metadata TEXT NOT NULL, occurred_at INTEGER, recorded_at TEXT NOT NULL, prev_hash TEXT, hash TEXT NOT NULL,
  UNIQUE (stream, revision))`;
const INSERT = `INSERT INTO events (stream, revision, event_id, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
  VALUES (?, ?, ?, 'NoteAdded', 1, ?, ?, ?, ?, NULL, ?)`;

const event = noteEvent;

const store = (writer: 'thread' | 'inline' = 'thread'): Promise<SqliteEventStore> =>
  openSqliteEventStore({ path: join(dir, `store-${files++}.db`), synchronous: 'FULL', writer });

function bare(): Database.Database {
  const db = new Database(join(dir, `bare-${files++}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(BARE_TABLE);
  return db;
}

/** Inserts `rows` rows, `perTx` per `BEGIN IMMEDIATE` transaction, as the bare ceiling; rows/s. */
function bareInserts(db: Database.Database, rows: number, perTx: number, streams = 1): number {
  const insert = db.prepare(INSERT);
  const tx = db.transaction((from: number) => {
    for (let i = from; i < Math.min(from + perTx, rows); i++) {
      const e = event(i);
      const args = [
        `s${i % streams}`,
        Math.floor(i / streams),
        e.eventId,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      ];
      insert.run(...args, Date.parse(e.metadata.occurredAt), new Date().toISOString(), 'f'.repeat(64));
    }
  });
  return rate(rows, () => {
    for (let from = 0; from < rows; from += perTx) tx.immediate(from);
  });
}

function rate(units: number, fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return units / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function rateAsync(units: number, fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return units / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * Runs the contenders in turn, `rounds` times; the disk's fsync speed drifts (other work on the box),
 * so each figure is a median and each ratio the median over rounds of contender 0 / contender i.
 */
async function alternate(
  rounds: number,
  contenders: (() => number | Promise<number>)[],
): Promise<{ rates: number[]; ratios: number[] }> {
  const runs: number[][] = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) for (const [i, c] of contenders.entries()) runs[i].push(await c());
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    rates: runs.map(median),
    ratios: runs.map((xs) => Math.round(median(xs.map((x, r) => runs[0][r] / x)) * 100) / 100),
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** One writer, one append after the other: latency-bound, so both writer modes are shown. */
async function sequentialAppends(): Promise<ScenarioResult> {
  const n = 500;
  const appendsWith = (writer: 'thread' | 'inline') => async (): Promise<number> => {
    const s = await store(writer);
    const perSecond = await rateAsync(n, async () => {
      for (let i = 0; i < n; i++) await s.append('seq', [event(i)], { expectedRevision: i - 1 });
    });
    await s.close();
    return perSecond;
  };
  const {
    rates: [perSecond, ceiling, inline],
    ratios: [, r],
  } = await alternate(9, [appendsWith('thread'), () => bareInserts(bare(), n, 1), appendsWith('inline')]);
  const ri = Math.round((inline / ceiling) * 100) / 100;
  const summary =
    `${fmt(perSecond)} appends/s (writer thread) vs bare 1 INSERT/tx ${fmt(ceiling)}/s = ${r} ` +
    `(target >= 0.9${r >= 0.9 ? '' : ', MISSED'}); inline writer ${fmt(inline)}/s = ${ri}`;
  return {
    scenario: 'sqlite.append.sequential',
    summary,
    perSecond,
    ceiling,
    ratio: r,
    inline,
    inlineRatio: ri,
  };
}

async function concurrentWriters(): Promise<ScenarioResult> {
  const perWriter = 150;
  let perTx = 0;
  const writers = async (): Promise<number> => {
    const s = await store();
    const before = s.transactions;
    const perSecond = await rateAsync(WRITERS * perWriter, async () => {
      const writer = async (w: number): Promise<void> => {
        for (let i = 0; i < perWriter; i++) await s.append(`w${w}`, [event(i)], { expectedRevision: i - 1 });
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    });
    perTx = (WRITERS * perWriter) / (s.transactions - before);
    await s.close();
    return perSecond;
  };
  const {
    rates: [perSecond, single, hundred],
    ratios: [, r, rHundred],
  } = await alternate(7, [
    writers,
    () => bareInserts(bare(), 500, 1, WRITERS),
    () => bareInserts(bare(), 10_000, 100, WRITERS),
  ]);
  const summary =
    `${fmt(perSecond)} appends/s (${perTx.toFixed(1)} per tx) vs bare 1 row/tx ${fmt(single)}/s = ${r}x ` +
    `(target >= 4${r >= 4 ? '' : ', MISSED'}); vs bare 100 rows/tx ${fmt(hundred)}/s = ${rHundred}`;
  return {
    scenario: 'sqlite.append.16-writers',
    summary,
    perSecond,
    appendsPerTransaction: perTx,
    bareSingle: single,
    bareHundred: hundred,
    ratio: r,
  };
}

/** 100k events: 1,667 streams of 60 (the last shorter), written through the store so they are chained. */
let populated: Promise<{ s: SqliteEventStore; db: Database.Database }> | undefined;
function populatedStore(): Promise<{ s: SqliteEventStore; db: Database.Database }> {
  populated ??= (async () => {
    const s = await store();
    const streams = Math.ceil(100_000 / 60);
    for (let from = 0; from < streams; from += 200) {
      const batch = Array.from({ length: Math.min(200, streams - from) }, (_, k) => from + k);
      await Promise.all(
        batch.map((n) =>
          s.append(
            `case-${n}`,
            Array.from({ length: Math.min(60, 100_000 - n * 60) }, (_, i) => event(i)),
            { expectedRevision: 'no-stream' },
          ),
        ),
      );
    }
    const path = join(dir, `store-${files - 1}.db`);
    return { s, db: new Database(path) };
  })();
  return populated;
}

async function streamReads(): Promise<ScenarioResult> {
  const { s, db } = await populatedStore();
  const reads = 4000;
  const pick = (i: number): string => `case-${(i * 7919) % 1600}`;
  const select = db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? ORDER BY revision`);
  const {
    rates: [perSecond, parsedCeiling, rawCeiling],
    ratios: [, r, rRaw],
  } = await alternate(3, [
    () =>
      rateAsync(reads, async () => {
        for (let i = 0; i < reads; i++) await s.read(pick(i));
      }),
    () =>
      rate(reads, () => {
        for (let i = 0; i < reads; i++) parseRows(select.all(pick(i)) as Row[]);
      }),
    () =>
      rate(reads, () => {
        for (let i = 0; i < reads; i++) select.all(pick(i));
      }),
  ]);
  const summary =
    `${fmt(perSecond)} reads/s of 60 events vs bare SELECT + JSON.parse ${fmt(parsedCeiling)}/s = ${r} ` +
    `(target >= 0.8${r >= 0.8 ? '' : ', MISSED'}); vs bare SELECT alone ${fmt(rawCeiling)}/s = ${rRaw}`;
  return { scenario: 'sqlite.read.stream-60', summary, perSecond, parsedCeiling, rawCeiling, ratio: r };
}

async function readAllEvents(): Promise<ScenarioResult> {
  const { s, db } = await populatedStore();
  const page = 1000;
  let seen = 0;
  const viaStore = (): Promise<number> =>
    rateAsync(100_000, async () => {
      seen = 0;
      for (let from = -1; ;) {
        const events = await s.readAll({ fromPosition: from, limit: page });
        if (events.length === 0) break;
        seen += events.length;
        from = events[events.length - 1].position;
      }
    });
  const select = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
  const pages = (parse: boolean) => (): void => {
    for (let from = -1; ;) {
      const rows = select.all(from, page) as Row[];
      if (rows.length === 0) break;
      if (parse) parseRows(rows);
      from = rows[rows.length - 1].position;
    }
  };
  const {
    rates: [perSecond, parsedCeiling, rawCeiling],
    ratios: [, r, rRaw],
  } = await alternate(3, [viaStore, () => rate(100_000, pages(true)), () => rate(100_000, pages(false))]);
  db.close();
  await s.close();
  rmSync(dir, { recursive: true, force: true });
  const summary =
    `${fmt(perSecond)} events/s over ${fmt(seen)} vs bare paged SELECT + JSON.parse ${fmt(parsedCeiling)}/s = ${r} ` +
    `(target >= 0.8${r >= 0.8 ? '' : ', MISSED'}); vs bare SELECT alone ${fmt(rawCeiling)}/s = ${rRaw}`;
  return {
    scenario: 'sqlite.readAll.100k',
    summary,
    perSecond,
    events: seen,
    parsedCeiling,
    rawCeiling,
    ratio: r,
  };
}

interface Row {
  position: number;
  data: string;
  metadata: string;
}

/** The least a reader must do with a row: parse its two JSON columns. */
function parseRows(rows: Row[]): void {
  for (const r of rows) {
    JSON.parse(r.data);
    JSON.parse(r.metadata);
  }
}

export const scenarios: BenchModule['scenarios'] = [
  { name: 'sqlite.append.sequential', run: sequentialAppends },
  { name: 'sqlite.append.16-writers', run: concurrentWriters },
  { name: 'sqlite.read.stream-60', run: streamReads },
  { name: 'sqlite.readAll.100k', run: readAllEvents },
];
