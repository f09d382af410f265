import { decide } from '../decide';
import { fold } from '../evolve';
import type { CaseState, Command, ConferenceKind, DomainEvent } from '../types';

export const T0 = new Date('2025-03-03T09:00:00.000Z');
/**
 * The workflow version of the cases these helpers build unless told otherwise: the specs written for
 * version 1 describe version 1; a version 2 spec asks for 2.
 */
export const DEFAULT_TEST_VERSION = 1;
const DAY = 24 * 60 * 60 * 1000;
export const dayAfter = (iso: string): Date => new Date(Date.parse(iso) + DAY);

export type RequestConference = Extract<Command, { type: 'RequestConference' }>;

export function requestCommand(kind: ConferenceKind = 'group', caseId = 'case-1'): RequestConference {
  return {
    type: 'RequestConference',
    caseId,
    reference: 'EK-2025-0001',
    kind,
    applicant: { personId: 'person-applicant', name: 'Applicant', email: 'applicant@example.org' },
    region: 'Utrecht',
    description: 'Neighbours quarrel about the shared garden.',
    channel: 'online',
  };
}

const invite = (participantId: string): Command => ({
  type: 'InviteParticipant',
  participantId,
  name: `Person ${participantId}`,
  role: 'neighbour',
});

/** The happy path of a case as (command, label) pairs; `label` is the state it reaches. */
export function happyPath(kind: ConferenceKind = 'group'): [Command, string][] {
  return [
    [requestCommand(kind), 'requested'],
    [
      { type: 'CompleteIntake', conferenceQuestions: ['How do we share the garden again?'] },
      'awaiting-coordinator',
    ],
    [
      {
        type: 'AssignCoordinator',
        coordinatorId: 'coord-1',
        name: 'C. One',
        email: 'c1@example.org',
        independenceDeclared: true,
      },
      'preparing',
    ],
    [invite('p1'), 'invited-1'],
    [invite('p2'), 'invited-2'],
    [invite('p3'), 'invited-3'],
    [{ type: 'RecordAnswer', participantId: 'p1', answer: 'accepted' }, 'accepted-1'],
    [{ type: 'RecordAnswer', participantId: 'p2', answer: 'accepted' }, 'accepted-2'],
    [
      { type: 'ScheduleConference', startsAt: '2025-03-11T19:00:00.000Z', location: 'Buurthuis' },
      'scheduled',
    ],
    [
      {
        type: 'HoldConference',
        heldAt: '2025-03-11T19:00:00.000Z',
        attendees: ['p1', 'p2'],
        ...(kind === 'family' ? { privatePartHeld: true } : {}),
      },
      'held',
    ],
    [
      {
        type: 'RecordPlan',
        agreements: [{ ownerIds: ['p1'], action: 'Mows the lawn', when: 'Saturdays' }],
        ifItDoesNotWork: 'We meet again at the buurthuis.',
      },
      'plan-recorded',
    ],
    [{ type: 'DistributePlan' }, 'plan-distributed'],
    [
      { type: 'ContactFollowUp', contactedAt: '2025-03-15T08:00:00.000Z', outcome: 'on-track' },
      'followed-up',
    ],
  ];
}

/** A request decided now, but recorded as a case of `version` (decide starts every case on the current one). */
const onVersion = (event: DomainEvent, version: number): DomainEvent =>
  event.type === 'ConferenceRequested'
    ? { ...event, data: { ...event.data, workflowVersion: version } }
    : event;

/**
 * Runs commands through decide, one day apart from T0, and returns the events (throws on a refusal).
 * A request among them starts a case of workflow `version`.
 */
export function run(
  commands: Command[],
  start: Date = T0,
  events: DomainEvent[] = [],
  version: number = DEFAULT_TEST_VERSION,
): DomainEvent[] {
  const out = [...events];
  let now = start;
  for (const command of commands) {
    const decision = decide(fold(out), command, now);
    if (!decision.ok) throw new Error(`${command.type} refused: ${JSON.stringify(decision.refusal)}`);
    out.push(...decision.events.map((e) => onVersion(e, version)));
    now = new Date(now.getTime() + DAY);
  }
  return out;
}

/** The events of a case that went the happy path up to (and including) the step labelled `label`. */
export function historyUpTo(
  label: string,
  kind: ConferenceKind = 'group',
  version: number = DEFAULT_TEST_VERSION,
): DomainEvent[] {
  const path = happyPath(kind);
  const end = path.findIndex(([, l]) => l === label);
  if (end < 0) throw new Error(`No step labelled ${label}`);
  return run(
    path.slice(0, end + 1).map(([c]) => c),
    T0,
    [],
    version,
  );
}

export function stateUpTo(
  label: string,
  kind: ConferenceKind = 'group',
  version: number = DEFAULT_TEST_VERSION,
): CaseState {
  return fold(historyUpTo(label, kind, version)) as CaseState;
}
