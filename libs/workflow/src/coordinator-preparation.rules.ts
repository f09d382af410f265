import { blank, isInvited, namesInvited, time } from './rule-checks';
import { stepRule } from './rule-table';

/** API.md: at most this many participants per case (removed ones count: they stay in the case). */
export const MAX_PARTICIPANTS = 100;

/** The rules of assigning a coordinator and preparing the conference. */
export const COORDINATOR_PREPARATION_RULES = {
  /** No coordinator before the intake produced at least one conference question. */
  NO_CONFERENCE_QUESTIONS: stepRule({
    code: 'COORDINATOR.NO_CONFERENCE_QUESTIONS',
    steps: ['assign-coordinator'],
    message: 'A coordinator can be assigned only after the intake produced a conference question.',
    nl: 'Er is nog geen conferentievraag. Pas daarna kan er een coördinator komen.',
    scope: 'state',
    check: (c) => c.conferenceQuestions.length > 0,
  }),
  /** The coordinator must declare independence (no relation to the parties, no stake). */
  INDEPENDENCE_NOT_DECLARED: stepRule({
    code: 'COORDINATOR.INDEPENDENCE_NOT_DECLARED',
    steps: ['assign-coordinator'],
    message: 'The coordinator must declare independence.',
    nl: 'De coördinator heeft nog niet verklaard dat hij of zij onafhankelijk is.',
    scope: 'payload',
    check: (_, p) => p.data.independenceDeclared === true,
  }),
  /** The coordinator named is the one already assigned. */
  ALREADY_ASSIGNED: stepRule({
    code: 'COORDINATOR.ALREADY_ASSIGNED',
    steps: ['assign-coordinator'],
    message: 'This coordinator is already assigned to the case.',
    nl: 'Deze coördinator werkt al aan deze zaak.',
    scope: 'payload',
    check: (c, p) => c.coordinator?.coordinatorId !== p.data.coordinatorId,
  }),
  /** Replacing a coordinator needs a reason. */
  REPLACEMENT_REASON_REQUIRED: stepRule({
    code: 'COORDINATOR.REPLACEMENT_REASON_REQUIRED',
    steps: ['assign-coordinator'],
    message: 'Replacing the coordinator needs a reason.',
    nl: 'Bij het vervangen van de coördinator is een reden nodig.',
    scope: 'payload',
    check: (c, p) => c.coordinator === undefined || !blank(p.data.reason),
  }),
  /** No invitations, preparation, answers or scheduling before a coordinator is assigned. */
  COORDINATOR_NOT_ASSIGNED: stepRule({
    code: 'COORDINATOR.NOT_ASSIGNED',
    steps: ['invite-participant', 'record-preparation', 'record-answer', 'schedule-conference'],
    message: 'A coordinator must be assigned first.',
    nl: 'Deze zaak heeft nog geen coördinator. Die is eerst nodig.',
    scope: 'state',
    check: (c) => c.coordinator !== undefined,
  }),
  /** Participant ids are unique within a case. */
  ALREADY_INVITED: stepRule({
    code: 'PARTICIPANT.ALREADY_INVITED',
    steps: ['invite-participant'],
    message: 'This participant is already invited.',
    nl: 'Deze deelnemer is al uitgenodigd.',
    scope: 'payload',
    check: (c, p) => !isInvited(c, p.data.participantId),
  }),
  /** A case has at most `MAX_PARTICIPANTS` participants. */
  TOO_MANY_PARTICIPANTS: stepRule({
    code: 'PARTICIPANTS.TOO_MANY',
    steps: ['invite-participant'],
    message: `A case has at most ${MAX_PARTICIPANTS} participants.`,
    nl: `Een zaak kan niet meer dan ${MAX_PARTICIPANTS} deelnemers hebben.`,
    scope: 'state',
    check: (c) => c.participants.length < MAX_PARTICIPANTS,
  }),
  /** Only invited participants can be prepared or answer. */
  NOT_INVITED: stepRule({
    code: 'PARTICIPANT.NOT_INVITED',
    steps: ['record-preparation', 'record-answer'],
    message: 'This participant is not invited to the conference.',
    nl: 'Deze deelnemer is niet uitgenodigd voor de conferentie.',
    scope: 'payload',
    check: namesInvited,
  }),
  /** A conference is scheduled in the future (relative to the step's time). */
  NOT_IN_FUTURE: stepRule({
    code: 'SCHEDULE.NOT_IN_FUTURE',
    steps: ['schedule-conference'],
    message: 'The conference must be scheduled in the future.',
    nl: 'Die datum is al voorbij. Een conferentie krijgt een datum die nog komt.',
    scope: 'payload',
    check: (_, p) => time(p.data.startsAt) > time(p.data.at),
  }),
};
