import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { referenceOf } from '@app/kernel';
import { CHANNELS, CONFERENCE_KINDS, type Applicant, type Channel, type ConferenceKind } from '@app/workflow';
import { LONG_TEXT, Line, OneOf, OptionalEmail, OptionalLine, PHONE, Text } from '../http/fields';
import { defineStep } from './step-definition';

export class ApplicantDto {
  @Line() name!: string;
  @OptionalEmail() email?: string;
  @OptionalLine(PHONE) phone?: string;
  @OptionalLine() organisation?: string;
}

const applicantOf = ({ name, email, phone, organisation }: ApplicantDto): Omit<Applicant, 'personId'> => ({
  name,
  email,
  phone,
  organisation,
});

export class RequestConferenceDto {
  @OneOf(CONFERENCE_KINDS) kind!: ConferenceKind;
  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;
  @Line() region!: string;
  @Text(LONG_TEXT) description!: string;
  @OneOf(CHANNELS) channel!: Channel;
}

export const request = defineStep('request', '', RequestConferenceDto, {
  created: true,
  toCommand: ({ kind, applicant, region, description, channel }, ids) => ({
    type: 'RequestConference',
    caseId: ids.caseId,
    reference: referenceOf(ids.caseId),
    kind,
    applicant: { personId: ids.applicantPersonId, ...applicantOf(applicant) },
    ...{ region, description, channel },
  }),
});
