import { PLACE, Text, TimeWithOffset } from '../http/fields';
import { defineStep } from './step-definition';

export class ScheduleConferenceDto {
  @TimeWithOffset('in the future') startsAt!: string;
  @Text(PLACE) location!: string;
}

export const scheduleConference = defineStep('schedule-conference', ':id/schedule', ScheduleConferenceDto, {
  toCommand: ({ startsAt, location }) => ({ type: 'ScheduleConference', startsAt, location }),
});
