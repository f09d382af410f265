import { nextSteps, type CaseState, type EventType, type Step } from '@app/workflow';

/** The case as the API shows it (API.md: the command answer's fields plus the case data). */
export interface CaseView {
  id: string;
  reference: string;
  kind: string;
  state: string;
  revision: number;
  nextSteps: Step[];
  events: EventType[];
  [field: string]: unknown;
}

export function caseView(state: CaseState, revision: number, events: EventType[] = []): CaseView {
  const { id, reference, kind, status, participants, ...data } = state;
  return {
    id,
    reference,
    kind,
    state: status,
    revision,
    nextSteps: nextSteps(state),
    events,
    ...data,
    participants: participants.map(({ participantId, ...p }) => ({ id: participantId, ...p })),
  };
}

/** A row of the case list. */
export function caseSummary(state: CaseState, revision: number) {
  return {
    id: state.id,
    reference: state.reference,
    kind: state.kind,
    state: state.status,
    region: state.region,
    coordinatorId: state.coordinator?.coordinatorId ?? null,
    revision,
    requestedAt: state.requestedAt,
  };
}
