/**
 * Workflow speed: how fast a realistic case (~60 events) folds, how long fold + one decide takes
 * (accepted, and refused with the steps allowed now), and, for comparison, how fast the same history
 * steps through XState's pure `transition()`.
 */
import { initialTransition, transition } from 'xstate';
import {
  decide,
  evolve,
  fold,
  machineFor,
  stepEventOf,
  type CaseState,
  type Command,
  type DomainEvent,
} from '@app/workflow';
import type { BenchModule, ScenarioResult } from './bench.types';

const HOUR = 3_600_000;

/**
 * 12 participants invited, prepared (4 twice) and answering (6 changed their mind), a coordinator
 * replaced, scheduled and rescheduled, held, a plan with 18 agreements revised once, distributed,
 * three follow-up contacts and a follow-up conference: 60 events.
 */
function realisticCase(): DomainEvent[] {
  const ids = Array.from({ length: 12 }, (_, i) => `p${i + 1}`);
  const invite = (participantId: string): Command => ({
    type: 'InviteParticipant',
    participantId,
    name: participantId,
    role: 'family',
  });
  const prepare = (participantId: string, notes?: string): Command => ({
    type: 'RecordPreparation',
    participantId,
    notes,
  });
  const answer = (participantId: string, yes: boolean): Command => ({
    type: 'RecordAnswer',
    participantId,
    answer: yes ? 'accepted' : 'declined',
  });
  const coordinator = (coordinatorId: string, reason?: string): Command => ({
    type: 'AssignCoordinator',
    coordinatorId,
    name: coordinatorId,
    email: `${coordinatorId}@example.org`,
    independenceDeclared: true,
    reason,
  });
  const plan = (when: string): Command => ({
    type: 'RecordPlan',
    agreements: Array.from({ length: 18 }, (_, i) => ({
      ownerIds: [ids[i % 10]],
      action: `Action ${i}`,
      when,
    })),
    ifItDoesNotWork: 'We meet again.',
  });
  const contact = (contactedAt: string): Command => ({
    type: 'ContactFollowUp',
    contactedAt,
    outcome: 'partly',
  });
  const commands: Command[] = [
    {
      type: 'RequestConference',
      caseId: 'bench-1',
      reference: 'EK-BENCH',
      kind: 'family',
      applicant: { personId: 'a', name: 'Applicant' },
      region: 'Utrecht',
      description: 'A family looks for a way forward.',
      channel: 'phone',
    },
    { type: 'CompleteIntake', conferenceQuestions: ['How do we keep the children safe at home?'] },
    coordinator('c1'),
    ...ids.map(invite),
    coordinator('c2', 'The first coordinator knows the family.'),
    ...ids.map((id) => prepare(id)),
    ...ids.slice(0, 4).map((id) => prepare(id, 'Second visit')),
    ...ids.slice(0, 6).map((id) => answer(id, false)),
    ...ids.map((id, i) => answer(id, i < 10)),
    { type: 'ScheduleConference', startsAt: '2029-12-20T18:00:00.000Z', location: 'Town hall' },
    { type: 'ScheduleConference', startsAt: '2030-01-01T18:00:00.000Z', location: 'Town hall' },
    {
      type: 'HoldConference',
      heldAt: '2030-01-01T18:00:00.000Z',
      attendees: ids.slice(0, 10),
      privatePartHeld: true,
    },
    plan('Weekly'),
    plan('Daily'),
    { type: 'DistributePlan' },
    contact('2030-04-01T10:00:00.000Z'),
    contact('2030-05-01T10:00:00.000Z'),
    contact('2030-06-01T10:00:00.000Z'),
    {
      type: 'RequestFollowUpConference',
      followUpCaseId: 'bench-2',
      reason: 'The family asks to meet again.',
    },
  ];
  const events: DomainEvent[] = [];
  let now = new Date('2029-12-01T09:00:00.000Z');
  let state: CaseState | undefined;
  for (const command of commands) {
    if (command.type === 'HoldConference') now = new Date('2030-01-02T09:00:00.000Z');
    if (command.type === 'ContactFollowUp') now = new Date(Date.parse(command.contactedAt) + HOUR);
    const decision = decide(state, command, now);
    if (!decision.ok) throw new Error(`bench case refused ${command.type}: ${decision.refusal.rule}`);
    events.push(...decision.events);
    for (const e of decision.events) state = evolve(state, e);
    now = new Date(now.getTime() + HOUR);
  }
  return events;
}

/**
 * Operations per second of `fn`: after a warm-up, the best of five rounds of about `ms` each (the
 * best round is the one least disturbed by other work on the machine).
 */
function rate(fn: () => void, ms = 200): number {
  for (let i = 0; i < 2_000; i++) fn();
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let ops = 0;
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(ms * 1e6);
    let t = start;
    while (t < deadline) {
      for (let i = 0; i < 100; i++) fn();
      ops += 100;
      t = process.hrtime.bigint();
    }
    best = Math.max(best, ops / (Number(t - start) / 1e9));
  }
  return best;
}

const events = realisticCase();
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
/** Whether a figure meets its target, as the README's table marks it. */
const mark = (met: boolean): string => (met ? '✓' : '✗');

async function foldRate(): Promise<ScenarioResult> {
  const perSecond = rate(() => fold(events)) * events.length;
  const target = 1_000_000;
  return {
    scenario: 'workflow.fold',
    eventsPerSecond: Math.round(perSecond),
    events: events.length,
    target,
    summary: `${fmt(perSecond)} events/s folded by evolve (${events.length}-event case); target >= ${fmt(target)} ${mark(perSecond >= target)}`,
  };
}

async function foldAndDecide(): Promise<ScenarioResult> {
  const command: Command = { type: 'CloseCase' };
  const now = new Date('2030-05-01T00:00:00.000Z');
  const micros = 1e6 / rate(() => decide(fold(events), command, now));
  const target = 40;
  return {
    scenario: 'workflow.fold+decide',
    microseconds: Number(micros.toFixed(2)),
    target,
    summary: `${micros.toFixed(1)} µs per fold + decide (${events.length} events); target < ${target} µs ${mark(micros < target)}`,
  };
}

/** A refused command answers the steps allowed now (`nextSteps`), which an accepted one never asks. */
async function foldAndRefuse(): Promise<ScenarioResult> {
  const command: Command = { type: 'HoldConference', heldAt: '2030-05-01T00:00:00.000Z', attendees: ['p1'] };
  const now = new Date('2030-05-01T00:00:00.000Z');
  if (decide(fold(events), command, now).ok) throw new Error('bench case took a second conference');
  const micros = 1e6 / rate(() => decide(fold(events), command, now));
  return {
    scenario: 'workflow.fold+refused-decide',
    microseconds: Number(micros.toFixed(2)),
    summary: `${micros.toFixed(1)} µs per fold + a refused decide with its nextSteps (${events.length} events; no target)`,
  };
}

async function machineRate(): Promise<ScenarioResult> {
  const machine = machineFor(events[0].type === 'ConferenceRequested' ? events[0].data.workflowVersion : 1);
  const steps = events.slice(1).map(stepEventOf);
  const first = evolve(undefined, events[0]);
  const perSecond =
    rate(() => {
      let [snapshot] = initialTransition(machine, first);
      for (const step of steps) [snapshot] = transition(machine, snapshot, step);
    }, 100) * events.length;
  return {
    scenario: 'workflow.xstate-transition',
    eventsPerSecond: Math.round(perSecond),
    summary: `${fmt(perSecond)} events/s stepped through XState transition() with guards (comparison, no target)`,
  };
}

export const scenarios: BenchModule['scenarios'] = [
  { name: 'workflow.fold', run: foldRate },
  { name: 'workflow.fold+decide', run: foldAndDecide },
  { name: 'workflow.fold+refused-decide', run: foldAndRefuse },
  { name: 'workflow.xstate-transition', run: machineRate },
];
