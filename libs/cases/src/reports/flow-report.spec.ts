import { SqliteDb } from '@app/kernel/sqlite';
import { CASE_STATES } from '@app/workflow';
import { writeFlowRow } from '../read-models/flow.projection';
import { createReadSchema } from '../read-models/read-schema';
import { spread, type FlowReport } from './flow-report';
import { NOTHING_YET, type FlowRow } from './flow-row';
import { ReportQueries, integersOf } from './report-queries';
import fc from 'fast-check';

const at = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();

let cases = 0;
function row(overrides: Partial<FlowRow> = {}): FlowRow {
  return {
    caseId: `case-${++cases}`,
    workflowVersion: 2,
    kind: 'group',
    region: 'Utrecht',
    state: 'requested',
    followUpOf: null,
    requestedAt: at(0),
    ...NOTHING_YET,
    followUpOutcomes: {},
    ...overrides,
  };
}

/** The report as the API gives it: the rows written as the projection writes them, counted in SQL. */
async function flowReport(rows: FlowRow[]): Promise<FlowReport> {
  const db = new SqliteDb(':memory:');
  try {
    await createReadSchema(db);
    await db.transaction(async (tx) => {
      for (const [i, r] of rows.entries()) await writeFlowRow(tx, r, i + 1, 1);
    });
    return await new ReportQueries(db).flow({ id: 'a', name: 'A', role: 'researcher' }, {});
  } finally {
    await db.close();
  }
}

describe('median and p90', () => {
  it('gives null for no values', () => {
    expect(spread([])).toEqual({ median: null, p90: null, n: 0 });
  });
  it('gives the one value for one value', () => {
    expect(spread([3.5])).toEqual({ median: 3.5, p90: 3.5, n: 1 });
  });
  it('takes the mean of the two middle values for an even count, the largest as p90 for n < 10', () => {
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, p90: 4, n: 4 });
    expect(spread([9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ median: 5, p90: 9, n: 9 });
    // n = 10: rank ⌈9⌉ = 9, the second largest.
    expect(spread([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ median: 5.5, p90: 9, n: 10 });
  });
  it('takes the ⌈0.9·n⌉-th smallest value as p90 (nearest rank)', () => {
    // n = 11: rank ⌈9.9⌉ = 10 → 10; n = 20: rank 18 → 18; n = 21: rank ⌈18.9⌉ = 19 → 19.
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(spread(upTo(11))).toEqual({ median: 6, p90: 10, n: 11 });
    expect(spread(upTo(20))).toEqual({ median: 10.5, p90: 18, n: 20 });
    expect(spread(upTo(21))).toEqual({ median: 11, p90: 19, n: 21 });
  });
  it('rounds to two decimals', () => {
    expect(spread([1 / 3])).toEqual({ median: 0.33, p90: 0.33, n: 1 });
  });
});

describe('the flow report', () => {
  it('gives zero counts and null figures for no cases', async () => {
    const report = await flowReport([]);
    expect(report.cases).toBe(0);
    expect(Object.values(report.byState)).toEqual(CASE_STATES.map(() => 0));
    expect(report.funnel.map((s) => s.count)).toEqual([0, 0, 0, 0, 0, 0]);
    for (const lead of Object.values(report.leadTimesDays))
      expect(lead).toEqual({ median: null, p90: null, n: 0 });
    expect(report).toMatchObject({
      declineReasons: {},
      withdrawalReasons: {},
      followUpOutcomes: { 'on-track': 0, partly: 0, 'not-carried-out': 0, unreachable: 0 },
      followUpConferenceRate: null,
      noPlanRate: null,
    });
  });

  it('counts the funnel, lead times, reasons, outcomes and rates of a small group', async () => {
    const held = { intakeCompletedAt: at(1), coordinatorAssignedAt: at(3) };
    const report = await flowReport([
      row({ state: 'declined', declinedAt: at(1), declineReasonCode: 'safety' }),
      row({ state: 'declined', declinedAt: at(1), workflowVersion: 1 }),
      row({
        state: 'withdrawn',
        intakeCompletedAt: at(2),
        withdrawnAt: at(4),
        withdrawalReasonCode: 'other',
      }),
      row({ ...held, state: 'no-plan', conferenceHeldAt: at(13), noPlanAt: at(14) }),
      row({
        ...held,
        state: 'followed-up',
        conferenceHeldAt: at(23),
        planDistributedAt: at(25),
        firstFollowUpAt: at(60),
        followUpOutcomes: { partly: 1, 'on-track': 2 },
        followUpConferenceRequested: true,
      }),
    ]);
    expect(report.cases).toBe(5);
    expect(report.byState).toMatchObject({
      declined: 2,
      withdrawn: 1,
      'no-plan': 1,
      'followed-up': 1,
      requested: 0,
    });
    expect(report.funnel).toEqual([
      { stage: 'requested', count: 5 },
      { stage: 'intake-completed', count: 3 },
      { stage: 'coordinator-assigned', count: 2 },
      { stage: 'conference-held', count: 2 },
      { stage: 'plan-distributed', count: 1 },
      { stage: 'followed-up', count: 1 },
    ]);
    expect(report.leadTimesDays).toEqual({
      'request-to-intake': { median: 1, p90: 2, n: 3 },
      'intake-to-coordinator': { median: 2, p90: 2, n: 2 },
      'coordinator-to-conference': { median: 15, p90: 20, n: 2 },
      'conference-to-distribution': { median: 2, p90: 2, n: 1 },
      'request-to-conference': { median: 18, p90: 23, n: 2 },
    });
    expect(report.declineReasons).toEqual({ safety: 1, uncoded: 1 });
    expect(report.withdrawalReasons).toEqual({ other: 1 });
    expect(report.followUpOutcomes).toEqual({
      'on-track': 2,
      partly: 1,
      'not-carried-out': 0,
      unreachable: 0,
    });
    expect(report.followUpConferenceRate).toBe(0.5);
    expect(report.noPlanRate).toBe(0.5);
  });
});

describe('median and p90 by selection', () => {
  /** The definition, by sorting. */
  function sorted(values: number[]) {
    const s = [...values].sort((a, b) => a - b);
    const n = s.length;
    const m = Math.floor(n / 2);
    const median = n % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    return {
      median: Math.round(median * 100) / 100,
      p90: Math.round(s[Math.ceil(0.9 * n) - 1] * 100) / 100,
      n,
    };
  }

  it('gives what sorting gives, for any list (ties, negatives, one value, many)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 300 }),
        (values) => {
          expect(spread(values)).toEqual(sorted(values));
        },
      ),
      { seed: 20261202, numRuns: 500 },
    );
  });
});

describe('reading the lead times', () => {
  it('reads whole numbers, negative ones too, and refuses anything else', () => {
    expect([...integersOf('86400000,-5,0,172800000')]).toEqual([86400000, -5, 0, 172800000]);
    expect([...integersOf('7')]).toEqual([7]);
    expect(() => integersOf('1.5,2')).toThrow(/whole numbers/);
  });
});
