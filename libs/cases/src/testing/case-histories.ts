import { decide, fold, type CaseState, type Command, type DomainEvent } from '@app/workflow';
import type { Actor } from '../access/actor';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2025-05-01T09:00:00.000Z');
/** The n-th day of a case's history (ISO); its n-th step happens then. */
export const day = (n: number): string => new Date(START + n * DAY).toISOString();
/** The handler's clock: a month after the case was requested. */
export const NOW = new Date(day(30));

export const ADMIN: Actor = { id: 'admin-1', name: 'Ada Admin', role: 'admin' };
export const FATIMA: Actor = { id: 'coord-fatima', name: 'Fatima de Vries', role: 'coordinator' };
export const RESEARCHER: Actor = { id: 'research-1', name: 'Rik Onderzoek', role: 'researcher' };

/** Everything personal these histories say about people: none of it may end up in a step record. */
export const PERSONAL = [
  'Anouk Jansen',
  'anouk@example.org',
  'Fatima de Vries',
  'fatima@example.org',
  'Sanne Bakker',
  'sanne@example.org',
  'Joost Visser',
  'joost@example.org',
  'Ada Admin',
];

export const SANNE = { participantId: 'p-sanne', name: 'Sanne Bakker', email: 'sanne@example.org' };
export const JOOST = { participantId: 'p-joost', name: 'Joost Visser', email: 'joost@example.org' };

/** A group case's happy path, one step a day, each command beside the state it reaches. */
function happyPath(caseId: string): [Command, string][] {
  return [
    [
      {
        type: 'RequestConference',
        caseId,
        reference: 'EK-TEST-1',
        kind: 'group',
        applicant: { personId: 'person-anouk', name: 'Anouk Jansen', email: 'anouk@example.org' },
        region: 'Utrecht',
        description: 'Neighbours quarrel about the shared garden.',
        channel: 'online',
      },
      'requested',
    ],
    [
      { type: 'CompleteIntake', conferenceQuestions: ['How do we share the garden?'] },
      'awaiting-coordinator',
    ],
    [
      {
        type: 'AssignCoordinator',
        coordinatorId: FATIMA.id,
        name: FATIMA.name,
        email: 'fatima@example.org',
        independenceDeclared: true,
      },
      'preparing',
    ],
    [{ type: 'InviteParticipant', ...SANNE, role: 'neighbour' }, 'sanne-invited'],
    [{ type: 'InviteParticipant', ...JOOST, role: 'neighbour' }, 'joost-invited'],
    [{ type: 'RecordAnswer', participantId: SANNE.participantId, answer: 'accepted' }, 'sanne-accepted'],
    [{ type: 'RecordAnswer', participantId: JOOST.participantId, answer: 'accepted' }, 'joost-accepted'],
    [{ type: 'ScheduleConference', startsAt: day(7.5), location: 'Buurthuis' }, 'scheduled'],
    [
      { type: 'HoldConference', heldAt: day(7.5), attendees: [SANNE.participantId, JOOST.participantId] },
      'held',
    ],
    [
      {
        type: 'RecordPlan',
        agreements: [{ ownerIds: [SANNE.participantId], action: 'Mows the lawn', when: 'Saturdays' }],
        ifItDoesNotWork: 'We meet again.',
      },
      'plan-recorded',
    ],
    [{ type: 'DistributePlan' }, 'plan-distributed'],
  ];
}

export type Milestone =
  | 'requested'
  | 'awaiting-coordinator'
  | 'preparing'
  | 'sanne-invited'
  | 'joost-invited'
  | 'sanne-accepted'
  | 'joost-accepted'
  | 'scheduled'
  | 'held'
  | 'plan-recorded'
  | 'plan-distributed';

/** The events of case `caseId` up to (and including) the step that reached `milestone`. */
export function historyUpTo(caseId: string, milestone: Milestone): DomainEvent[] {
  const path = happyPath(caseId);
  const end = path.findIndex(([, reached]) => reached === milestone);
  const events: DomainEvent[] = [];
  path.slice(0, end + 1).forEach(([command], n) => {
    const decision = decide(fold(events), command, new Date(day(n)));
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.refusal.rule}`);
    events.push(...decision.events);
  });
  return events;
}

/** The event `command` records on top of `history` at `at` (a concurrent writer's, say). */
export function next(history: DomainEvent[], command: Command, at: Date = NOW): DomainEvent[] {
  const decision = decide(fold(history), command, at);
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.refusal.rule}`);
  return decision.events;
}

export const stateOf = (history: DomainEvent[]): CaseState => fold(history) as CaseState;
