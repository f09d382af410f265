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
import { reviseQuestions } from './revise-questions.step';
import { correctParticipant } from './correct-participant.step';
import { removeParticipant } from './remove-participant.step';
import { adjournConference } from './adjourn-conference.step';
import { recordNoPlan } from './record-no-plan.step';

/** Every step of API.md (version 2 included), in its order: one route each. */
export const STEP_ROUTES = [
  stepRoute(request),
  stepRoute(completeIntake),
  stepRoute(decline),
  stepRoute(reviseQuestions),
  stepRoute(assignCoordinator),
  stepRoute(inviteParticipant),
  stepRoute(correctParticipant),
  stepRoute(removeParticipant),
  stepRoute(recordPreparation),
  stepRoute(recordAnswer),
  stepRoute(scheduleConference),
  stepRoute(adjournConference),
  stepRoute(holdConference),
  stepRoute(recordPlan),
  stepRoute(recordNoPlan),
  stepRoute(distributePlan),
  stepRoute(contactFollowUp),
  stepRoute(requestFollowUpConference),
  stepRoute(withdraw),
  stepRoute(close),
];

export { StepHttp } from './step-http';
