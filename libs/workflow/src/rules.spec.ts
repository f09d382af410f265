import { STEP_RULES } from './guards';
import { CASE_STEPS } from './next-steps';
import type { CaseStep } from './steps';

const guardsOf = (step: CaseStep): readonly string[] => STEP_RULES[step];

describe('the guards of each step', () => {
  it('run in the order a refusal reports them: what must have happened first, then what the command says', () => {
    expect(Object.fromEntries(CASE_STEPS.map((step) => [step, guardsOf(step)]))).toEqual({
      'complete-intake': ['INTAKE.NO_QUESTIONS'],
      decline: ['CASE.REASON_REQUIRED'],
      'assign-coordinator': [
        'COORDINATOR.NO_CONFERENCE_QUESTIONS',
        'COORDINATOR.INDEPENDENCE_NOT_DECLARED',
        'COORDINATOR.ALREADY_ASSIGNED',
        'COORDINATOR.REPLACEMENT_REASON_REQUIRED',
      ],
      'invite-participant': ['COORDINATOR.NOT_ASSIGNED', 'PARTICIPANT.ALREADY_INVITED'],
      'record-preparation': ['COORDINATOR.NOT_ASSIGNED', 'PARTICIPANT.NOT_INVITED'],
      'record-answer': ['COORDINATOR.NOT_ASSIGNED', 'PARTICIPANT.NOT_INVITED'],
      'schedule-conference': ['COORDINATOR.NOT_ASSIGNED', 'SCHEDULE.NOT_IN_FUTURE'],
      'hold-conference': [
        'CONFERENCE.NOT_SCHEDULED',
        'CONFERENCE.TOO_FEW_ACCEPTED',
        'CONFERENCE.NO_ATTENDEES',
        'CONFERENCE.ATTENDEE_NOT_INVITED',
        'CONFERENCE.PRIVATE_PART_IN_GROUP',
        'CONFERENCE.PRIVATE_PART_NOT_RECORDED',
        'CONFERENCE.HELD_IN_FUTURE',
        'CONFERENCE.HELD_BEFORE_SCHEDULED',
      ],
      'record-plan': [
        'PLAN.CONFERENCE_NOT_HELD',
        'PLAN.NO_AGREEMENTS',
        'PLAN.AGREEMENT_INCOMPLETE',
        'PLAN.OWNER_NOT_ATTENDEE',
        'PLAN.NO_FALLBACK',
      ],
      'distribute-plan': ['PLAN.NOT_RECORDED'],
      'contact-follow-up': ['FOLLOW_UP.PLAN_NOT_DISTRIBUTED', 'FOLLOW_UP.CONTACT_TIME'],
      'request-follow-up-conference': [
        'FOLLOW_UP.PLAN_NOT_DISTRIBUTED',
        'CASE.REASON_REQUIRED',
        'FOLLOW_UP.SAME_CASE',
        'FOLLOW_UP.ALREADY_LINKED',
      ],
      withdraw: ['CASE.REASON_REQUIRED'],
      close: [],
    });
  });
});
