/**
 * The flow report over many cases: `ReportQueries.flow` (read every row of the group from
 * `tafel_flow`, compute the figures) on a SQLite read database holding TAFEL_BENCH_REPORT_CASES rows
 * (default 100,000, the issue's size), all in the group. Target (issue 15): under 200 ms. The median
 * of 5 runs after one warm-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportQueries, createReadSchema, type FlowRow } from '@app/cases';
import { stableJson } from '@app/kernel';
import { SqliteDb } from '@app/kernel/sqlite';
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
      for (let i = 0; i < CASES; i++) {
        const r = row(i);
        await tx.run(
          'INSERT INTO tafel_flow (id, created_position, revision, requested_at, region, kind, row_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [r.caseId, i + 1, 10, r.requestedAt, r.region, r.kind, stableJson(r)],
        );
      }
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

export const scenarios: BenchModule['scenarios'] = [{ name: 'reports.flow', run: flowReport }];
