import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LONG_TEXT, OptionalText, PLACE, TEXT, Text } from '../http/fields';
import type { Agreement } from '@app/workflow';
import { defineStep } from './step-definition';

export class AgreementDto {
  @ApiProperty({ type: [String], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  ownerIds!: string[];
  @Text(TEXT) action!: string;
  @OptionalText(PLACE) where?: string;
  @Text(PLACE) when!: string;
}

export class RecordPlanDto {
  @ApiProperty({ type: [AgreementDto], minItems: 1 })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AgreementDto)
  agreements!: AgreementDto[];
  // Blank is a domain refusal (PLAN.NO_FALLBACK), not a malformed body.
  @ApiProperty({ maxLength: LONG_TEXT }) @IsString() @MaxLength(LONG_TEXT) ifItDoesNotWork!: string;
}

export const recordPlan = defineStep('record-plan', ':id/plan', RecordPlanDto, {
  toCommand: ({ agreements, ifItDoesNotWork }) => ({
    type: 'RecordPlan',
    agreements: agreements.map(({ ownerIds, action, where, when }): Agreement => ({
      ownerIds,
      action,
      where,
      when,
    })),
    ifItDoesNotWork,
  }),
});
