import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LONG_TEXT, OptionalText, TEXT } from '../http/fields';
import { defineStep } from './step-definition';

export class CompleteIntakeDto {
  @ApiProperty({ type: [String], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(TEXT, { each: true })
  conferenceQuestions!: string[];
  @OptionalText(LONG_TEXT) notes?: string;
}

export const completeIntake = defineStep('complete-intake', ':id/intake', CompleteIntakeDto, {
  toCommand: ({ conferenceQuestions, notes }) => ({ type: 'CompleteIntake', conferenceQuestions, notes }),
});
