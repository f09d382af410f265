import { LONG_TEXT, OptionalText } from '../http/fields';
import { defineStep } from './step-definition';

export class RecordPreparationDto {
  @OptionalText(LONG_TEXT) notes?: string;
}

export const recordPreparation = defineStep(
  'record-preparation',
  ':id/participants/:pid/preparation',
  RecordPreparationDto,
  {
    toCommand: ({ notes }, _ids, { participantId }) => ({ type: 'RecordPreparation', participantId, notes }),
  },
);
