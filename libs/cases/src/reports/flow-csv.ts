import { FOLLOW_UP_OUTCOMES } from '@app/workflow';
import type { FlowRow } from './flow-row';

type Cell = string | number | boolean | null;

/** The per-case columns, in order: name and how to read it from a row. No personal data. */
export const FLOW_COLUMNS: [string, (r: FlowRow) => Cell][] = [
  ['case_id', (r) => r.caseId],
  ['workflow_version', (r) => r.workflowVersion],
  ['kind', (r) => r.kind],
  ['region', (r) => r.region],
  ['state', (r) => r.state],
  ['issue_type', (r) => r.issueType],
  ['follow_up_of', (r) => r.followUpOf],
  ['requested_at', (r) => r.requestedAt],
  ['intake_completed_at', (r) => r.intakeCompletedAt],
  ['coordinator_assigned_at', (r) => r.coordinatorAssignedAt],
  ['conference_held_at', (r) => r.conferenceHeldAt],
  ['plan_distributed_at', (r) => r.planDistributedAt],
  ['first_follow_up_at', (r) => r.firstFollowUpAt],
  ['no_plan_at', (r) => r.noPlanAt],
  ['declined_at', (r) => r.declinedAt],
  ['withdrawn_at', (r) => r.withdrawnAt],
  ['closed_at', (r) => r.closedAt],
  ['decline_reason_code', (r) => r.declineReasonCode],
  ['withdrawal_reason_code', (r) => r.withdrawalReasonCode],
  ...FOLLOW_UP_OUTCOMES.map((o): [string, (r: FlowRow) => Cell] => [
    `follow_ups_${o.replace(/-/g, '_')}`,
    (r) => r.followUpOutcomes[o] ?? 0,
  ]),
  ['follow_up_conference_requested', (r) => r.followUpConferenceRequested],
];

/** One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. */
export function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: a header row, then one record per row, every line ending in CRLF. */
export function toCsv(header: string[], records: Cell[][]): string {
  return [header, ...records].map((fields) => fields.map(csvField).join(',') + '\r\n').join('');
}

/** The flow rows as CSV, one line per case. */
export const flowCsv = (rows: FlowRow[]): string =>
  toCsv(
    FLOW_COLUMNS.map(([name]) => name),
    rows.map((row) => FLOW_COLUMNS.map(([, read]) => read(row))),
  );
