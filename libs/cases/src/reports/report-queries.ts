import { READ_DB, type SqlDb } from '@app/kernel';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Role } from '../access/actor';
import { forbidden } from '../errors';
import { flowCsv } from './flow-csv';
import { FOLLOW_UP_OUTCOMES, type CaseStatus } from '@app/workflow';
import { MILESTONE_COLUMNS, outcomeColumn, rowOf, type Milestone } from './flow-columns';
import {
  FUNNEL_MILESTONES,
  FUNNEL_STAGES,
  LEAD_TIMES,
  flowReport,
  type FlowReport,
  type FlowTally,
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

/** One group per state and reason codes: every count of the report in one pass over the rows. */
const TALLY_COLUMNS = [
  'state',
  'decline_reason',
  'withdrawal_reason',
  'count(*) AS cases',
  ...FUNNEL_STAGES.map((stage) => `count(${column(FUNNEL_MILESTONES[stage])}) AS ${q(stage)}`),
  `${sum('held_ms IS NOT NULL AND follow_up_conference = 1')} AS held_follow_up_conference`,
  `${sum('held_ms IS NOT NULL AND no_plan_ms IS NOT NULL')} AS held_no_plan`,
  ...FOLLOW_UP_OUTCOMES.map((o) => `sum(${outcomeColumn(o)}) AS ${q(o)}`),
].join(', ');

/**
 * Each lead time of the group's cases, in milliseconds, as one comma-separated text (the cases
 * without one leave it out): one value to hand over instead of a row per case.
 */
const leadTimeColumns = (db: SqlDb) =>
  Object.entries(LEAD_TIMES)
    .map(([name, [from, to]]) => {
      const value = `${column(to)} - ${column(from)}`;
      return db.dialect === 'postgres'
        ? `string_agg((${value})::text, ',') AS ${q(name)}`
        : `group_concat(${value}) AS ${q(name)}`;
    })
    .join(', ');

type TallyRow = Record<string, string | number | null>;

function tallyOf(row: TallyRow): FlowTally {
  const n = (name: string) => Number(row[name] ?? 0);
  return {
    state: row.state as CaseStatus,
    declineReason: row.decline_reason as string | null,
    withdrawalReason: row.withdrawal_reason as string | null,
    cases: n('cases'),
    reached: Object.fromEntries(FUNNEL_STAGES.map((s) => [s, n(s)])) as FlowTally['reached'],
    heldWithFollowUpConference: n('held_follow_up_conference'),
    heldWithoutPlan: n('held_no_plan'),
    outcomes: Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, n(o)])) as FlowTally['outcomes'],
  };
}

function samplesOf(row: TallyRow | undefined): LeadTimeSamples {
  return Object.fromEntries(
    Object.keys(LEAD_TIMES).map((name) => {
      const text = row?.[name];
      if (typeof text !== 'string' || text === '') return [name, new Float64Array(0)];
      const parts = text.split(',');
      const values = new Float64Array(parts.length);
      for (let i = 0; i < parts.length; i++) values[i] = Number(parts[i]);
      return [name, values];
    }),
  ) as LeadTimeSamples;
}

/**
 * The flow report, read from the flow projection (which may trail the log by a moment). The
 * counts are made in SQL over the figure columns; only the lead times (for medians) are read out.
 */
@Injectable()
export class ReportQueries {
  constructor(@Inject(READ_DB) private readonly db: SqlDb) {}

  /** @throws TafelError (forbidden) for a role that may not read reports. */
  async flow(actor: Actor, filter: FlowFilter): Promise<FlowReport> {
    const { where, params } = this.where(actor, filter);
    const [tallies, [leadTimes]] = await Promise.all([
      this.db.all<TallyRow>(
        `SELECT ${TALLY_COLUMNS} FROM tafel_flow_cases ${where} GROUP BY state, decline_reason, withdrawal_reason`,
        params,
      ),
      this.db.all<TallyRow>(`SELECT ${leadTimeColumns(this.db)} FROM tafel_flow_cases ${where}`, params),
    ]);
    return flowReport(tallies.map(tallyOf), samplesOf(leadTimes));
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
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }
}
