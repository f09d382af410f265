import { LANGUAGES, type Language } from '@app/workflow';
import { AtLeastOneOf, NAME, OptionalEmail, OptionalOneOf, OptionalText, PHONE } from '../http/fields';
import { defineStep } from './step-definition';

const DETAILS = ['name', 'email', 'phone', 'organisation', 'language'] as const;

@AtLeastOneOf(DETAILS)
export class CorrectParticipantDto {
  @OptionalText(NAME) name?: string;
  @OptionalEmail() email?: string;
  @OptionalText(PHONE) phone?: string;
  @OptionalText(NAME) organisation?: string;
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
