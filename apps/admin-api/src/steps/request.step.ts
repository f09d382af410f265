import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { referenceOf } from '@app/kernel';
import { CHANNELS, CONFERENCE_KINDS, type Channel, type ConferenceKind } from '@app/workflow';
import { LONG_TEXT, NAME, OneOf, OptionalEmail, OptionalText, PHONE, Text } from '../http/fields';
import { defineStep } from './step-definition';

export class ApplicantDto {
  @Text(NAME) name!: string;
  @OptionalEmail() email?: string;
  @OptionalText(PHONE) phone?: string;
  @OptionalText(NAME) organisation?: string;
}

export class RequestConferenceDto {
  @OneOf(CONFERENCE_KINDS) kind!: ConferenceKind;
  @ApiProperty({ type: ApplicantDto }) @ValidateNested() @Type(() => ApplicantDto) applicant!: ApplicantDto;
  @Text(NAME) region!: string;
  @Text(LONG_TEXT) description!: string;
  @OneOf(CHANNELS) channel!: Channel;
}

export const request = defineStep({
  step: 'request',
  path: '',
  dto: RequestConferenceDto,
  created: true,
  toCommand: (dto, ids) => ({
    type: 'RequestConference',
    caseId: ids.caseId,
    reference: referenceOf(ids.caseId),
    kind: dto.kind,
    applicant: {
      personId: ids.applicantPersonId,
      name: dto.applicant.name,
      email: dto.applicant.email,
      phone: dto.applicant.phone,
      organisation: dto.applicant.organisation,
    },
    region: dto.region,
    description: dto.description,
    channel: dto.channel,
  }),
});
