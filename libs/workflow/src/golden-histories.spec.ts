import { decide } from './decide';
import { fold } from './evolve';
import { nextSteps } from './next-steps';
import { RULES } from './rules';
import declined from './testing/fixtures/declined.json';
import family from './testing/fixtures/family-replaced-coordinator.json';
import group from './testing/fixtures/group-follow-up-closed.json';
import adjournedNoPlan from './testing/fixtures/v2-adjourned-no-plan-family-follow-up.json';
import planForEveryone from './testing/fixtures/v2-plan-to-attendees-and-accepted-absent.json';
import withdrawn from './testing/fixtures/withdrawn-after-scheduling.json';
import type { CaseState } from './types';
import { upcast } from './upcasters';

type Fixture = { events: { type: string; schemaVersion: number; data: unknown }[] };
const replay = (f: Fixture): CaseState =>
  fold(f.events.map((e) => upcast(e.type, e.schemaVersion, e.data))) as CaseState;

describe('recorded case histories of version 1 still replay', () => {
  it('a group conference through a follow-up conference request to closure (stored partly as schema v0)', () => {
    const state = replay(group);
    expect(state).toMatchObject({
      id: 'case-1',
      kind: 'group',
      status: 'closed',
      workflowVersion: 1,
      conferenceQuestions: ['How do we share the garden again?'],
      coordinator: { coordinatorId: 'coord-1' },
      conference: { heldAt: '2025-03-11T19:00:00.000Z', attendees: ['p1', 'p2'] },
      plan: { version: 2 },
      distribution: { recipients: ['p1', 'p2'] },
      followUps: [{ outcome: 'on-track' }],
      followUpCases: ['case-2'],
      closedAt: '2025-03-18T09:00:00.000Z',
    });
    expect(state.participants.map((p) => [p.participantId, p.answer])).toEqual([
      ['p1', 'accepted'],
      ['p2', 'accepted'],
      ['p3', undefined],
    ]);
    expect(state.conference).not.toHaveProperty('privatePartHeld');
    expect(nextSteps(state)).toEqual([]);
  });

  it('a family conference with a replaced coordinator and a private part', () => {
    const state = replay(family);
    expect(state).toMatchObject({
      kind: 'family',
      status: 'plan-distributed',
      coordinator: { coordinatorId: 'coord-2' },
      previousCoordinators: [{ coordinatorId: 'coord-1' }],
      conference: { attendees: ['p1', 'p2'], privatePartHeld: true },
      plan: { version: 1 },
    });
    expect(state.participants[0]).toMatchObject({ preparationNotes: 'Knows the questions' });
    expect(nextSteps(state)).toEqual(['contact-follow-up', 'request-follow-up-conference', 'close']);
  });

  it('a case withdrawn after scheduling allows nothing more', () => {
    const state = replay(withdrawn);
    expect(state).toMatchObject({
      status: 'withdrawn',
      schedule: { startsAt: '2025-03-11T19:00:00.000Z' },
      withdrawal: { reason: 'The neighbours settled it themselves.' },
    });
    expect(nextSteps(state)).toEqual([]);
    const decision = decide(
      state,
      { type: 'HoldConference', heldAt: state.schedule!.startsAt, attendees: ['p1', 'p2'] },
      new Date('2025-03-20T00:00:00Z'),
    );
    expect(decision).toMatchObject({
      ok: false,
      refusal: { rule: RULES.STEP_NOT_ALLOWED, currentState: 'withdrawn' },
    });
  });

  it('a declined request keeps its reason', () => {
    const state = replay(declined);
    expect(state).toMatchObject({
      id: 'case-9',
      status: 'declined',
      declineReason: expect.stringMatching(/does not fit/),
    });
    expect(nextSteps(state)).toEqual([]);
  });
});

describe('recorded case histories of version 2 replay', () => {
  it('a group conference adjourned once, with a corrected address and a removed participant, ends without a plan and asks for a family follow-up conference', () => {
    const state = replay(adjournedNoPlan);
    expect(state).toMatchObject({
      id: 'case-21',
      workflowVersion: 2,
      status: 'closed',
      issueType: 'neighbours',
      adjournments: [
        { heldAt: '2025-03-20T19:00:00.000Z', attendees: ['p1', 'p2', 'p3'], location: 'Library' },
      ],
      schedule: { startsAt: '2025-04-03T19:00:00.000Z', location: 'Library' },
      conference: { heldAt: '2025-04-03T19:00:00.000Z', attendees: ['p1', 'p2', 'p3'] },
      noPlan: { reason: 'The neighbours could not agree on the parking.' },
      followUpCases: ['case-22'],
    });
    expect(state.participants.find((p) => p.participantId === 'p2')).toMatchObject({
      email: 'bram@example.org',
      correctedAt: '2025-03-22T09:00:00.000Z',
    });
    expect(state.participants.find((p) => p.participantId === 'p4')).toMatchObject({
      removed: true,
      removalReason: 'Turned out not to live in the street.',
    });
    expect(state.plan).toBeUndefined();
    const asked = adjournedNoPlan.events.find((e) => e.type === 'FollowUpConferenceRequested');
    expect(asked?.data).toMatchObject({ followUpCaseId: 'case-22', kind: 'family' });
    expect(nextSteps(state)).toEqual(['request-follow-up-conference']);
  });

  it('a family conference whose plan goes to those who attended and to grandmother, who accepted but could not come', () => {
    const state = replay(planForEveryone);
    expect(state).toMatchObject({
      id: 'case-31',
      kind: 'family',
      workflowVersion: 2,
      status: 'followed-up',
      conferenceQuestions: ['How do we make sure the children can see both of us every week?'],
      questionRevisions: [{ reason: 'The parents put the question in their own words.' }],
      conference: { attendees: ['p1', 'p2'], privatePartHeld: true },
      plan: { agreements: [{ ownerIds: ['p3'] }, { ownerIds: ['p1', 'p2'] }] },
      distribution: { recipients: ['p1', 'p2', 'p3'] },
    });
    expect(state.participants.map((p) => [p.participantId, p.answer, p.researchContact, p.language])).toEqual(
      [
        ['p1', 'accepted', true, undefined],
        ['p2', 'accepted', true, undefined],
        ['p3', 'accepted', false, undefined],
        ['p4', 'declined', true, 'en'],
      ],
    );
    expect(nextSteps(state)).toEqual(['contact-follow-up', 'request-follow-up-conference', 'close']);
  });
});
