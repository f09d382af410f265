import {
  type CaseStatus,
  type ConferenceKind,
  type DomainEvent,
  type FollowUpOutcome,
  type IssueType,
  type ReasonCode,
} from '@app/workflow';

/**
 * One case as the flow report sees it: its milestones (ISO times), its codes and counts. Holds no
 * names, no contact details and no free text, so it may leave the service as it is.
 */
export interface FlowRow {
  caseId: string;
  workflowVersion: number;
  kind: ConferenceKind;
  region: string;
  state: CaseStatus;
  issueType: IssueType | null;
  followUpOf: string | null;
  requestedAt: string;
  intakeCompletedAt: string | null;
  /** The first coordinator's; a replacement does not move it. */
  coordinatorAssignedAt: string | null;
  /** When the conference was held (`heldAt` of the step), the last meeting if it was adjourned. */
  conferenceHeldAt: string | null;
  planDistributedAt: string | null;
  /** When the first follow-up contact took place (`contactedAt` of the step). */
  firstFollowUpAt: string | null;
  noPlanAt: string | null;
  declinedAt: string | null;
  withdrawnAt: string | null;
  closedAt: string | null;
  declineReasonCode: ReasonCode | null;
  withdrawalReasonCode: ReasonCode | null;
  followUpOutcomes: Partial<Record<FollowUpOutcome, number>>;
  followUpConferenceRequested: boolean;
}

/** Every milestone still to come, no codes, nothing counted: a case just requested. */
export const NOTHING_YET = {
  issueType: null,
  intakeCompletedAt: null,
  coordinatorAssignedAt: null,
  conferenceHeldAt: null,
  planDistributedAt: null,
  firstFollowUpAt: null,
  noPlanAt: null,
  declinedAt: null,
  withdrawnAt: null,
  closedAt: null,
  declineReasonCode: null,
  withdrawalReasonCode: null,
  followUpOutcomes: {},
  followUpConferenceRequested: false,
} as const satisfies Partial<FlowRow>;

/**
 * The row after one more event of the case (`undefined` before the case is requested). Reads only
 * the non-personal fields of the events.
 */
export function evolveFlowRow(row: FlowRow | undefined, event: DomainEvent): FlowRow | undefined {
  if (event.type === 'ConferenceRequested') {
    const { caseId, kind, region, followUpOf, workflowVersion, at } = event.data;
    return {
      caseId,
      workflowVersion,
      kind,
      region,
      state: 'requested',
      followUpOf: followUpOf ?? null,
      requestedAt: at,
      ...NOTHING_YET,
      followUpOutcomes: {},
    };
  }
  if (!row) return row;
  const { at } = event.data;
  switch (event.type) {
    case 'IntakeCompleted': {
      const issueType = event.data.issueType ?? null;
      return { ...row, state: 'awaiting-coordinator', intakeCompletedAt: at, issueType };
    }
    case 'RequestDeclined':
      return { ...row, state: 'declined', declinedAt: at, declineReasonCode: event.data.reasonCode ?? null };
    case 'CoordinatorAssigned':
      return {
        ...row,
        state: row.state === 'awaiting-coordinator' ? 'preparing' : row.state,
        coordinatorAssignedAt: row.coordinatorAssignedAt ?? event.data.at,
      };
    case 'ConferenceScheduled':
    case 'ConferenceAdjourned':
      return { ...row, state: 'scheduled' };
    case 'ConferenceHeld':
      return { ...row, state: 'held', conferenceHeldAt: event.data.heldAt };
    case 'PlanRecorded':
      return { ...row, state: 'plan-recorded' };
    case 'NoPlanRecorded':
      return { ...row, state: 'no-plan', noPlanAt: event.data.at };
    case 'PlanDistributed':
      return { ...row, state: 'plan-distributed', planDistributedAt: event.data.at };
    case 'FollowUpContacted': {
      const { outcome, contactedAt } = event.data;
      return {
        ...row,
        state: 'followed-up',
        firstFollowUpAt: row.firstFollowUpAt ?? contactedAt,
        followUpOutcomes: { ...row.followUpOutcomes, [outcome]: (row.followUpOutcomes[outcome] ?? 0) + 1 },
      };
    }
    case 'FollowUpConferenceRequested':
      return { ...row, followUpConferenceRequested: true };
    case 'CaseWithdrawn': {
      const withdrawalReasonCode = event.data.reasonCode ?? null;
      return { ...row, state: 'withdrawn', withdrawnAt: at, withdrawalReasonCode };
    }
    case 'CaseClosed':
      return { ...row, state: 'closed', closedAt: event.data.at };
    case 'QuestionsRevised':
    case 'ParticipantInvited':
    case 'ParticipantCorrected':
    case 'ParticipantRemoved':
    case 'ParticipantPrepared':
    case 'ParticipantAnswered':
      return row;
    default: {
      const _never: never = event;
      return _never;
    }
  }
}
