import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { IdList, LIST, LONG_TEXT, OptionalText, PLACE, TEXT, Text, TextMayBeBlank } from '../http/fields';
import type { Agreement } from '@app/workflow';
import { defineStep } from './step-definition';

export class AgreementDto {
  @IdList(1) ownerIds!: string[];
  @Text(TEXT) action!: string;
  @OptionalText(PLACE) where?: string;
  @Text(PLACE) when!: string;
}

export class RecordPlanDto {
  @ApiProperty({ type: [AgreementDto], minItems: 1, maxItems: LIST })
  @IsArray()
  @ArrayMaxSize(LIST)
  @ValidateNested({ each: true })
  @Type(() => AgreementDto)
  agreements!: AgreementDto[];
  // Blank is a domain refusal (PLAN.NO_FALLBACK), not a malformed body.
  @TextMayBeBlank(LONG_TEXT) ifItDoesNotWork!: string;
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
