import { FollowUpConferenceDto } from './reason.dto';
import { defineStep } from './step-definition';

export const requestFollowUpConference = defineStep(
  'request-follow-up-conference',
  ':id/follow-up-conference',
  FollowUpConferenceDto,
  {
    created: true,
    description: 'Answers with the new case, whose `followUpOf` is this one.',
    toCommand: ({ reason, kind }, ids) => ({
      type: 'RequestFollowUpConference',
      followUpCaseId: ids.followUpCaseId,
      reason,
      kind,
    }),
  },
);
