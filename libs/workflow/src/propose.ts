import { planRecipients } from './rule-checks';
import type { StepEvent } from './steps';
import type { CaseState, Command, DomainEvent } from './types';

export type CaseCommand = Exclude<Command, { type: 'RequestConference' }>;

/** Drops keys whose value is undefined, so that events stay plain JSON. */
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * `fields` for a case on workflow `version` or later, nothing for an earlier one: a case records what
 * its own version records, so an older case never gains a field (nor a default) of a later version.
 */
function since<T extends object>(version: number, state: CaseState, fields: T): Partial<T> {
  return state.workflowVersion >= version ? fields : {};
}

/** The first event of a case, as a request proposes it. */
export function requestEvent(
  command: Extract<Command, { type: 'RequestConference' }>,
  at: string,
  workflowVersion: number,
): DomainEvent {
  const { type: _type, ...rest } = command;
  return { type: 'ConferenceRequested', data: defined({ at, ...rest, workflowVersion }) };
}

/**
 * Turns a command on an existing case into the machine event that proposes what it would record.
 * No rule is checked here; the machine's guards judge the proposal.
 */
export function propose(state: CaseState, command: CaseCommand, at: string): StepEvent {
  switch (command.type) {
    case 'CompleteIntake':
      return {
        type: 'complete-intake',
        event: {
          type: 'IntakeCompleted',
          data: defined({
            at,
            conferenceQuestions: command.conferenceQuestions,
            notes: command.notes,
            ...since(2, state, { issueType: command.issueType ?? 'other' }),
          }),
        },
      };
    case 'DeclineRequest':
      return {
        type: 'decline',
        event: {
          type: 'RequestDeclined',
          data: {
            at,
            reason: command.reason,
            ...since(2, state, { reasonCode: command.reasonCode ?? 'other' }),
          },
        },
      };
    case 'ReviseQuestions':
      return {
        type: 'revise-questions',
        event: {
          type: 'QuestionsRevised',
          data: { at, conferenceQuestions: command.conferenceQuestions, reason: command.reason },
        },
      };
    case 'AssignCoordinator': {
      const { type: _type, ...rest } = command;
      const replaces = state.coordinator?.coordinatorId;
      return {
        type: 'assign-coordinator',
        event: { type: 'CoordinatorAssigned', data: defined({ at, ...rest, replaces }) },
      };
    }
    case 'InviteParticipant': {
      const { type: _type, language, ...rest } = command;
      return {
        type: 'invite-participant',
        event: {
          type: 'ParticipantInvited',
          data: defined({ at, ...rest, ...since(2, state, { language }) }),
        },
      };
    }
    case 'CorrectParticipant': {
      const { type: _type, participantId, name, email, phone, organisation, language } = command;
      return {
        type: 'correct-participant',
        event: {
          type: 'ParticipantCorrected',
          data: defined({ at, participantId, name, email, phone, organisation, language }),
        },
      };
    }
    case 'RemoveParticipant':
      return {
        type: 'remove-participant',
        event: {
          type: 'ParticipantRemoved',
          data: { at, participantId: command.participantId, reason: command.reason },
        },
      };
    case 'RecordPreparation':
      return {
        type: 'record-preparation',
        event: {
          type: 'ParticipantPrepared',
          data: defined({ at, participantId: command.participantId, notes: command.notes }),
        },
      };
    case 'RecordAnswer':
      return {
        type: 'record-answer',
        event: {
          type: 'ParticipantAnswered',
          data: {
            at,
            participantId: command.participantId,
            answer: command.answer,
            ...since(2, state, {
              researchContact:
                command.researchContact ??
                state.participants.find((p) => p.participantId === command.participantId)?.researchContact ??
                true,
            }),
          },
        },
      };
    case 'ScheduleConference':
      return {
        type: 'schedule-conference',
        event: {
          type: 'ConferenceScheduled',
          data: {
            at,
            startsAt: command.startsAt,
            location: command.location,
            rescheduled: state.schedule !== undefined,
          },
        },
      };
    case 'AdjournConference':
      return {
        type: 'adjourn-conference',
        event: {
          type: 'ConferenceAdjourned',
          data: {
            at,
            heldAt: command.heldAt,
            attendees: [...new Set(command.attendees)],
            reason: command.reason,
            continuesAt: command.continuesAt,
            location: command.location ?? state.schedule?.location ?? '',
          },
        },
      };
    case 'HoldConference':
      return {
        type: 'hold-conference',
        event: {
          type: 'ConferenceHeld',
          data: defined({
            at,
            heldAt: command.heldAt,
            attendees: [...new Set(command.attendees)],
            privatePartHeld: command.privatePartHeld,
          }),
        },
      };
    case 'RecordPlan':
      return {
        type: 'record-plan',
        event: {
          type: 'PlanRecorded',
          data: {
            at,
            agreements: command.agreements.map((a) => defined({ ...a })),
            ifItDoesNotWork: command.ifItDoesNotWork,
          },
        },
      };
    case 'RecordNoPlan':
      return {
        type: 'record-no-plan',
        event: { type: 'NoPlanRecorded', data: { at, reason: command.reason } },
      };
    case 'DistributePlan': {
      const recipients =
        state.workflowVersion >= 2 ? planRecipients(state) : [...(state.conference?.attendees ?? [])];
      return { type: 'distribute-plan', event: { type: 'PlanDistributed', data: { at, recipients } } };
    }
    case 'ContactFollowUp':
      return {
        type: 'contact-follow-up',
        event: {
          type: 'FollowUpContacted',
          data: defined({
            at,
            contactedAt: command.contactedAt,
            outcome: command.outcome,
            notes: command.notes,
          }),
        },
      };
    case 'RequestFollowUpConference':
      return {
        type: 'request-follow-up-conference',
        event: {
          type: 'FollowUpConferenceRequested',
          data: {
            at,
            followUpCaseId: command.followUpCaseId,
            reason: command.reason,
            ...since(2, state, { kind: command.kind ?? state.kind }),
          },
        },
      };
    case 'WithdrawCase':
      return {
        type: 'withdraw',
        event: {
          type: 'CaseWithdrawn',
          data: {
            at,
            reason: command.reason,
            ...since(2, state, { reasonCode: command.reasonCode ?? 'other' }),
          },
        },
      };
    case 'CloseCase':
      return { type: 'close', event: { type: 'CaseClosed', data: { at } } };
    default: {
      const _never: never = command;
      return _never;
    }
  }
}
