import { IdList, OptionalText, PLACE, TEXT, Text, TimeWithOffset } from '../http/fields';
import { defineStep } from './step-definition';

export class AdjournConferenceDto {
  @TimeWithOffset() heldAt!: string;
  @IdList() attendees!: string[];
  @Text(TEXT) reason!: string;
  @TimeWithOffset('in the future') continuesAt!: string;
  @OptionalText(PLACE, 'where it continues; the same place when not given') location?: string;
}

export const adjournConference = defineStep(
  'adjourn-conference',
  ':id/conference/adjournment',
  AdjournConferenceDto,
  {
    description: 'Workflow version 2: the group met and continues on a new date; the case stays scheduled.',
    toCommand: ({ heldAt, attendees, reason, continuesAt, location }) => ({
      type: 'AdjournConference',
      ...{ heldAt, attendees, reason, continuesAt, location },
    }),
  },
);
