import type { CaseStep } from './steps';
import type { CaseState, Command, Participant } from './types';

const DAY = 24 * 60 * 60 * 1000;
const QUESTION = 'How do we get back to the table together?';
const REVISED = 'How do we make Wednesdays work for the children again?';
const CORRECTED_EMAIL = 'corrected@example.org';

const fresh = (prefix: string, taken: readonly string[]): string => {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
};

/**
 * A command for `step` that satisfies every rule about *what a command says*, given this case and
 * time: a fresh participant id, an invited participant who was not removed, accepted attendees, an
 * attendee as owner, a time in the future... Only the state rules can still refuse it. Used by
 * `nextSteps` to ask the machine whether a step can be taken at all, and by tests to walk the
 * machine's paths. What it says is valid under every workflow version that has the step.
 */
export function exampleCommand(state: CaseState, step: CaseStep, now: Date): Command {
  const at = now.toISOString();
  const ids = state.participants.map((p) => p.participantId);
  const present = state.participants.filter((p) => !p.removed);
  const accepted = present.filter((p) => p.answer === 'accepted').map((p) => p.participantId);
  const attendees = state.conference?.attendees ?? [];
  const someone = (p: Participant | undefined) => p?.participantId ?? present[0]?.participantId ?? 'nobody';
  switch (step) {
    case 'complete-intake':
      return { type: 'CompleteIntake', conferenceQuestions: [QUESTION] };
    case 'revise-questions':
      return {
        type: 'ReviseQuestions',
        conferenceQuestions: state.conferenceQuestions.includes(REVISED) ? [QUESTION] : [REVISED],
        reason: 'The family put the question in their own words.',
      };
    case 'decline':
      return { type: 'DeclineRequest', reason: 'A conference does not fit this request.' };
    case 'assign-coordinator': {
      const taken = [...state.previousCoordinators, ...(state.coordinator ? [state.coordinator] : [])];
      return {
        type: 'AssignCoordinator',
        coordinatorId: fresh(
          'coordinator',
          taken.map((c) => c.coordinatorId),
        ),
        name: 'A. Coordinator',
        email: 'coordinator@example.org',
        independenceDeclared: true,
        ...(state.coordinator ? { reason: 'The coordinator moved away.' } : {}),
      };
    }
    case 'invite-participant':
      return {
        type: 'InviteParticipant',
        participantId: fresh('participant', ids),
        name: 'A. Participant',
        role: 'family',
      };
    case 'correct-participant': {
      const participant = present[0];
      const email = participant?.email === CORRECTED_EMAIL ? 'again.corrected@example.org' : CORRECTED_EMAIL;
      return { type: 'CorrectParticipant', participantId: someone(participant), email };
    }
    case 'remove-participant':
      return {
        type: 'RemoveParticipant',
        participantId: someone(present.at(-1)),
        reason: 'Should not take part after all.',
      };
    case 'record-preparation':
      return { type: 'RecordPreparation', participantId: someone(present.find((p) => !p.preparedAt)) };
    case 'record-answer':
      return {
        type: 'RecordAnswer',
        participantId: someone(present.find((p) => p.answer !== 'accepted')),
        answer: 'accepted',
      };
    case 'schedule-conference':
      return {
        type: 'ScheduleConference',
        startsAt: new Date(now.getTime() + 14 * DAY).toISOString(),
        location: 'Community centre',
      };
    case 'adjourn-conference':
      return {
        type: 'AdjournConference',
        heldAt: at,
        attendees: accepted,
        reason: 'The group asks for more time.',
        continuesAt: new Date(now.getTime() + 14 * DAY).toISOString(),
      };
    case 'hold-conference':
      return {
        type: 'HoldConference',
        heldAt: at,
        attendees: accepted,
        ...(state.kind === 'family' ? { privatePartHeld: true } : {}),
      };
    case 'record-plan':
      return {
        type: 'RecordPlan',
        agreements: [{ ownerIds: attendees.slice(0, 1), action: 'Calls the school', when: 'Every Monday' }],
        ifItDoesNotWork: 'We meet again within two weeks.',
      };
    case 'record-no-plan':
      return { type: 'RecordNoPlan', reason: 'The group did not agree on a plan.' };
    case 'distribute-plan':
      return { type: 'DistributePlan' };
    case 'contact-follow-up':
      return { type: 'ContactFollowUp', contactedAt: at, outcome: 'on-track' };
    case 'request-follow-up-conference':
      return {
        type: 'RequestFollowUpConference',
        followUpCaseId: fresh(`${state.id}-follow-up`, state.followUpCases),
        reason: 'The family asks to meet again.',
      };
    case 'withdraw':
      return { type: 'WithdrawCase', reason: 'The applicant withdrew the request.' };
    case 'close':
      return { type: 'CloseCase' };
    default: {
      const _never: never = step;
      return _never;
    }
  }
}
