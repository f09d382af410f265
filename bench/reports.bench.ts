/**
 * The flow report (issue 15):
 * - `reports.flow`: `ReportQueries.flow` (count in SQL over the figure columns of
 *   `tafel_flow_cases`, read the lead times) on a SQLite read database holding
 *   TAFEL_BENCH_REPORT_CASES rows (default 100,000, the issue's size), all in the group. Target:
 *   under 200 ms. The median of 5 runs after one warm-up.
 * - `reports.rebuild`: the flow projection built from the start of a SQLite log of
 *   TAFEL_BENCH_REBUILD_CASES golden cases (default 10,000: 200,000 events) by its checkpointed
 *   subscriber, as `rebuild-projections` does, beside the same store's raw paged `readAll` in the
 *   same run. Target: at least 0.5 × readAll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckpointedSubscriber,
  FLOW,
  ReportQueries,
  createReadSchema,
  projectFlow,
  writeFlowRow,
  type FlowRow,
} from '@app/cases';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import { SqliteDb } from '@app/kernel/sqlite';
import { CASE_EVENTS, fillCases, readAllPages } from './bench-events';
import { FOLLOW_UP_OUTCOMES } from '@app/workflow';
import type { BenchModule, ScenarioResult } from './bench.types';

const CASES = Number(process.env.TAFEL_BENCH_REPORT_CASES ?? 100_000);
const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T09:00:00Z');
const at = (d: number) => new Date(T0 + d * DAY).toISOString();

/** Case `i`: how far it got and when, spread so every figure has work to do. */
function row(i: number): FlowRow {
  const reach = i % 7;
  const start = i % 300;
  const step = (n: number, d: number) => (reach >= n ? at(start + d) : null);
  return {
    caseId: `case-${i}`,
    workflowVersion: 2,
    kind: i % 3 === 0 ? 'family' : 'group',
    region: `Regio ${i % 12}`,
    state: (
      [
        'requested',
        'awaiting-coordinator',
        'preparing',
        'held',
        'plan-distributed',
        'followed-up',
        'closed',
      ] as const
    )[reach],
    issueType: 'other',
    followUpOf: null,
    requestedAt: at(start),
    intakeCompletedAt: step(1, 1 + (i % 5)),
    coordinatorAssignedAt: step(2, 8 + (i % 9)),
    conferenceHeldAt: step(3, 30 + (i % 40)),
    planDistributedAt: step(4, 75 + (i % 6)),
    firstFollowUpAt: step(5, 160),
    noPlanAt: null,
    declinedAt: null,
    withdrawnAt: null,
    closedAt: step(6, 200),
    declineReasonCode: null,
    withdrawalReasonCode: null,
    followUpOutcomes: reach >= 5 ? { [FOLLOW_UP_OUTCOMES[i % 4]]: 1 } : {},
    followUpConferenceRequested: reach >= 5 && i % 10 === 0,
  };
}

async function flowReport(): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-reports-'));
  const db = new SqliteDb(join(dir, 'read.db'));
  try {
    await createReadSchema(db);
    await db.transaction(async (tx) => {
      for (let i = 0; i < CASES; i++) await writeFlowRow(tx, row(i), i + 1, 10);
    });
    const reports = new ReportQueries(db);
    const admin = { id: 'admin-1', name: 'Ada', role: 'admin' as const };
    const run = async () => {
      const start = process.hrtime.bigint();
      const report = await reports.flow(admin, {});
      if (report.cases !== CASES) throw new Error(`report counted ${report.cases} cases`);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await run();
    const times: number[] = [];
    for (let n = 0; n < 5; n++) times.push(await run());
    times.sort((a, b) => a - b);
    const median = times[2];
    return {
      scenario: 'reports.flow',
      summary: `${CASES.toLocaleString('en-US')} cases: ${Math.round(median)} ms (median of 5); target < 200 ms`,
      cases: CASES,
      medianMs: median,
      timesMs: times,
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const REBUILD_CASES = Number(process.env.TAFEL_BENCH_REBUILD_CASES ?? 10_000);

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function rebuild(): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-rebuild-'));
  const store = await openSqliteEventStore({ path: join(dir, 'tafel.db') });
  const db = new SqliteDb(join(dir, 'read.db'));
  try {
    await fillCases(store, REBUILD_CASES);
    const events = REBUILD_CASES * CASE_EVENTS;
    let read = 0;
    const readSeconds = await seconds(async () => (read = await readAllPages(store)));
    if (read !== events) throw new Error(`readAll saw ${read} of ${events} events`);
    await createReadSchema(db);
    const subscriber = new CheckpointedSubscriber(FLOW, store, db, projectFlow, true);
    const buildSeconds = await seconds(async () => {
      await subscriber.start();
      await subscriber.caughtUp(events);
      await subscriber.stop();
    });
    const [{ n }] = await db.all<{ n: number }>('SELECT count(*) AS n FROM tafel_flow_cases');
    if (n !== REBUILD_CASES) throw new Error(`the projection holds ${n} of ${REBUILD_CASES} cases`);
    const readAll = events / readSeconds;
    const build = events / buildSeconds;
    const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
    return {
      scenario: 'reports.rebuild',
      summary:
        `${fmt(REBUILD_CASES)} cases, ${fmt(events)} events: flow projection rebuilt at ${fmt(build)} events/s ` +
        `vs raw readAll ${fmt(readAll)} events/s (${(build / readAll).toFixed(2)}); target >= 0.5`,
      cases: REBUILD_CASES,
      events,
      rebuildPerSecond: build,
      readAllPerSecond: readAll,
      ratio: build / readAll,
    };
  } finally {
    await db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenarios: BenchModule['scenarios'] = [
  { name: 'reports.flow', run: flowReport },
  { name: 'reports.rebuild', run: rebuild },
];
