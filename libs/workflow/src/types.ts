/**
 * The conference case as data: commands (imperative), events (past tense) and the folded state.
 * Plain typed objects, no classes. Personal data sits only in the fields listed in PERSONAL_FIELDS,
 * so that it can later be encrypted per person without touching anything else.
 */

/** The enumerations of API.md, once: DTOs and OpenAPI take their values from here. */
export const CONFERENCE_KINDS = ['group', 'family'] as const;
export const CHANNELS = ['online', 'phone'] as const;
export const PARTICIPANT_ROLES = ['family', 'neighbour', 'school', 'professional', 'other'] as const;
export const ANSWERS = ['accepted', 'declined'] as const;
export const FOLLOW_UP_OUTCOMES = ['on-track', 'partly', 'not-carried-out', 'unreachable'] as const;
/** Why a request was declined or a case withdrawn, coded so it can be counted (workflow version 2). */
export const REASON_CODES = [
  'not-suitable',
  'applicant-withdrew',
  'no-participants',
  'no-coordinator',
  'safety',
  'other',
] as const;
/** What a conference is about, as the intake codes it (workflow version 2). */
export const ISSUE_TYPES = [
  'neighbours',
  'school',
  'family',
  'divorce',
  'youth-care',
  'housing',
  'other',
] as const;
/** The languages a participant can be written to in (workflow version 2). */
export const LANGUAGES = ['nl', 'en'] as const;

export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export type Answer = (typeof ANSWERS)[number];
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export type ReasonCode = (typeof REASON_CODES)[number];
export type IssueType = (typeof ISSUE_TYPES)[number];
export type Language = (typeof LANGUAGES)[number];

/** The states of API.md, in the order a case normally passes them. */
export const CASE_STATES = [
  'requested',
  'declined',
  'awaiting-coordinator',
  'preparing',
  'scheduled',
  'held',
  'no-plan',
  'plan-recorded',
  'plan-distributed',
  'followed-up',
  'withdrawn',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATES)[number];

/** The step names of API.md (`nextSteps`), in the order `nextSteps` lists them. */
export const STEPS = [
  'request',
  'complete-intake',
  'decline',
  'revise-questions',
  'assign-coordinator',
  'invite-participant',
  'correct-participant',
  'remove-participant',
  'record-preparation',
  'record-answer',
  'schedule-conference',
  'adjourn-conference',
  'hold-conference',
  'record-plan',
  'record-no-plan',
  'distribute-plan',
  'contact-follow-up',
  'request-follow-up-conference',
  'withdraw',
  'close',
] as const;
export type Step = (typeof STEPS)[number];

export interface Applicant {
  personId: string;
  name: string;
  email?: string;
  phone?: string;
  organisation?: string;
}

export interface Agreement {
  ownerIds: string[];
  action: string;
  where?: string;
  when: string;
}

/** The details of a participant that `correct-participant` can correct (at least one of them). */
export interface ParticipantDetails {
  name?: string;
  email?: string;
  phone?: string;
  organisation?: string;
  language?: Language;
}

// ---------------------------------------------------------------- commands
// Fields marked "v2" are recorded only for cases on workflow version 2 or later; a version 1 case
// records exactly what it always recorded.

export type Command =
  | {
      type: 'RequestConference';
      caseId: string;
      reference: string;
      kind: ConferenceKind;
      applicant: Applicant;
      region: string;
      description: string;
      channel: Channel;
      followUpOf?: string;
    }
  | { type: 'CompleteIntake'; conferenceQuestions: string[]; notes?: string; /** v2 */ issueType?: IssueType }
  | { type: 'DeclineRequest'; reason: string; /** v2 */ reasonCode?: ReasonCode }
  | { type: 'ReviseQuestions'; conferenceQuestions: string[]; reason: string }
  | {
      type: 'AssignCoordinator';
      coordinatorId: string;
      name: string;
      email: string;
      independenceDeclared: boolean;
      reason?: string;
    }
  | {
      type: 'InviteParticipant';
      participantId: string;
      name: string;
      role: ParticipantRole;
      email?: string;
      phone?: string;
      organisation?: string;
      /** v2; absent means the configured default language. */
      language?: Language;
    }
  | ({ type: 'CorrectParticipant'; participantId: string } & ParticipantDetails)
  | { type: 'RemoveParticipant'; participantId: string; reason: string }
  | { type: 'RecordPreparation'; participantId: string; notes?: string }
  | { type: 'RecordAnswer'; participantId: string; answer: Answer; /** v2 */ researchContact?: boolean }
  | { type: 'ScheduleConference'; startsAt: string; location: string }
  | {
      type: 'AdjournConference';
      heldAt: string;
      attendees: string[];
      reason: string;
      continuesAt: string;
      /** Where it continues; the current location when not given. */
      location?: string;
    }
  | { type: 'HoldConference'; heldAt: string; attendees: string[]; privatePartHeld?: boolean }
  | { type: 'RecordPlan'; agreements: Agreement[]; ifItDoesNotWork: string }
  | { type: 'RecordNoPlan'; reason: string }
  | { type: 'DistributePlan' }
  | { type: 'ContactFollowUp'; contactedAt: string; outcome: FollowUpOutcome; notes?: string }
  | {
      type: 'RequestFollowUpConference';
      followUpCaseId: string;
      reason: string;
      /** v2; the kind of this case when not given. */
      kind?: ConferenceKind;
    }
  | { type: 'WithdrawCase'; reason: string; /** v2 */ reasonCode?: ReasonCode }
  | { type: 'CloseCase' };

export type CommandType = Command['type'];

// ---------------------------------------------------------------- events

/** Every event carries `at`: when the step happened (the decider's `now`), as an ISO string. */
export type DomainEvent =
  | {
      type: 'ConferenceRequested';
      data: {
        at: string;
        caseId: string;
        reference: string;
        kind: ConferenceKind;
        applicant: Applicant;
        region: string;
        description: string;
        channel: Channel;
        followUpOf?: string;
        workflowVersion: number;
      };
    }
  | {
      type: 'IntakeCompleted';
      data: { at: string; conferenceQuestions: string[]; notes?: string; issueType?: IssueType };
    }
  | { type: 'RequestDeclined'; data: { at: string; reason: string; reasonCode?: ReasonCode } }
  | { type: 'QuestionsRevised'; data: { at: string; conferenceQuestions: string[]; reason: string } }
  | {
      type: 'CoordinatorAssigned';
      data: {
        at: string;
        coordinatorId: string;
        name: string;
        email: string;
        independenceDeclared: true;
        replaces?: string;
        reason?: string;
      };
    }
  | {
      type: 'ParticipantInvited';
      data: {
        at: string;
        participantId: string;
        name: string;
        role: ParticipantRole;
        email?: string;
        phone?: string;
        organisation?: string;
        language?: Language;
      };
    }
  | { type: 'ParticipantCorrected'; data: { at: string; participantId: string } & ParticipantDetails }
  | { type: 'ParticipantRemoved'; data: { at: string; participantId: string; reason: string } }
  | { type: 'ParticipantPrepared'; data: { at: string; participantId: string; notes?: string } }
  | {
      type: 'ParticipantAnswered';
      data: { at: string; participantId: string; answer: Answer; researchContact?: boolean };
    }
  | {
      type: 'ConferenceScheduled';
      data: { at: string; startsAt: string; location: string; rescheduled: boolean };
    }
  | {
      type: 'ConferenceAdjourned';
      data: {
        at: string;
        heldAt: string;
        attendees: string[];
        reason: string;
        continuesAt: string;
        /** Where it continues (given, or else where it was scheduled). */
        location: string;
      };
    }
  | {
      type: 'ConferenceHeld';
      data: { at: string; heldAt: string; attendees: string[]; privatePartHeld?: boolean };
    }
  | { type: 'PlanRecorded'; data: { at: string; agreements: Agreement[]; ifItDoesNotWork: string } }
  | { type: 'NoPlanRecorded'; data: { at: string; reason: string } }
  | { type: 'PlanDistributed'; data: { at: string; recipients: string[] } }
  | {
      type: 'FollowUpContacted';
      data: { at: string; contactedAt: string; outcome: FollowUpOutcome; notes?: string };
    }
  | {
      type: 'FollowUpConferenceRequested';
      data: { at: string; followUpCaseId: string; reason: string; kind?: ConferenceKind };
    }
  | { type: 'CaseWithdrawn'; data: { at: string; reason: string; reasonCode?: ReasonCode } }
  | { type: 'CaseClosed'; data: { at: string } };

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/**
 * Where personal data lives in each event's `data` (dotted paths). Everything else in an event is
 * non-personal. The privacy layer encrypts exactly these fields.
 */
export const PERSONAL_FIELDS: Record<EventType, readonly string[]> = {
  ConferenceRequested: ['applicant.name', 'applicant.email', 'applicant.phone', 'description'],
  IntakeCompleted: ['notes'],
  RequestDeclined: ['reason'],
  QuestionsRevised: [],
  CoordinatorAssigned: [],
  ParticipantInvited: ['name', 'email', 'phone'],
  ParticipantCorrected: ['name', 'email', 'phone'],
  ParticipantRemoved: ['reason'],
  ParticipantPrepared: ['notes'],
  ParticipantAnswered: [],
  ConferenceScheduled: [],
  ConferenceAdjourned: [],
  ConferenceHeld: [],
  PlanRecorded: [],
  NoPlanRecorded: [],
  PlanDistributed: [],
  FollowUpContacted: ['notes'],
  FollowUpConferenceRequested: [],
  CaseWithdrawn: [],
  CaseClosed: [],
};

/**
 * Where the free text about the case lives in each event's `data` (dotted paths; `[]` stands for
 * every item of a list, so a list keeps its length and shape when its text reads erased): conference
 * questions, places, agreements, notes, the description and reasons. The privacy layer seals these
 * under the case's own key, which retention destroys. Free text that is also in PERSONAL_FIELDS (the
 * applicant's description, notes and decline reason; a participant's preparation notes and removal
 * reason) is sealed under both keys — the case's inside the person's — so either an erasure of the
 * person or the end of the case's term destroys it.
 */
export const CASE_TEXT_FIELDS: Record<EventType, readonly string[]> = {
  ConferenceRequested: ['description'],
  IntakeCompleted: ['conferenceQuestions[]', 'notes'],
  RequestDeclined: ['reason'],
  QuestionsRevised: ['conferenceQuestions[]', 'reason'],
  CoordinatorAssigned: ['reason'],
  ParticipantInvited: [],
  ParticipantCorrected: [],
  ParticipantRemoved: ['reason'],
  ParticipantPrepared: ['notes'],
  ParticipantAnswered: [],
  ConferenceScheduled: ['location'],
  ConferenceAdjourned: ['reason', 'location'],
  ConferenceHeld: [],
  PlanRecorded: ['agreements[].action', 'agreements[].where', 'ifItDoesNotWork'],
  NoPlanRecorded: ['reason'],
  PlanDistributed: [],
  FollowUpContacted: ['notes'],
  FollowUpConferenceRequested: ['reason'],
  CaseWithdrawn: ['reason'],
  CaseClosed: [],
};

// ---------------------------------------------------------------- state

export interface Participant {
  participantId: string;
  name: string;
  role: ParticipantRole;
  email?: string;
  phone?: string;
  organisation?: string;
  invitedAt: string;
  preparedAt?: string;
  preparationNotes?: string;
  answer?: Answer;
  answeredAt?: string;
  // Set only on cases of workflow version 2, and only once something set them:
  language?: Language;
  /** Whether they may be contacted for research later (absent: yes). */
  researchContact?: boolean;
  correctedAt?: string;
  /** When their e-mail address was last corrected: they are invited again at that address. */
  emailCorrectedAt?: string;
  removed?: true;
  removedAt?: string;
  removalReason?: string;
}

/** A meeting of the conference that was adjourned: who attended, why, and when it continues. */
export interface Adjournment {
  heldAt: string;
  attendees: string[];
  reason: string;
  continuesAt: string;
  location: string;
  adjournedAt: string;
}

export interface Coordinator {
  coordinatorId: string;
  name: string;
  email: string;
  assignedAt: string;
}

export interface CaseState {
  id: string;
  reference: string;
  kind: ConferenceKind;
  status: CaseStatus;
  workflowVersion: number;
  requestedAt: string;
  applicant: Applicant;
  region: string;
  description: string;
  channel: Channel;
  followUpOf?: string;
  followUpCases: string[];
  conferenceQuestions: string[];
  intakeNotes?: string;
  declineReason?: string;
  // Set only on cases of workflow version 2, and only once an event set them:
  issueType?: IssueType;
  declineReasonCode?: ReasonCode;
  questionRevisions?: { at: string; reason: string }[];
  adjournments?: Adjournment[];
  noPlan?: { at: string; reason: string };
  coordinator?: Coordinator;
  previousCoordinators: Coordinator[];
  participants: Participant[];
  /**
   * The date told to participants. `sequence`: 0 when first scheduled, one higher for each change
   * (a reschedule or an adjournment) — the calendar invitation's SEQUENCE. Absent in states stored
   * before it existed (read as 0).
   */
  schedule?: { startsAt: string; location: string; scheduledAt: string; sequence?: number };
  conference?: { heldAt: string; attendees: string[]; privatePartHeld?: boolean };
  plan?: { agreements: Agreement[]; ifItDoesNotWork: string; recordedAt: string; version: number };
  distribution?: { distributedAt: string; recipients: string[] };
  followUps: { contactedAt: string; outcome: FollowUpOutcome; notes?: string }[];
  withdrawal?: { at: string; reason: string; reasonCode?: ReasonCode };
  closedAt?: string;
}

// ---------------------------------------------------------------- decisions

/** A refused step: nothing is appended. */
export interface Refusal {
  /** Stable rule code, e.g. `CASE.STEP_NOT_ALLOWED`, `CONFERENCE.TOO_FEW_ACCEPTED`. */
  rule: string;
  /** The state the case is in (`null` when the case does not exist yet). */
  currentState: CaseStatus | null;
  /** The steps allowed now. */
  nextSteps: Step[];
  /** One plain English sentence for staff. */
  message: string;
}

export type Decision = { ok: true; events: DomainEvent[] } | { ok: false; refusal: Refusal };
