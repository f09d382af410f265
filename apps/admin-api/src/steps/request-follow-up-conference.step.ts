import { ReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const requestFollowUpConference = defineStep(
  'request-follow-up-conference',
  ':id/follow-up-conference',
  ReasonDto,
  {
    created: true,
    description: 'Answers with the new case, whose `followUpOf` is this one.',
    toCommand: ({ reason }, ids) => ({
      type: 'RequestFollowUpConference',
      followUpCaseId: ids.followUpCaseId,
      reason,
    }),
  },
);
