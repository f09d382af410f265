import { CASE_STATES, type CaseStatus, type FollowUpOutcome } from '@app/workflow';
import type { Milestone } from './flow-columns';

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

/** The lead times of API.md, each from one milestone to a later one. */
export const LEAD_TIMES = {
  'request-to-intake': ['requestedAt', 'intakeCompletedAt'],
  'intake-to-coordinator': ['intakeCompletedAt', 'coordinatorAssignedAt'],
  'coordinator-to-conference': ['coordinatorAssignedAt', 'conferenceHeldAt'],
  'conference-to-distribution': ['conferenceHeldAt', 'planDistributedAt'],
  'request-to-conference': ['requestedAt', 'conferenceHeldAt'],
} as const satisfies Record<string, readonly [Milestone, Milestone]>;
export type LeadTime = keyof typeof LEAD_TIMES;

/** The milestone a case has reached to count in a funnel stage. */
export const FUNNEL_MILESTONES = {
  requested: 'requestedAt',
  'intake-completed': 'intakeCompletedAt',
  'coordinator-assigned': 'coordinatorAssignedAt',
  'conference-held': 'conferenceHeldAt',
  'plan-distributed': 'planDistributedAt',
  'followed-up': 'firstFollowUpAt',
} as const satisfies Record<FunnelStage, Milestone>;

/** The cases of one state and pair of reason codes, counted (in SQL: `GROUP BY`, a count only). */
export interface FlowGroup {
  state: CaseStatus;
  /** Set for declined cases: the code, or `uncoded`. */
  declineReason: string | null;
  /** Set for withdrawn cases: the code, or `uncoded`. */
  withdrawalReason: string | null;
  cases: number;
}

/** What is counted over all the cases at once (in SQL: one pass without grouping). */
export interface FlowTotals {
  /** How many reached each funnel stage. */
  reached: Record<FunnelStage, number>;
  /** Of those whose conference was held: how many asked a follow-up conference, ended without a plan. */
  heldWithFollowUpConference: number;
  heldWithoutPlan: number;
  outcomes: Record<FollowUpOutcome, number>;
  samples: LeadTimeSamples;
}

/** Per lead time, the durations in milliseconds of the cases that have both milestones. */
export type LeadTimeSamples = Record<LeadTime, Float64Array>;

/** `median` and `p90` in days (two decimals); both `null` when `n` is 0. */
export interface Spread {
  median: number | null;
  p90: number | null;
  n: number;
}

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
 * Puts the `k`-th smallest value (0-based) of `a` at `a[k]`, the smaller ones before it and the
 * larger ones after it (Hoare's selection, in place): O(n) on average, where sorting is O(n log n).
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const x = a[i];
        a[i++] = a[j];
        a[j--] = x;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

/** The largest of `a[0..end)`. */
function maxBefore(a: Float64Array, end: number): number {
  let max = -Infinity;
  for (let i = 0; i < end; i++) if (a[i] > max) max = a[i];
  return max;
}

/**
 * Median and 90th percentile of `values`. The median of an even count is the mean of the two middle
 * values; p90 is the nearest rank: the ⌈0.9·n⌉-th smallest value (so for n < 10 the largest one).
 * Both are `null` for an empty list. `scale` divides each value first (milliseconds to days).
 */
export function spread(values: ArrayLike<number>, scale = 1): Spread {
  const n = values.length;
  if (n === 0) return { median: null, p90: null, n };
  const a = Float64Array.from(values);
  const middle = Math.floor(n / 2);
  const upper = select(a, middle);
  // After the selection every value before `middle` is at most `upper`: the lower middle is their largest.
  const median = n % 2 === 1 ? upper : (maxBefore(a, middle) + upper) / 2;
  const p90 = select(a, Math.ceil(0.9 * n) - 1);
  return { median: round2(median / scale), p90: round2(p90 / scale), n };
}

const share = (part: number, whole: number) => (whole === 0 ? null : round2(part / whole));
const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The figures of `GET /v1/reports/flow` from the counted groups and the totals with the lead-time samples. An
 * empty group gives zero counts, `null` medians, p90s and rates, and `n: 0`.
 */
export function flowReport(groups: FlowGroup[], totals: FlowTotals): FlowReport {
  const byState = zeroes(CASE_STATES);
  const declineReasons: Record<string, number> = {};
  const withdrawalReasons: Record<string, number> = {};
  let cases = 0;
  for (const g of groups) {
    cases += g.cases;
    byState[g.state] += g.cases;
    if (g.declineReason !== null)
      declineReasons[g.declineReason] = (declineReasons[g.declineReason] ?? 0) + g.cases;
    if (g.withdrawalReason !== null)
      withdrawalReasons[g.withdrawalReason] = (withdrawalReasons[g.withdrawalReason] ?? 0) + g.cases;
  }
  const { reached, samples } = totals;
  const held = reached['conference-held'];
  const leadTimesDays = Object.fromEntries(
    Object.keys(LEAD_TIMES).map((name) => [name, spread(samples[name as LeadTime], DAY)]),
  ) as Record<LeadTime, Spread>;
  return {
    cases,
    byState,
    funnel: FUNNEL_STAGES.map((stage) => ({ stage, count: reached[stage] })),
    leadTimesDays,
    declineReasons,
    withdrawalReasons,
    followUpOutcomes: totals.outcomes,
    followUpConferenceRate: share(totals.heldWithFollowUpConference, held),
    noPlanRate: share(totals.heldWithoutPlan, held),
  };
}
