import { PARTICIPANT_ROLES, type ParticipantRole } from '@app/workflow';
import { NAME, OneOf, OptionalEmail, OptionalText, PHONE, Text } from '../http/fields';
import { defineStep } from './step-definition';

export class InviteParticipantDto {
  @Text(NAME) name!: string;
  @OneOf(PARTICIPANT_ROLES) role!: ParticipantRole;
  @OptionalEmail() email?: string;
  @OptionalText(PHONE) phone?: string;
  @OptionalText(NAME) organisation?: string;
}

export const inviteParticipant = defineStep({
  step: 'invite-participant',
  path: ':id/participants',
  dto: InviteParticipantDto,
  created: true,
  description: 'The answer carries the new `participantId`.',
  toCommand: (dto, ids) => ({
    type: 'InviteParticipant',
    participantId: ids.participantId,
    name: dto.name,
    role: dto.role,
    email: dto.email,
    phone: dto.phone,
    organisation: dto.organisation,
  }),
});
