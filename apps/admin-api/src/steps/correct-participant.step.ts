import { LANGUAGES, type Language } from '@app/workflow';
import { AtLeastOneOf, OptionalEmail, OptionalLine, OptionalOneOf, PHONE } from '../http/fields';
import { defineStep } from './step-definition';

const DETAILS = ['name', 'email', 'phone', 'organisation', 'language'] as const;

@AtLeastOneOf(DETAILS)
export class CorrectParticipantDto {
  @OptionalLine() name?: string;
  @OptionalEmail() email?: string;
  @OptionalLine(PHONE) phone?: string;
  @OptionalLine() organisation?: string;
  @OptionalOneOf(LANGUAGES) language?: Language;
}

export const correctParticipant = defineStep(
  'correct-participant',
  ':id/participants/:pid/details',
  CorrectParticipantDto,
  {
    description:
      'Workflow version 2: one or more details corrected; an address that never got its invitation gets it.',
    toCommand: ({ name, email, phone, organisation, language }, _ids, { participantId }) => ({
      type: 'CorrectParticipant',
      participantId,
      ...{ name, email, phone, organisation, language },
    }),
  },
);
