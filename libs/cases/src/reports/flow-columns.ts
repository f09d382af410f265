import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from '@app/workflow';
import type { FlowRow } from './flow-row';

/** A declined or withdrawn case of workflow version 1 has no reason code: it counts here. */
export const UNCODED = 'uncoded';

/** The milestones of a case, each kept as epoch milliseconds in a column of its own. */
export const MILESTONE_COLUMNS = {
  requestedAt: 'requested_ms',
  intakeCompletedAt: 'intake_ms',
  coordinatorAssignedAt: 'coordinator_ms',
  conferenceHeldAt: 'held_ms',
  planDistributedAt: 'distributed_ms',
  firstFollowUpAt: 'followed_up_ms',
  noPlanAt: 'no_plan_ms',
  declinedAt: 'declined_ms',
  withdrawnAt: 'withdrawn_ms',
  closedAt: 'closed_ms',
} as const satisfies Partial<Record<keyof FlowRow, string>>;
export type Milestone = keyof typeof MILESTONE_COLUMNS;

/** The column that counts one follow-up outcome (`on-track` → `outcome_on_track`). */
export const outcomeColumn = (outcome: FollowUpOutcome): string => `outcome_${outcome.replace(/-/g, '_')}`;

type Value = string | number | null;

/**
 * A `FlowRow` as the columns of `tafel_flow_cases`, one value each, so the report counts and groups
 * in SQL over a narrow table: codes as text, milestones as epoch milliseconds, the follow-up
 * outcomes as counts. `decline_reason`/`withdrawal_reason` hold `uncoded` for a version-1 case.
 */
export function columnsOf(row: FlowRow): Record<string, Value> {
  const columns: Record<string, Value> = {
    id: row.caseId,
    workflow_version: row.workflowVersion,
    kind: row.kind,
    region: row.region,
    state: row.state,
    issue_type: row.issueType,
    follow_up_of: row.followUpOf,
    requested_at: row.requestedAt,
    decline_reason: row.declinedAt === null ? null : (row.declineReasonCode ?? UNCODED),
    withdrawal_reason: row.withdrawnAt === null ? null : (row.withdrawalReasonCode ?? UNCODED),
    follow_up_conference: row.followUpConferenceRequested ? 1 : 0,
  };
  for (const [field, column] of Object.entries(MILESTONE_COLUMNS)) {
    const at = row[field as Milestone];
    columns[column] = at === null ? null : Date.parse(at);
  }
  for (const outcome of FOLLOW_UP_OUTCOMES)
    columns[outcomeColumn(outcome)] = row.followUpOutcomes[outcome] ?? 0;
  return columns;
}

const codeOf = <T>(value: unknown): T | null => (value === null || value === UNCODED ? null : (value as T));

/** The row back from its columns (milestones as UTC ISO times; PostgreSQL's BIGINT comes as text). */
export function rowOf(c: Record<string, unknown>): FlowRow {
  const at = (column: string) => (c[column] === null ? null : new Date(Number(c[column])).toISOString());
  const milestones = Object.fromEntries(
    Object.entries(MILESTONE_COLUMNS).map(([field, column]) => [field, at(column)]),
  ) as Record<Milestone, string | null>;
  const followUpOutcomes: FlowRow['followUpOutcomes'] = {};
  for (const outcome of FOLLOW_UP_OUTCOMES) {
    const n = Number(c[outcomeColumn(outcome)]);
    if (n > 0) followUpOutcomes[outcome] = n;
  }
  return {
    caseId: c.id as string,
    workflowVersion: Number(c.workflow_version),
    kind: c.kind as FlowRow['kind'],
    region: c.region as string,
    state: c.state as FlowRow['state'],
    issueType: (c.issue_type as FlowRow['issueType']) ?? null,
    followUpOf: (c.follow_up_of as string | null) ?? null,
    ...milestones,
    requestedAt: c.requested_at as string,
    declineReasonCode: codeOf(c.decline_reason),
    withdrawalReasonCode: codeOf(c.withdrawal_reason),
    followUpOutcomes,
    followUpConferenceRequested: Number(c.follow_up_conference) === 1,
  };
}

/** The table's columns after `id`, as SQL definitions. */
export function flowColumnsDdl(bigint: string): string {
  return [
    `created_position ${bigint} NOT NULL`,
    'revision INTEGER NOT NULL',
    'workflow_version INTEGER NOT NULL',
    'kind TEXT NOT NULL',
    'region TEXT NOT NULL',
    'state TEXT NOT NULL',
    'issue_type TEXT',
    'follow_up_of TEXT',
    'requested_at TEXT NOT NULL',
    'decline_reason TEXT',
    'withdrawal_reason TEXT',
    'follow_up_conference INTEGER NOT NULL',
    ...Object.values(MILESTONE_COLUMNS).map((c) => `${c} ${bigint}`),
    ...FOLLOW_UP_OUTCOMES.map((o) => `${outcomeColumn(o)} INTEGER NOT NULL`),
  ].join(',\n    ');
}
