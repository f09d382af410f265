import { assignCoordinator } from './assign-coordinator.step';
import { close } from './close.step';
import { completeIntake } from './complete-intake.step';
import { contactFollowUp } from './contact-follow-up.step';
import { decline } from './decline.step';
import { distributePlan } from './distribute-plan.step';
import { holdConference } from './hold-conference.step';
import { inviteParticipant } from './invite-participant.step';
import { recordAnswer } from './record-answer.step';
import { recordPlan } from './record-plan.step';
import { recordPreparation } from './record-preparation.step';
import { requestFollowUpConference } from './request-follow-up-conference.step';
import { request } from './request.step';
import { scheduleConference } from './schedule-conference.step';
import { stepRoute } from './step-routes';
import { withdraw } from './withdraw.step';

/** Every step of API.md, in its order: one route each. */
export const STEP_ROUTES = [
  stepRoute(request),
  stepRoute(completeIntake),
  stepRoute(decline),
  stepRoute(assignCoordinator),
  stepRoute(inviteParticipant),
  stepRoute(recordPreparation),
  stepRoute(recordAnswer),
  stepRoute(scheduleConference),
  stepRoute(holdConference),
  stepRoute(recordPlan),
  stepRoute(distributePlan),
  stepRoute(contactFollowUp),
  stepRoute(requestFollowUpConference),
  stepRoute(withdraw),
  stepRoute(close),
];

export { StepHttp } from './step-http';
