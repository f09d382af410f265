import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore, type NewEvent } from '@app/event-store';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import { CaseApi, STEPS_IN, STEPS_IN_V1, buildCase } from './support/case-builder';
import { expectInvalidField, expectNextSteps, expectRefusal, expectStatus } from './support/http-expect';

/** A version 1 case as it was recorded before the upgrade: requested, prepared, scheduled and held. */
function heldVersion1Case(caseId: string, p1: string, p2: string): NewEvent[] {
  const day = (d: number) => `2026-02-0${d}T09:00:00.000Z`;
  const events: [string, number, Record<string, unknown>][] = [
    // Schema 0: the request as version 1 stored it, before the workflow version was recorded.
    [
      'ConferenceRequested',
      0,
      {
        at: day(1),
        caseId,
        reference: 'EK-V1CASE',
        kind: 'group',
        applicant: { personId: randomUUID(), name: 'Aanvrager Een' },
        region: 'Utrecht',
        description: 'Ruzie over de gedeelde tuin.',
        channel: 'online',
      },
    ],
    ['IntakeCompleted', 1, { at: day(2), conferenceQuestions: ['Hoe delen we de tuin weer?'] }],
    [
      'CoordinatorAssigned',
      1,
      {
        at: day(2),
        coordinatorId: 'coord-1',
        name: 'C. Een',
        email: 'c1@example.org',
        independenceDeclared: true,
      },
    ],
    ['ParticipantInvited', 1, { at: day(3), participantId: p1, name: 'Buur Een', role: 'neighbour' }],
    ['ParticipantInvited', 1, { at: day(3), participantId: p2, name: 'Buur Twee', role: 'neighbour' }],
    ['ParticipantAnswered', 1, { at: day(4), participantId: p1, answer: 'accepted' }],
    ['ParticipantAnswered', 1, { at: day(4), participantId: p2, answer: 'accepted' }],
    ['ConferenceScheduled', 1, { at: day(4), startsAt: day(6), location: 'Buurthuis' }],
    ['ConferenceHeld', 1, { at: day(6), heldAt: day(6), attendees: [p1, p2] }],
  ];
  return events.map(([type, schemaVersion, data]) => ({
    eventId: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: { occurredAt: data.at as string, actor: { id: 'admin-1', role: 'admin' }, workflowVersion: 1 },
  }));
}

describe.each(E2E_STORES)('%s store: workflow version 2', (store) => {
  let t: TestApp;
  let api: CaseApi;

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a version 1 case beside a version 2 case in one data directory', () => {
    it('keeps each on its own machine: nextSteps, refusals, replay and verification', async () => {
      const [v1, p1, p2] = [randomUUID(), randomUUID(), randomUUID()];
      await t.app.get<EventStore>(EVENT_STORE).append(`case-${v1}`, heldVersion1Case(v1, p1, p2), {
        expectedRevision: 'no-stream',
      });
      const v2 = await buildCase(t, 'held');

      const old = (await api.read(v1)).body;
      expect(old).toMatchObject({ state: 'held', workflowVersion: 1 });
      expectNextSteps(old, STEPS_IN_V1.held.required);
      expect(v2.body).toMatchObject({ state: 'held', workflowVersion: 2 });
      expectNextSteps(v2.body, STEPS_IN.held.required, STEPS_IN.held.guarded);

      const refused = await api.post(`/v1/cases/${v1}/plan/none`, { reason: 'Geen plan.' });
      expectRefusal(refused, 'held');
      expect(refused.body.rule).toBe('CASE.STEP_NOT_ALLOWED');
      expect(refused.body.nextSteps).toEqual(['record-plan']);

      const planned = await api.plan(v1, api.planBody([p1]));
      expectStatus(planned, 200);
      expect(planned.body).toMatchObject({ state: 'plan-recorded', workflowVersion: 1 });
      expectNextSteps(planned.body, STEPS_IN_V1['plan-recorded'].required);

      const then = await api.get(`/v1/cases/${v1}/state?revision=8`);
      expectStatus(then, 200);
      expectNextSteps(then.body, STEPS_IN_V1.held.required);
      for (const id of [v1, v2.id]) {
        const verdict = await api.get(`/v1/cases/${id}/verification`);
        expect(verdict.body).toMatchObject({ valid: true });
      }
    });

    it('serves either machine at /v1/workflow, the latest by default', async () => {
      const [latest, one, two, none] = await Promise.all(
        ['', '?version=1', '?version=2', '?version=3'].map((q) => api.get(`/v1/workflow${q}`)),
      );
      expect(latest.body.version).toBe(2);
      expect(one.body.states).not.toContain('no-plan');
      expect(two.body.states).toContain('no-plan');
      expect(two.body.mermaid).toMatch(/^stateDiagram-v2/);
      expect(none.status).toBe(400);
    });
  });

  describe('a version 2 case', () => {
    it('adjourns once, corrects an address, removes a participant, ends without a plan and asks for a family follow-up', async () => {
      const c = await buildCase(t, 'scheduled', { kind: 'family', participants: 3 });
      const [anna, bert, cor] = c.participantIds;

      const empty = await api.post(`/v1/cases/${c.id}/participants/${anna}/details`, {});
      expectStatus(empty, 400);
      expectInvalidField(empty, 'body');
      const nulled = await api.post(`/v1/cases/${c.id}/participants/${anna}/details`, { email: null });
      expectStatus(nulled, 400);
      expectInvalidField(nulled, 'email');
      const corrected = await api.post(`/v1/cases/${c.id}/participants/${anna}/details`, {
        email: 'anna.correct@example.nl',
      });
      expectStatus(corrected, 200);
      expect(corrected.body.participants.find((p: { id: string }) => p.id === anna).email).toBe(
        'anna.correct@example.nl',
      );

      expectStatus(
        await api.post(`/v1/cases/${c.id}/participants/${cor}/removal`, { reason: 'Hoort er niet bij.' }),
        200,
      );
      const lateAnswer = await api.answer(c.id, cor, 'declined');
      expectRefusal(lateAnswer, 'scheduled');

      const startsAt = c.body.schedule.startsAt as string;
      t.clock.set(new Date(Date.parse(startsAt) + 3_600_000));
      const continuesAt = new Date(Date.parse(startsAt) + 14 * 86_400_000).toISOString();
      const adjourned = await api.post(`/v1/cases/${c.id}/conference/adjournment`, {
        heldAt: startsAt,
        attendees: [anna, bert],
        reason: 'Meer tijd nodig.',
        continuesAt,
      });
      expectStatus(adjourned, 200);
      expect(adjourned.body.state).toBe('scheduled');
      expect(Date.parse(adjourned.body.schedule.startsAt)).toBe(Date.parse(continuesAt));

      t.clock.set(new Date(Date.parse(continuesAt) + 3_600_000));
      const held = await api.hold(c.id, {
        heldAt: continuesAt,
        attendees: [anna, bert],
        privatePartHeld: true,
      });
      expectStatus(held, 200);
      const noPlan = await api.post(`/v1/cases/${c.id}/plan/none`, { reason: 'Nog geen overeenstemming.' });
      expectStatus(noPlan, 200);
      expect(noPlan.body.state).toBe('no-plan');
      expectNextSteps(noPlan.body, STEPS_IN['no-plan'].required);

      const followUp = await api.followUpConference(c.id, { reason: 'Later opnieuw.' });
      expectStatus(followUp, 201);
      expect(followUp.body).toMatchObject({ kind: 'family', followUpOf: c.id, workflowVersion: 2 });
      expectStatus(await api.close(c.id), 200);

      const history = await api.get(`/v1/cases/${c.id}/history`);
      const types = history.body.events.map((e: { type: string }) => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'ParticipantCorrected',
          'ParticipantRemoved',
          'ConferenceAdjourned',
          'NoPlanRecorded',
        ]),
      );
    });

    it('refuses an adjournment to a time already past, with its rule', async () => {
      const c = await buildCase(t, 'scheduled');
      const res = await api.post(`/v1/cases/${c.id}/conference/adjournment`, {
        heldAt: t.clock.now().toISOString(),
        attendees: c.participantIds,
        reason: 'Meer tijd.',
        continuesAt: new Date(t.clock.now().getTime() - 86_400_000).toISOString(),
      });
      expectRefusal(res, 'scheduled');
      expect(res.body.rule).not.toBe('CASE.STEP_NOT_ALLOWED');
    });

    it('records the coded reason of a decline, other when none is given', async () => {
      const coded = await buildCase(t, 'requested');
      const res = await api.decline(coded.id, { reason: 'Past niet.', reasonCode: 'not-suitable' });
      expectStatus(res, 200);
      expect(res.body.declineReasonCode).toBe('not-suitable');
      const plain = await buildCase(t, 'declined');
      expect(plain.body.declineReasonCode).toBe('other');
      expectStatus(
        await api.decline((await buildCase(t, 'requested')).id, { reason: 'x', reasonCode: 'nope' }),
        400,
      );
    });
  });
});
