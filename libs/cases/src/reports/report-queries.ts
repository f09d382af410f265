import { READ_DB, type SqlDb } from '@app/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { reportRegions } from '../access/access-policy';
import type { Actor, Role } from '../access/actor';
import { inList } from '../read-models/case-queries';
import { forbidden } from '../errors';
import { flowCsv } from './flow-csv';
import { FOLLOW_UP_OUTCOMES, type CaseStatus } from '@app/workflow';
import { MILESTONE_COLUMNS, outcomeColumn, rowOf, type Milestone } from './flow-columns';
import {
  FUNNEL_MILESTONES,
  FUNNEL_STAGES,
  LEAD_TIMES,
  flowReport,
  type FlowGroup,
  type FlowReport,
  type FlowTotals,
  type LeadTimeSamples,
} from './flow-report';

/** Which cases a report covers: requested in `[from, to)`, in a region, of a kind. */
export interface FlowFilter {
  from?: Date;
  to?: Date;
  region?: string;
  kind?: string;
}

const REPORT_ROLES: readonly Role[] = ['admin', 'region-manager', 'researcher'];

const q = (name: string) => `"${name}"`;
const sum = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
const column = (m: Milestone) => MILESTONE_COLUMNS[m];

/** One group per state and reason codes, a count only: the sort a `GROUP BY` needs stays narrow. */
const GROUP_COLUMNS = 'state, decline_reason, withdrawal_reason, count(*) AS cases';

/**
 * Each lead time of the cases, in milliseconds, as one comma-separated text (the cases without one
 * leave it out): one value to hand over instead of a row per case.
 */
const leadTimes = (db: SqlDb) =>
  Object.entries(LEAD_TIMES).map(([name, [from, to]]) => {
    const value = `${column(to)} - ${column(from)}`;
    return db.dialect === 'postgres'
      ? `string_agg((${value})::text, ',') AS ${q(name)}`
      : `group_concat(${value}) AS ${q(name)}`;
  });

/** Every other count, and the lead times, in one pass over the rows without grouping. */
const totalColumns = (db: SqlDb) =>
  [
    ...FUNNEL_STAGES.map((stage) => `count(${column(FUNNEL_MILESTONES[stage])}) AS ${q(stage)}`),
    `${sum('held_ms IS NOT NULL AND follow_up_conference = 1')} AS held_follow_up_conference`,
    `${sum('held_ms IS NOT NULL AND no_plan_ms IS NOT NULL')} AS held_no_plan`,
    ...FOLLOW_UP_OUTCOMES.map((o) => `sum(${outcomeColumn(o)}) AS ${q(o)}`),
    ...leadTimes(db),
  ].join(', ');

type Row = Record<string, string | number | null>;

const groupOf = (row: Row): FlowGroup => ({
  state: row.state as CaseStatus,
  declineReason: row.decline_reason as string | null,
  withdrawalReason: row.withdrawal_reason as string | null,
  cases: Number(row.cases),
});

const COMMA = 44;
const MINUS = 45;
const ZERO = 48;

/**
 * `"86400000,-5,172800000"` as numbers, read digit by digit: the texts hold whole milliseconds
 * (differences of integer columns), and this is several times faster than `split` and `Number`.
 * @throws Error on anything but digits, commas and minus signs.
 */
export function integersOf(text: string): Float64Array {
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === COMMA) count++;
  const out = new Float64Array(count);
  let value = 0;
  let negative = false;
  let n = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : COMMA;
    if (c === COMMA) {
      out[n++] = negative ? -value : value;
      value = 0;
      negative = false;
    } else if (c === MINUS) negative = true;
    else if (c >= ZERO && c <= ZERO + 9) value = value * 10 + (c - ZERO);
    else throw new Error(`not a list of whole numbers: "${text.slice(Math.max(0, i - 10), i + 10)}"`);
  }
  return out;
}

/** The lead times' texts as numbers (no row per case is ever made). */
function samplesOf(row: Row): LeadTimeSamples {
  return Object.fromEntries(
    Object.keys(LEAD_TIMES).map((name) => {
      const text = row[name];
      return [name, typeof text === 'string' && text !== '' ? integersOf(text) : new Float64Array(0)];
    }),
  ) as LeadTimeSamples;
}

function totalsOf(row: Row): FlowTotals {
  const n = (name: string) => Number(row[name] ?? 0);
  return {
    reached: Object.fromEntries(FUNNEL_STAGES.map((s) => [s, n(s)])) as FlowTotals['reached'],
    heldWithFollowUpConference: n('held_follow_up_conference'),
    heldWithoutPlan: n('held_no_plan'),
    outcomes: Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, n(o)])) as FlowTotals['outcomes'],
    samples: samplesOf(row),
  };
}

/**
 * The flow report, read from the flow projection (which may trail the log by a moment). The
 * counts are made in SQL (a narrow `GROUP BY` and one pass without grouping); the lead times, for
 * the medians, come out as one text each.
 */
@Injectable()
export class ReportQueries {
  constructor(@Inject(READ_DB) private readonly db: SqlDb) {}

  /** @throws TafelError (forbidden) for a role that may not read reports. */
  async flow(actor: Actor, filter: FlowFilter): Promise<FlowReport> {
    const { where, params } = this.where(actor, filter);
    const [groups, [totals]] = await Promise.all([
      this.db.all<Row>(
        `SELECT ${GROUP_COLUMNS} FROM tafel_flow_cases ${where} GROUP BY state, decline_reason, withdrawal_reason`,
        params,
      ),
      this.db.all<Row>(`SELECT ${totalColumns(this.db)} FROM tafel_flow_cases ${where}`, params),
    ]);
    return flowReport(groups.map(groupOf), totalsOf(totals));
  }

  /** The per-case rows as RFC 4180 CSV. @throws TafelError (forbidden) as `flow`. */
  async flowCsv(actor: Actor, filter: FlowFilter): Promise<string> {
    const { where, params } = this.where(actor, filter);
    const found = await this.db.all<Record<string, unknown>>(
      `SELECT * FROM tafel_flow_cases ${where} ORDER BY requested_at, id`,
      params,
    );
    return flowCsv(found.map(rowOf));
  }

  private where(actor: Actor, filter: FlowFilter): { where: string; params: unknown[] } {
    if (!REPORT_ROLES.includes(actor.role)) throw forbidden(`The role ${actor.role} may not read reports.`);
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [condition, value] of [
      ['requested_at >= ?', filter.from?.toISOString()],
      ['requested_at < ?', filter.to?.toISOString()],
      ['region = ?', filter.region],
      ['kind = ?', filter.kind],
    ] as const) {
      if (value === undefined) continue;
      conditions.push(condition);
      params.push(value);
    }
    const regions = reportRegions(actor, filter.region);
    if (regions) {
      conditions.push(inList('region', regions.length));
      params.push(...regions);
    }
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }
}
