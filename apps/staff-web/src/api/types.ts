/** The shapes the admin API answers with (API.md; `libs/cases/src/case-view.ts`). */

export interface Agreement {
  ownerIds: string[];
  action: string;
  where?: string;
  when: string;
}

export interface Participant {
  id: string;
  name: string;
  role: string;
  email?: string;
  phone?: string;
  organisation?: string;
  invitedAt: string;
  preparedAt?: string;
  preparationNotes?: string;
  answer?: 'accepted' | 'declined';
  answeredAt?: string;
  language?: string;
  removed?: true;
}

/** `GET /v1/me`: who the signed-in token is, and the steps its role may take at all. */
export interface Me {
  id: string;
  name: string;
  role: string;
  regions?: string[];
  steps: string[];
}

export interface CaseView {
  id: string;
  reference: string;
  kind: 'group' | 'family';
  state: string;
  revision: number;
  nextSteps: string[];
  workflowVersion?: number;
  requestedAt: string;
  region: string;
  description: string;
  channel: string;
  applicant: { personId: string; name: string; email?: string; phone?: string; organisation?: string };
  conferenceQuestions: string[];
  intakeNotes?: string;
  coordinator?: { coordinatorId: string; name: string; email: string; assignedAt: string };
  participants: Participant[];
  schedule?: { startsAt: string; location: string };
  conference?: { heldAt: string; attendees: string[]; privatePartHeld?: boolean };
  plan?: { agreements: Agreement[]; ifItDoesNotWork: string; recordedAt: string; version: number };
  distribution?: { distributedAt: string; recipients: string[] };
  followUps: { contactedAt: string; outcome: string; notes?: string }[];
  followUpOf?: string;
  followUpCases: string[];
}

export interface CaseSummary {
  id: string;
  reference: string;
  kind: string;
  state: string;
  region: string;
  coordinatorId: string | null;
  revision: number;
  requestedAt: string;
}

export interface CaseList {
  items: CaseSummary[];
  nextCursor: string | null;
}

export interface Actor {
  id: string;
  role: string;
  name?: string;
}

export interface HistoryEvent {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: Actor;
}

export interface Verification {
  valid: boolean;
  events: number;
  head: string | null;
  firstInvalid?: { stream: string; revision?: number };
}

export interface AccessLogEntry {
  at: string;
  actor: Actor;
  route: string;
  status: number;
}

export interface ParticipantMessages {
  id: string;
  name: string;
  role: string;
  reachBy: 'email' | 'phone' | 'erased';
  sent: { kind: string; at: string }[];
  due: { kind: string; dueAt: string; lastError?: string }[];
  failed: { kind: string; at: string; reason: string; permanent: boolean }[];
}

export interface CaseMessages {
  caseId: string;
  participants: ParticipantMessages[];
}

export interface FlowReport {
  cases: number;
  byState: Record<string, number>;
  funnel: { stage: string; count: number }[];
  leadTimesDays: Record<string, { median: number | null; p90: number | null; n: number }>;
  declineReasons: Record<string, number>;
  withdrawalReasons: Record<string, number>;
  followUpOutcomes: Record<string, number>;
  followUpConferenceRate: number | null;
  noPlanRate: number | null;
}

export interface WorkflowDescription {
  version: number;
  states: string[];
  steps: string[];
  transitions: { from: string; step: string; to: string }[];
  mermaid: string;
}
