import { deterministicId } from '@app/kernel';

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

/** Fixed stand-ins for the generated ids: what a request asks for, before it has a command id. */
export const PLACEHOLDER_IDS: GeneratedIds = {
  caseId: '<case>',
  participantId: '<participant>',
  followUpCaseId: '<follow-up-case>',
  applicantPersonId: '<applicant>',
};
