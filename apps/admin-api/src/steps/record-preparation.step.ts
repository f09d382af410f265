import { LONG_TEXT, OptionalText } from '../http/fields';
import { defineStep } from './step-definition';

export class RecordPreparationDto {
  @OptionalText(LONG_TEXT) notes?: string;
}

export const recordPreparation = defineStep({
  step: 'record-preparation',
  path: ':id/participants/:pid/preparation',
  dto: RecordPreparationDto,
  toCommand: (dto, _ids, { participantId }) => ({
    type: 'RecordPreparation',
    participantId,
    notes: dto.notes,
  }),
});
