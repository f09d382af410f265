import { ReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const requestFollowUpConference = defineStep({
  step: 'request-follow-up-conference',
  path: ':id/follow-up-conference',
  dto: ReasonDto,
  created: true,
  description: 'Answers with the new case, whose `followUpOf` is this one.',
  toCommand: (dto, ids) => ({
    type: 'RequestFollowUpConference',
    followUpCaseId: ids.followUpCaseId,
    reason: dto.reason,
  }),
});
