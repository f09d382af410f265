import type { CaseState, DomainEvent, EventOf, Participant } from './types';

/** `{ [key]: value }`, or nothing when the value is absent: fields of later versions appear only when set. */
const ifSet = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function updateParticipant(
  state: CaseState,
  id: string,
  patch: (p: Participant) => Participant,
): Participant[] {
  const i = state.participants.findIndex((p) => p.participantId === id);
  if (i < 0) return state.participants;
  const participants = state.participants.slice();
  participants[i] = patch(participants[i]);
  return participants;
}

/** The schedule's sequence after a (re)scheduling: 0 the first time, then one higher per change. */
const nextSequence = (state: CaseState): number =>
  state.schedule ? (state.schedule.sequence ?? 0) + 1 : 0;

function requested({ data }: EventOf<'ConferenceRequested'>): CaseState {
  const state: CaseState = {
    id: data.caseId,
    reference: data.reference,
    kind: data.kind,
    status: 'requested',
    workflowVersion: data.workflowVersion,
    requestedAt: data.at,
    applicant: data.applicant,
    region: data.region,
    description: data.description,
    channel: data.channel,
    followUpCases: [],
    conferenceQuestions: [],
    previousCoordinators: [],
    participants: [],
    followUps: [],
    // Every optional key present from the start keeps one object shape, which keeps spreads fast.
    followUpOf: data.followUpOf,
    intakeNotes: undefined,
    declineReason: undefined,
    coordinator: undefined,
    schedule: undefined,
    conference: undefined,
    plan: undefined,
    distribution: undefined,
    withdrawal: undefined,
    closedAt: undefined,
  };
  return state;
}

/**
 * Applies one recorded event to the case: a plain reducer, no checks (events are facts). Never
 * mutates its input. An event other than `ConferenceRequested` on no case throws.
 */
export function evolve(state: CaseState | undefined, event: DomainEvent): CaseState {
  if (event.type === 'ConferenceRequested') return requested(event);
  if (state === undefined) throw new Error(`${event.type} cannot start a case`);
  const { data } = event;
  switch (event.type) {
    case 'IntakeCompleted':
      return {
        ...state,
        status: 'awaiting-coordinator',
        conferenceQuestions: event.data.conferenceQuestions,
        intakeNotes: event.data.notes,
        ...ifSet('issueType', event.data.issueType),
      };
    case 'RequestDeclined':
      return {
        ...state,
        status: 'declined',
        declineReason: event.data.reason,
        ...ifSet('declineReasonCode', event.data.reasonCode),
      };
    case 'QuestionsRevised': {
      const { at, conferenceQuestions, reason } = event.data;
      const revisions = [...(state.questionRevisions ?? []), { at, reason }];
      return { ...state, conferenceQuestions, questionRevisions: revisions };
    }
    case 'CoordinatorAssigned': {
      const { coordinatorId, name, email, at } = event.data;
      return {
        ...state,
        status: state.status === 'awaiting-coordinator' ? 'preparing' : state.status,
        coordinator: { coordinatorId, name, email, assignedAt: at },
        previousCoordinators: state.coordinator
          ? [...state.previousCoordinators, state.coordinator]
          : state.previousCoordinators,
      };
    }
    case 'ParticipantInvited': {
      const { at, participantId, name, role, email, phone, organisation, language } = event.data;
      const participant: Participant = {
        participantId,
        name,
        role,
        email,
        phone,
        organisation,
        invitedAt: at,
        preparedAt: undefined,
        preparationNotes: undefined,
        answer: undefined,
        answeredAt: undefined,
        ...ifSet('language', language),
      };
      return { ...state, participants: [...state.participants, participant] };
    }
    case 'ParticipantCorrected': {
      const { at, participantId, ...details } = event.data;
      return {
        ...state,
        participants: updateParticipant(state, participantId, (p) => ({
          ...p,
          ...details,
          correctedAt: at,
          ...ifSet('emailCorrectedAt', details.email === undefined ? undefined : at),
        })),
      };
    }
    case 'ParticipantRemoved': {
      const { at, participantId, reason } = event.data;
      return {
        ...state,
        participants: updateParticipant(state, participantId, (p) => ({
          ...p,
          removed: true,
          removedAt: at,
          removalReason: reason,
        })),
      };
    }
    case 'ParticipantPrepared': {
      const { at, notes } = event.data;
      return {
        ...state,
        participants: updateParticipant(state, event.data.participantId, (p) => ({
          ...p,
          preparedAt: at,
          preparationNotes: notes,
        })),
      };
    }
    case 'ParticipantAnswered': {
      const { at, answer, researchContact } = event.data;
      return {
        ...state,
        participants: updateParticipant(state, event.data.participantId, (p) => ({
          ...p,
          answer,
          answeredAt: at,
          ...ifSet('researchContact', researchContact),
        })),
      };
    }
    case 'ConferenceScheduled': {
      const { startsAt, location, at } = event.data;
      const schedule = { startsAt, location, scheduledAt: at, sequence: nextSequence(state) };
      return { ...state, status: 'scheduled', schedule };
    }
    case 'ConferenceAdjourned': {
      const { at, heldAt, attendees, reason, continuesAt, location } = event.data;
      const meeting = { heldAt, attendees, reason, continuesAt, location, adjournedAt: at };
      return {
        ...state,
        status: 'scheduled',
        adjournments: [...(state.adjournments ?? []), meeting],
        schedule: { startsAt: continuesAt, location, scheduledAt: at, sequence: nextSequence(state) },
      };
    }
    case 'ConferenceHeld': {
      const { heldAt, attendees, privatePartHeld } = event.data;
      const conference =
        privatePartHeld === undefined ? { heldAt, attendees } : { heldAt, attendees, privatePartHeld };
      return { ...state, status: 'held', conference };
    }
    case 'PlanRecorded':
      return {
        ...state,
        status: 'plan-recorded',
        plan: {
          agreements: event.data.agreements,
          ifItDoesNotWork: event.data.ifItDoesNotWork,
          recordedAt: event.data.at,
          version: (state.plan?.version ?? 0) + 1,
        },
      };
    case 'NoPlanRecorded':
      return { ...state, status: 'no-plan', noPlan: { at: event.data.at, reason: event.data.reason } };
    case 'PlanDistributed':
      return {
        ...state,
        status: 'plan-distributed',
        distribution: { distributedAt: event.data.at, recipients: event.data.recipients },
      };
    case 'FollowUpContacted': {
      const { contactedAt, outcome, notes } = event.data;
      const followUp = notes === undefined ? { contactedAt, outcome } : { contactedAt, outcome, notes };
      return { ...state, status: 'followed-up', followUps: [...state.followUps, followUp] };
    }
    case 'FollowUpConferenceRequested':
      return { ...state, followUpCases: [...state.followUpCases, event.data.followUpCaseId] };
    case 'CaseWithdrawn': {
      const { at, reason, reasonCode } = event.data;
      return {
        ...state,
        status: 'withdrawn',
        withdrawal: { at, reason, ...ifSet('reasonCode', reasonCode) },
      };
    }
    case 'CaseClosed':
      return { ...state, status: 'closed', closedAt: data.at };
    default: {
      const _never: never = event;
      return _never;
    }
  }
}

/** Folds a history into the case it describes (`undefined` for an empty history). */
export function fold(events: readonly DomainEvent[]): CaseState | undefined {
  let state: CaseState | undefined;
  for (const event of events) state = evolve(state, event);
  return state;
}
