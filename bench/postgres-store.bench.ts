/**
 * PostgreSQL adapter against bare `pg` on the same fresh database, table shape and
 * `synchronous_commit`: sequential appends, 16 concurrent writers, a stream read, a full readAll.
 */
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { noteEvent } from './bench-events';
import type { BenchModule, ScenarioResult } from './bench.types';
import type { NewEvent } from '@app/event-store';
import { openPostgresEventStore, type PostgresEventStore } from '@app/event-store/postgres';

const SERVER = process.env.TAFEL_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const database = `tafel_bench_${randomBytes(6).toString('hex')}`;
const WRITERS = 16;
const COLUMNS =
  'position, stream, revision, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash';
const BARE_TABLE = `CREATE TABLE bare_events (
  position bigserial PRIMARY KEY, stream text NOT NULL, revision integer NOT NULL, event_id text NOT NULL UNIQUE,
  type text NOT NULL, schema_version integer NOT NULL, data jsonb, metadata jsonb NOT NULL, occurred_at timestamptz,
  recorded_at timestamptz NOT NULL DEFAULT now(), prev_hash text, hash text NOT NULL, UNIQUE (stream, revision))`;
const INSERT = `INSERT INTO bare_events (stream, revision, event_id, type, schema_version, data, metadata, occurred_at, prev_hash, hash)`;
const HASH = 'f'.repeat(64);

interface Ctx {
  store: PostgresEventStore;
  bare: Pool;
  syncCommit: string;
}
let ctx: Promise<Ctx> | undefined;

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

function context(): Promise<Ctx> {
  ctx ??= (async () => {
    await onServer(`CREATE DATABASE ${database}`);
    const connectionString = `${SERVER}/${database}`;
    const bare = new Pool({ connectionString, max: WRITERS });
    await bare.query(BARE_TABLE);
    const { rows } = await bare.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    // one more than the writers: the post-commit NOTIFY borrows a pool connection
    const store = await openPostgresEventStore({ connectionString, poolSize: WRITERS + 1 });
    return { store, bare, syncCommit: rows[0].synchronous_commit };
  })();
  return ctx;
}

async function teardown(): Promise<void> {
  const c = await context();
  await c.store.close();
  await c.bare.end();
  await onServer(`DROP DATABASE ${database} WITH (FORCE)`);
}

const event = noteEvent;
const bareRow = (stream: string, revision: number, e: NewEvent): unknown[] => [
  stream,
  revision,
  e.eventId,
  e.type,
  e.schemaVersion,
  JSON.stringify(e.data),
  JSON.stringify(e.metadata),
  e.metadata.occurredAt,
  HASH,
  HASH,
];
const bareValues = (n: number): string =>
  Array.from(
    { length: n },
    (_, r) => `(${Array.from({ length: 10 }, (_, c) => `$${r * 10 + c + 1}`).join(', ')})`,
  ).join(', ');

async function perSecond(n: number, work: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await work();
  return n / (Number(process.hrtime.bigint() - t) / 1e9);
}

/** Where the cluster's WAL ends, in bytes. */
async function walBytes(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ b: string }>(`SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn AS b`);
  return Number(rows[0].b);
}

/** Appends per second, and WAL bytes per append (the whole cluster's: other writers only add to it). */
interface Writing {
  rate: number;
  wal: number;
}

async function writing(pool: Pool, appends: number, work: () => Promise<number>): Promise<Writing> {
  const before = await walBytes(pool);
  const rate = await work();
  return { rate, wal: ((await walBytes(pool)) - before) / appends };
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** Alternates the two sides `rounds` times and keeps each side's median, so drift hits both. */
async function compare(
  rounds: number,
  ours: () => Promise<number>,
  bare: () => Promise<number>,
): Promise<[number, number]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    b.push(await bare());
    a.push(await ours());
  }
  return [median(a), median(b)];
}

/**
 * `compare` for writers: the median rate of each side, and its least WAL per append (WAL is counted
 * for the whole cluster, so anything else writing at the time can only add to a round's figure).
 */
async function compareWriting(
  rounds: number,
  ours: () => Promise<Writing>,
  bare: () => Promise<Writing>,
): Promise<{ ours: Writing; bare: Writing }> {
  const a: Writing[] = [];
  const b: Writing[] = [];
  for (let r = 0; r < rounds; r++) {
    b.push(await bare());
    a.push(await ours());
  }
  const side = (xs: Writing[]): Writing => ({
    rate: median(xs.map((x) => x.rate)),
    wal: Math.min(...xs.map((x) => x.wal)),
  });
  return { ours: side(a), bare: side(b) };
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en');
function result(
  scenario: string,
  unit: string,
  ours: number,
  bare: number,
  target: number,
  extra: object = {},
): ScenarioResult {
  const ratio = ours / bare;
  const summary = `${fmt(ours)} ${unit} vs bare ${fmt(bare)}: ${ratio.toFixed(2)} (target ≥ ${target} ${mark(ratio >= target)})`;
  return { scenario, summary, ours, bare, ratio, target, ...extra };
}

const mark = (met: boolean): string => (met ? '✓' : '✗');
const WAL_TARGET = 1.1;

/** A writers' row: the rate against bare, then the WAL per append against bare's (target ≤ 1.1×). */
function writersResult(
  scenario: string,
  target: number,
  w: { ours: Writing; bare: Writing },
): ScenarioResult {
  const r = result(scenario, 'appends/s', w.ours.rate, w.bare.rate, target);
  const walRatio = w.ours.wal / w.bare.wal;
  const wal = `; WAL ${fmt(w.ours.wal)} B/append vs bare ${fmt(w.bare.wal)}: ${walRatio.toFixed(2)} (target ≤ ${WAL_TARGET} ${mark(walRatio <= WAL_TARGET)})`;
  return {
    ...r,
    summary: r.summary + wal,
    walPerAppend: w.ours.wal,
    bareWalPerAppend: w.bare.wal,
    walRatio,
    walTarget: WAL_TARGET,
  };
}

let run = 0;
/** `writers` loops, each on its own stream, each doing `appends` appends of `batch` events. */
async function ourWriters(
  store: PostgresEventStore,
  writers: number,
  appends: number,
  batch: number,
): Promise<number> {
  const tag = `r${run++}`;
  return perSecond(writers * appends * batch, async () => {
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0, rev = -1; i < appends; i++) {
          const events = Array.from({ length: batch }, (_, k) => event(k));
          rev = (await store.append(`${tag}-${w}`, events, { expectedRevision: rev < 0 ? 'no-stream' : rev }))
            .nextRevision;
        }
      }),
    );
  });
}

async function bareWriters(bare: Pool, writers: number, appends: number, batch: number): Promise<number> {
  const tag = `b${run++}`;
  const sql = `${INSERT} VALUES ${bareValues(batch)}`;
  return perSecond(writers * appends * batch, async () => {
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appends; i++) {
          const values = Array.from({ length: batch }, (_, k) =>
            bareRow(`${tag}-${w}`, i * batch + k, event(k)),
          ).flat();
          await bare.query(batch === 1 ? sql : { text: sql, values }, batch === 1 ? values : undefined);
        }
      }),
    );
  });
}

export const scenarios: BenchModule['scenarios'] = [
  {
    name: 'postgres.append.sequential',
    run: async () => {
      const { store, bare, syncCommit } = await context();
      const w = await compareWriting(
        3,
        () => writing(bare, 600, () => ourWriters(store, 1, 600, 1)),
        () => writing(bare, 600, () => bareWriters(bare, 1, 600, 1)),
      );
      return { ...writersResult('postgres.append.sequential', 0.9, w), synchronousCommit: syncCommit };
    },
  },
  {
    name: 'postgres.append.16-writers',
    run: async () => {
      const { store, bare } = await context();
      const w = await compareWriting(
        3,
        () => writing(bare, WRITERS * 150, () => ourWriters(store, WRITERS, 150, 1)),
        () => writing(bare, WRITERS * 150, () => bareWriters(bare, WRITERS, 150, 1)),
      );
      const [ours100, base100] = await compare(
        1,
        () => ourWriters(store, WRITERS, 10, 100),
        () => bareWriters(bare, WRITERS, 10, 100),
      );
      const r = writersResult('postgres.append.16-writers', 1.5, w);
      const batched = `; 100-event appends ${fmt(ours100)} events/s vs bare 100 rows/tx ${fmt(base100)} (${(ours100 / base100).toFixed(2)})`;
      return {
        ...r,
        summary: r.summary + batched,
        ours100,
        bare100: base100,
        ratioOneVsBare100: w.ours.rate / base100,
      };
    },
  },
  {
    name: 'postgres.read.60-event-stream',
    run: async () => {
      const { store, bare } = await context();
      await store.append(
        'read-60',
        Array.from({ length: 60 }, (_, i) => event(i)),
        { expectedRevision: 'no-stream' },
      );
      await bare.query(
        `INSERT INTO bare_events (${COLUMNS.replace('position, ', '')}) SELECT ${COLUMNS.replace('position, ', '')} FROM tafel_events WHERE stream = 'read-60'`,
      );
      const reads = 1500;
      const [ours, base] = await compare(
        3,
        () =>
          perSecond(reads, async () => {
            for (let i = 0; i < reads; i++) await store.read('read-60');
          }),
        () =>
          perSecond(reads, async () => {
            for (let i = 0; i < reads; i++)
              await bare.query({
                name: 'bare-read',
                text: `SELECT ${COLUMNS} FROM bare_events WHERE stream = $1 ORDER BY revision`,
                values: ['read-60'],
              });
          }),
      );
      return result('postgres.read.60-event-stream', 'reads/s', ours, base, 0.8);
    },
  },
  {
    name: 'postgres.readAll.100k',
    run: async () => {
      const { store, bare } = await context();
      try {
        const have = (await store.readAll()).length;
        await ourWriters(store, WRITERS, Math.ceil((100_000 - have) / (WRITERS * 100)), 100);
        await bare.query('TRUNCATE bare_events');
        await bare.query(
          `INSERT INTO bare_events SELECT ${COLUMNS.replace('recorded_at', 'occurred_at, recorded_at')} FROM tafel_events`,
        );
        await bare.query('VACUUM ANALYZE bare_events');
        await bare.query('VACUUM ANALYZE tafel_events');
        const total = Number((await bare.query('SELECT count(*) AS n FROM bare_events')).rows[0].n);
        const page = 1000;
        const [ours, base] = await compare(
          3,
          () =>
            perSecond(total, async () => {
              for (
                let from = 0, got;
                (got = await store.readAll({ fromPosition: from, limit: page })).length > 0;
              )
                from = got[got.length - 1].position;
            }),
          () =>
            perSecond(total, async () => {
              for (
                let from = 0, got;
                (got = (
                  await bare.query({
                    name: 'bare-page',
                    text: `SELECT ${COLUMNS} FROM bare_events WHERE position > $1 ORDER BY position LIMIT $2`,
                    values: [from, page],
                  })
                ).rows).length > 0;
              )
                from = Number(got[got.length - 1].position);
            }),
        );
        return result('postgres.readAll.100k', 'events/s', ours, base, 0.8, { events: total });
      } finally {
        await teardown();
      }
    },
  },
];
