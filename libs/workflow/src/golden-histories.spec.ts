import { decide } from './decide';
import { fold } from './evolve';
import { nextSteps } from './next-steps';
import { RULES } from './rules';
import declined from './testing/fixtures/declined.json';
import family from './testing/fixtures/family-replaced-coordinator.json';
import group from './testing/fixtures/group-follow-up-closed.json';
import withdrawn from './testing/fixtures/withdrawn-after-scheduling.json';
import type { CaseState } from './types';
import { upcast } from './upcasters';

type Fixture = { events: { type: string; schemaVersion: number; data: unknown }[] };
const replay = (f: Fixture): CaseState =>
  fold(f.events.map((e) => upcast(e.type, e.schemaVersion, e.data))) as CaseState;

describe('recorded case histories still replay', () => {
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
