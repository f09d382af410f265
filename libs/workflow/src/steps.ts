import type { Command, CommandType, DomainEvent, EventOf, EventType, Step } from './types';

/** The command each API step sends. */
export const STEP_COMMANDS = {
  request: 'RequestConference',
  'complete-intake': 'CompleteIntake',
  decline: 'DeclineRequest',
  'revise-questions': 'ReviseQuestions',
  'assign-coordinator': 'AssignCoordinator',
  'invite-participant': 'InviteParticipant',
  'correct-participant': 'CorrectParticipant',
  'remove-participant': 'RemoveParticipant',
  'record-preparation': 'RecordPreparation',
  'record-answer': 'RecordAnswer',
  'schedule-conference': 'ScheduleConference',
  'adjourn-conference': 'AdjournConference',
  'hold-conference': 'HoldConference',
  'record-plan': 'RecordPlan',
  'record-no-plan': 'RecordNoPlan',
  'distribute-plan': 'DistributePlan',
  'contact-follow-up': 'ContactFollowUp',
  'request-follow-up-conference': 'RequestFollowUpConference',
  withdraw: 'WithdrawCase',
  close: 'CloseCase',
} as const satisfies Record<Step, CommandType>;

/** The event each step records when it is accepted (one event per step). */
export const STEP_EVENTS = {
  request: 'ConferenceRequested',
  'complete-intake': 'IntakeCompleted',
  decline: 'RequestDeclined',
  'revise-questions': 'QuestionsRevised',
  'assign-coordinator': 'CoordinatorAssigned',
  'invite-participant': 'ParticipantInvited',
  'correct-participant': 'ParticipantCorrected',
  'remove-participant': 'ParticipantRemoved',
  'record-preparation': 'ParticipantPrepared',
  'record-answer': 'ParticipantAnswered',
  'schedule-conference': 'ConferenceScheduled',
  'adjourn-conference': 'ConferenceAdjourned',
  'hold-conference': 'ConferenceHeld',
  'record-plan': 'PlanRecorded',
  'record-no-plan': 'NoPlanRecorded',
  'distribute-plan': 'PlanDistributed',
  'contact-follow-up': 'FollowUpContacted',
  'request-follow-up-conference': 'FollowUpConferenceRequested',
  withdraw: 'CaseWithdrawn',
  close: 'CaseClosed',
} as const satisfies Record<Step, EventType>;

const invert = <K extends string, V extends string>(o: Record<K, V>): Record<V, K> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [v, k])) as Record<V, K>;

/** The API step of each command type. */
export const COMMAND_STEPS: Record<CommandType, Step> = invert(STEP_COMMANDS);
/** The step that records each event type. */
export const EVENT_STEPS: Record<EventType, Step> = invert(STEP_EVENTS);

/** The command a step sends, as a type: `StepCommand<'schedule-conference'>` is `ScheduleConference`. */
export type StepCommand<S extends Step> = Extract<Command, { type: (typeof STEP_COMMANDS)[S] }>;

/** The API step (`nextSteps` name) a command performs. */
export function stepOf(command: Command): Step {
  return COMMAND_STEPS[command.type];
}

/** Steps on an existing case: the events the machine understands. */
export type CaseStep = Exclude<Step, 'request'>;

/**
 * What a step would record, before the machine has judged it. Identical to the event except that
 * `independenceDeclared` is still the caller's boolean: a guard insists on `true`.
 */
export type Proposal<S extends CaseStep = CaseStep> = S extends 'assign-coordinator'
  ? {
      type: 'CoordinatorAssigned';
      data: Omit<EventOf<'CoordinatorAssigned'>['data'], 'independenceDeclared'> & {
        independenceDeclared: boolean;
      };
    }
  : EventOf<(typeof STEP_EVENTS)[S]>;

/** A machine event: named after the API step, carrying the event it proposes to record. */
export type StepEvent = { [S in CaseStep]: { type: S; event: Proposal<S> } }[CaseStep];
export type StepEventOf<S extends CaseStep> = Extract<StepEvent, { type: S }>;

/** A recorded event as the machine event that would have produced it. */
export function stepEventOf(event: DomainEvent): StepEvent {
  return { type: EVENT_STEPS[event.type], event } as StepEvent;
}
