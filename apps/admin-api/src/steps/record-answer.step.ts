import { ANSWERS, type Answer } from '@app/workflow';
import { OneOf } from '../http/fields';
import { defineStep } from './step-definition';

export class RecordAnswerDto {
  @OneOf(ANSWERS) answer!: Answer;
}

export const recordAnswer = defineStep('record-answer', ':id/participants/:pid/answer', RecordAnswerDto, {
  toCommand: ({ answer }, _ids, { participantId }) => ({ type: 'RecordAnswer', participantId, answer }),
});
