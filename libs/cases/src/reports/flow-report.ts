import { CASE_STATES, FOLLOW_UP_OUTCOMES, type CaseStatus, type FollowUpOutcome } from '@app/workflow';
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

/** The cases of one state and pair of reason codes, counted (in SQL, over the figure columns). */
export interface FlowTally {
  state: CaseStatus;
  /** Set for declined cases: the code, or `uncoded`. */
  declineReason: string | null;
  /** Set for withdrawn cases: the code, or `uncoded`. */
  withdrawalReason: string | null;
  cases: number;
  /** How many reached each funnel stage. */
  reached: Record<FunnelStage, number>;
  /** Of those whose conference was held: how many asked a follow-up conference, ended without a plan. */
  heldWithFollowUpConference: number;
  heldWithoutPlan: number;
  outcomes: Record<FollowUpOutcome, number>;
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
 * Median and 90th percentile of `values`. The median of an even count is the mean of the two middle
 * values; p90 is the nearest rank: the ⌈0.9·n⌉-th smallest value (so for n < 10 the largest one).
 * Both are `null` for an empty list. `scale` divides each value first (milliseconds to days).
 */
export function spread(values: ArrayLike<number>, scale = 1): Spread {
  const n = values.length;
  if (n === 0) return { median: null, p90: null, n };
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: round2(median / scale), p90: round2(sorted[Math.ceil(0.9 * n) - 1] / scale), n };
}

const share = (part: number, whole: number) => (whole === 0 ? null : round2(part / whole));
const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The figures of `GET /v1/reports/flow` from the counted groups and the lead-time samples. An
 * empty group gives zero counts, `null` medians, p90s and rates, and `n: 0`.
 */
export function flowReport(tallies: FlowTally[], samples: LeadTimeSamples): FlowReport {
  const byState = zeroes(CASE_STATES);
  const reached = zeroes(FUNNEL_STAGES);
  const followUpOutcomes = zeroes(FOLLOW_UP_OUTCOMES);
  const declineReasons: Record<string, number> = {};
  const withdrawalReasons: Record<string, number> = {};
  let cases = 0;
  let askedFollowUp = 0;
  let withoutPlan = 0;
  for (const t of tallies) {
    cases += t.cases;
    byState[t.state] += t.cases;
    for (const stage of FUNNEL_STAGES) reached[stage] += t.reached[stage];
    for (const outcome of FOLLOW_UP_OUTCOMES) followUpOutcomes[outcome] += t.outcomes[outcome];
    if (t.declineReason !== null)
      declineReasons[t.declineReason] = (declineReasons[t.declineReason] ?? 0) + t.cases;
    if (t.withdrawalReason !== null)
      withdrawalReasons[t.withdrawalReason] = (withdrawalReasons[t.withdrawalReason] ?? 0) + t.cases;
    askedFollowUp += t.heldWithFollowUpConference;
    withoutPlan += t.heldWithoutPlan;
  }
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
    followUpOutcomes,
    followUpConferenceRate: share(askedFollowUp, held),
    noPlanRate: share(withoutPlan, held),
  };
}
