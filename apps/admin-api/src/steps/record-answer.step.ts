import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { ANSWERS, type Answer } from '@app/workflow';
import { OneOf, Optional } from '../http/fields';
import { defineStep } from './step-definition';

export class RecordAnswerDto {
  @OneOf(ANSWERS) answer!: Answer;
  @ApiPropertyOptional({
    description: 'default true: the participant may be asked how the plan goes (version 2)',
  })
  @Optional()
  @IsBoolean()
  researchContact?: boolean;
}

export const recordAnswer = defineStep('record-answer', ':id/participants/:pid/answer', RecordAnswerDto, {
  toCommand: ({ answer, researchContact }, _ids, { participantId }) => ({
    type: 'RecordAnswer',
    participantId,
    answer,
    researchContact,
  }),
});
