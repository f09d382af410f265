import { PLACE, Text, TimeWithOffset } from '../http/fields';
import { defineStep } from './step-definition';

export class ScheduleConferenceDto {
  @TimeWithOffset('in the future') startsAt!: string;
  @Text(PLACE) location!: string;
}

export const scheduleConference = defineStep({
  step: 'schedule-conference',
  path: ':id/schedule',
  dto: ScheduleConferenceDto,
  toCommand: (dto) => ({ type: 'ScheduleConference', startsAt: dto.startsAt, location: dto.location }),
});
