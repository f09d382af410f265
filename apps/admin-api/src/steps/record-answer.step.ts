import { ANSWERS, type Answer } from '@app/workflow';
import { OneOf } from '../http/fields';
import { defineStep } from './step-definition';

export class RecordAnswerDto {
  @OneOf(ANSWERS) answer!: Answer;
}

export const recordAnswer = defineStep({
  step: 'record-answer',
  path: ':id/participants/:pid/answer',
  dto: RecordAnswerDto,
  toCommand: (dto, _ids, { participantId }) => ({ type: 'RecordAnswer', participantId, answer: dto.answer }),
});
