import { columnsOf, rowOf } from './flow-columns';
import { NOTHING_YET, type FlowRow } from './flow-row';

const row: FlowRow = {
  caseId: '0f8e7c3a-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
  workflowVersion: 2,
  kind: 'family',
  region: 'Utrecht',
  state: 'followed-up',
  issueType: 'school',
  followUpOf: 'a1b2c3d4-e5f6-8a7b-9c8d-e7f6a5b4c3d2',
  requestedAt: '2026-01-05T09:00:00.000Z',
  intakeCompletedAt: '2026-01-06T10:30:00.000Z',
  coordinatorAssignedAt: '2026-01-08T08:00:00.000Z',
  conferenceHeldAt: '2026-02-01T13:00:00.000Z',
  planDistributedAt: '2026-02-03T09:00:00.000Z',
  firstFollowUpAt: '2026-05-01T09:00:00.000Z',
  noPlanAt: null,
  declinedAt: null,
  withdrawnAt: null,
  closedAt: null,
  declineReasonCode: null,
  withdrawalReasonCode: null,
  followUpOutcomes: { partly: 1, 'on-track': 2 },
  followUpConferenceRequested: true,
};

describe('the flow row as columns', () => {
  it('comes back whole from its columns', () => {
    expect(rowOf(columnsOf(row))).toEqual(row);
  });

  it('reads BIGINT milestones given as text (PostgreSQL) the same', () => {
    const asText = Object.fromEntries(
      Object.entries(columnsOf(row)).map(([k, v]) => [k, k.endsWith('_ms') && v !== null ? String(v) : v]),
    );
    expect(rowOf(asText)).toEqual(row);
  });

  it('counts a version-1 decline without a code as uncoded, and reads it back as no code', () => {
    const declined: FlowRow = {
      ...row,
      ...NOTHING_YET,
      workflowVersion: 1,
      state: 'declined',
      issueType: null,
      followUpOf: null,
      declinedAt: '2026-01-06T09:00:00.000Z',
      followUpOutcomes: {},
    };
    expect(columnsOf(declined)).toMatchObject({ decline_reason: 'uncoded', withdrawal_reason: null });
    expect(rowOf(columnsOf(declined))).toEqual(declined);
  });
});
