import { LANGUAGES, PARTICIPANT_ROLES, type Language, type ParticipantRole } from '@app/workflow';
import { Line, OneOf, OptionalEmail, OptionalLine, OptionalOneOf, PHONE } from '../http/fields';
import { defineStep } from './step-definition';

export class InviteParticipantDto {
  @Line() name!: string;
  @OneOf(PARTICIPANT_ROLES) role!: ParticipantRole;
  @OptionalEmail() email?: string;
  @OptionalLine(PHONE) phone?: string;
  @OptionalLine() organisation?: string;
  @OptionalOneOf(LANGUAGES, 'default TAFEL_MAIL_LANGUAGE (workflow version 2)') language?: Language;
}

export const inviteParticipant = defineStep('invite-participant', ':id/participants', InviteParticipantDto, {
  created: true,
  description: 'The answer carries the new `participantId`.',
  toCommand: ({ name, role, email, phone, organisation, language }, ids) => ({
    type: 'InviteParticipant',
    participantId: ids.participantId,
    ...{ name, role, email, phone, organisation, language },
  }),
});
