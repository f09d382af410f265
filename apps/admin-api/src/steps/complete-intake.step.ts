import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ISSUE_TYPES, type IssueType } from '@app/workflow';
import { LONG_TEXT, OptionalOneOf, OptionalText, TEXT } from '../http/fields';
import { defineStep } from './step-definition';

/** One or more non-blank conference questions. */
export const ConferenceQuestions = () =>
  applyDecorators(
    ApiProperty({ type: [String], minItems: 1 }),
    IsArray(),
    ArrayMinSize(1),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(TEXT, { each: true }),
  );

export class CompleteIntakeDto {
  @ConferenceQuestions() conferenceQuestions!: string[];
  @OptionalText(LONG_TEXT) notes?: string;
  @OptionalOneOf(ISSUE_TYPES, 'default `other` (workflow version 2)') issueType?: IssueType;
}

export const completeIntake = defineStep('complete-intake', ':id/intake', CompleteIntakeDto, {
  toCommand: ({ conferenceQuestions, notes, issueType }) => ({
    type: 'CompleteIntake',
    ...{ conferenceQuestions, notes, issueType },
  }),
});
