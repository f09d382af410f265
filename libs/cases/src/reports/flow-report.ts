import { CASE_STATES, FOLLOW_UP_OUTCOMES, type CaseStatus, type FollowUpOutcome } from '@app/workflow';
import type { FlowRow } from './flow-row';

const DAY = 24 * 60 * 60 * 1000;

export const FUNNEL_STAGES = [
  'requested',
  'intake-completed',
  'coordinator-assigned',
  'conference-held',
  'plan-distributed',
  'followed-up',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

type Milestone = 'requestedAt' | 'intakeCompletedAt' | 'coordinatorAssignedAt' | 'conferenceHeldAt';
/** The lead times of API.md, each from one milestone to a later one. */
export const LEAD_TIMES = {
  'request-to-intake': ['requestedAt', 'intakeCompletedAt'],
  'intake-to-coordinator': ['intakeCompletedAt', 'coordinatorAssignedAt'],
  'coordinator-to-conference': ['coordinatorAssignedAt', 'conferenceHeldAt'],
  'conference-to-distribution': ['conferenceHeldAt', 'planDistributedAt'],
  'request-to-conference': ['requestedAt', 'conferenceHeldAt'],
} as const satisfies Record<string, readonly [Milestone, Milestone | 'planDistributedAt']>;
export type LeadTime = keyof typeof LEAD_TIMES;

/** `median` and `p90` in days (two decimals); both `null` when `n` is 0. */
export interface Spread {
  median: number | null;
  p90: number | null;
  n: number;
}

/** A declined or withdrawn case of workflow version 1 has no reason code: it counts here. */
export const UNCODED = 'uncoded';

export interface FlowReport {
  cases: number;
  byState: Record<CaseStatus, number>;
  funnel: { stage: FunnelStage; count: number }[];
  leadTimesDays: Record<LeadTime, Spread>;
  declineReasons: Record<string, number>;
  withdrawalReasons: Record<string, number>;
  followUpOutcomes: Record<FollowUpOutcome, number>;
  /** Of the cases whose conference was held, the share that asked a follow-up conference; `null` for none. */
  followUpConferenceRate: number | null;
  /** Of the cases whose conference was held, the share that ended without a plan; `null` for none. */
  noPlanRate: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Median and 90th percentile of `values`. The median of an even count is the mean of the two middle
 * values; p90 is the nearest rank: the ⌈0.9·n⌉-th smallest value (so for n < 10 the largest one).
 * Both are `null` for an empty list.
 */
export function spread(values: number[]): Spread {
  const n = values.length;
  if (n === 0) return { median: null, p90: null, n };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: round2(median), p90: round2(sorted[Math.ceil(0.9 * n) - 1]), n };
}

const FUNNEL_TEST: Record<FunnelStage, (row: FlowRow) => boolean> = {
  requested: () => true,
  'intake-completed': (r) => r.intakeCompletedAt !== null,
  'coordinator-assigned': (r) => r.coordinatorAssignedAt !== null,
  'conference-held': (r) => r.conferenceHeldAt !== null,
  'plan-distributed': (r) => r.planDistributedAt !== null,
  'followed-up': (r) => r.firstFollowUpAt !== null,
};

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY;
const share = (part: number, whole: number) => (whole === 0 ? null : round2(part / whole));

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/**
 * The figures of `GET /v1/reports/flow` over these cases. An empty group gives zero counts, `null`
 * medians, p90s and rates, and `n: 0`.
 */
export function flowReport(rows: FlowRow[]): FlowReport {
  const byState = Object.fromEntries(CASE_STATES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const row of rows) byState[row.state] += 1;
  const followUpOutcomes = Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, 0])) as Record<
    FollowUpOutcome,
    number
  >;
  for (const row of rows)
    for (const outcome of FOLLOW_UP_OUTCOMES) followUpOutcomes[outcome] += row.followUpOutcomes[outcome] ?? 0;
  const leadTimesDays = Object.fromEntries(
    Object.entries(LEAD_TIMES).map(([name, [from, to]]) => {
      const values = rows.flatMap((r) => {
        const start = r[from];
        const end = r[to];
        return start !== null && end !== null ? [daysBetween(start, end)] : [];
      });
      return [name, spread(values)];
    }),
  ) as Record<LeadTime, Spread>;
  const held = rows.filter((r) => r.conferenceHeldAt !== null);
  return {
    cases: rows.length,
    byState,
    funnel: FUNNEL_STAGES.map((stage) => ({ stage, count: rows.filter(FUNNEL_TEST[stage]).length })),
    leadTimesDays,
    declineReasons: countBy(
      rows.filter((r) => r.declinedAt !== null).map((r) => r.declineReasonCode ?? UNCODED),
    ),
    withdrawalReasons: countBy(
      rows.filter((r) => r.withdrawnAt !== null).map((r) => r.withdrawalReasonCode ?? UNCODED),
    ),
    followUpOutcomes,
    followUpConferenceRate: share(held.filter((r) => r.followUpConferenceRequested).length, held.length),
    noPlanRate: share(held.filter((r) => r.noPlanAt !== null).length, held.length),
  };
}
