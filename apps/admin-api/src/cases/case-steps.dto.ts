import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const TEXT = 2000;
/** API.md: times are ISO 8601 with an offset, so a time never depends on the server's time zone. */
export const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const OFFSET_MESSAGE = {
  message: '$property must be a date-time with an offset, e.g. 2026-03-16T10:00:00+01:00',
};
const LONG_TEXT = 20000;

export class ApplicantDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) organisation?: string;
}

export class RequestConferenceDto {
  @ApiProperty({ enum: ['group', 'family'] }) @IsIn(['group', 'family']) kind!: 'group' | 'family';
  @ApiProperty({ type: ApplicantDto }) @ValidateNested() @Type(() => ApplicantDto) applicant!: ApplicantDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) region!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LONG_TEXT) description!: string;
  @ApiProperty({ enum: ['online', 'phone'] }) @IsIn(['online', 'phone']) channel!: 'online' | 'phone';
}

export class CompleteIntakeDto {
  @ApiProperty({ type: [String], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(TEXT, { each: true })
  conferenceQuestions!: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG_TEXT) notes?: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) reason!: string;
}

export class AssignCoordinatorDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) coordinatorId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty() @IsEmail() email!: string;
  @ApiProperty({ enum: [true] }) @Equals(true) independenceDeclared!: true;
  @ApiPropertyOptional({ description: 'required when replacing' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  reason?: string;
}

export class InviteParticipantDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ enum: ['family', 'neighbour', 'school', 'professional', 'other'] })
  @IsIn(['family', 'neighbour', 'school', 'professional', 'other'])
  role!: 'family' | 'neighbour' | 'school' | 'professional' | 'other';
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) organisation?: string;
}

export class RecordPreparationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG_TEXT) notes?: string;
}

export class RecordAnswerDto {
  @ApiProperty({ enum: ['accepted', 'declined'] }) @IsIn(['accepted', 'declined']) answer!:
    'accepted' | 'declined';
}

export class ScheduleConferenceDto {
  @ApiProperty({ format: 'date-time', description: 'in the future' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, OFFSET_MESSAGE)
  startsAt!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) location!: string;
}

export class HoldConferenceDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, OFFSET_MESSAGE)
  heldAt!: string;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) attendees!: string[];
  @ApiPropertyOptional({ description: 'family conferences only' })
  @IsOptional()
  @IsBoolean()
  privatePartHeld?: boolean;
}

export class AgreementDto {
  @ApiProperty({ type: [String], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  ownerIds!: string[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) action!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) where?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) when!: string;
}

export class RecordPlanDto {
  @ApiProperty({ type: [AgreementDto], minItems: 1 })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AgreementDto)
  agreements!: AgreementDto[];
  @ApiProperty() @IsString() @MaxLength(LONG_TEXT) ifItDoesNotWork!: string;
}

export class EmptyDto {}

export class ContactFollowUpDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, OFFSET_MESSAGE)
  contactedAt!: string;
  @ApiProperty({ enum: ['on-track', 'partly', 'not-carried-out', 'unreachable'] })
  @IsIn(['on-track', 'partly', 'not-carried-out', 'unreachable'])
  outcome!: 'on-track' | 'partly' | 'not-carried-out' | 'unreachable';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG_TEXT) notes?: string;
}
