import { deterministicId, referenceOf } from '@app/kernel';
import type { Applicant, Command, Step } from '@app/workflow';

/** The body of a step as the API received it (validated by its DTO). */
export type StepInput = Record<string, unknown>;

/** Ids a step needs that the server gives: derived from the command id, so a retry gets the same ones. */
export interface GeneratedIds {
  caseId: string;
  participantId: string;
  followUpCaseId: string;
  applicantPersonId: string;
}

export function generatedIds(commandId: string): GeneratedIds {
  return {
    caseId: deterministicId(commandId, 'case'),
    participantId: deterministicId(commandId, 'participant'),
    followUpCaseId: deterministicId(commandId, 'follow-up-case'),
    applicantPersonId: deterministicId(commandId, 'applicant'),
  };
}

/** Turns a step and its body into the domain command. */
export function toCommand(step: Step, input: StepInput, ids: GeneratedIds, participantId?: string): Command {
  const i = input as Record<string, never>;
  switch (step) {
    case 'request':
      return {
        type: 'RequestConference',
        caseId: ids.caseId,
        reference: referenceOf(ids.caseId),
        kind: i.kind,
        applicant: { personId: ids.applicantPersonId, ...(i.applicant as Omit<Applicant, 'personId'>) },
        region: i.region,
        description: i.description,
        channel: i.channel,
      };
    case 'complete-intake':
      return { type: 'CompleteIntake', conferenceQuestions: i.conferenceQuestions, notes: i.notes };
    case 'decline':
      return { type: 'DeclineRequest', reason: i.reason };
    case 'assign-coordinator':
      return {
        type: 'AssignCoordinator',
        coordinatorId: i.coordinatorId,
        name: i.name,
        email: i.email,
        independenceDeclared: i.independenceDeclared,
        reason: i.reason,
      };
    case 'invite-participant':
      return {
        type: 'InviteParticipant',
        participantId: ids.participantId,
        name: i.name,
        role: i.role,
        email: i.email,
        phone: i.phone,
        organisation: i.organisation,
      };
    case 'record-preparation':
      return { type: 'RecordPreparation', participantId: participantId!, notes: i.notes };
    case 'record-answer':
      return { type: 'RecordAnswer', participantId: participantId!, answer: i.answer };
    case 'schedule-conference':
      return { type: 'ScheduleConference', startsAt: i.startsAt, location: i.location };
    case 'hold-conference':
      return {
        type: 'HoldConference',
        heldAt: i.heldAt,
        attendees: i.attendees,
        privatePartHeld: i.privatePartHeld,
      };
    case 'record-plan':
      return { type: 'RecordPlan', agreements: i.agreements, ifItDoesNotWork: i.ifItDoesNotWork };
    case 'distribute-plan':
      return { type: 'DistributePlan' };
    case 'contact-follow-up':
      return { type: 'ContactFollowUp', contactedAt: i.contactedAt, outcome: i.outcome, notes: i.notes };
    case 'request-follow-up-conference':
      return { type: 'RequestFollowUpConference', followUpCaseId: ids.followUpCaseId, reason: i.reason };
    case 'withdraw':
      return { type: 'WithdrawCase', reason: i.reason };
    case 'close':
      return { type: 'CloseCase' };
    default: {
      const _never: never = step;
      throw new Error(`unknown step ${String(_never)}`);
    }
  }
}
