import type { Test } from 'supertest';
import { E2E_STORES, startTestApp, type TestActor, type TestApp } from './support/test-app';
import { CaseApi, STEPS_IN, assignBody, buildCase, inviteBody, type BuiltCase } from './support/case-builder';
import { expectProblem, expectStatus } from './support/http-expect';

interface Fixtures {
  requested: BuiltCase;
  awaiting: BuiltCase;
  ready: BuiltCase;
  scheduled: BuiltCase;
  held: BuiltCase;
  planRecorded: BuiltCase;
  distributed: BuiltCase;
}

/** Each step of API.md, aimed at a fixture case in a state that allows it (coordinator coord-1). */
const STEP_CALLS: Record<string, { on?: keyof Fixtures; call: (api: CaseApi, fx: Fixtures) => Test }> = {
  request: { call: (api) => api.request() },
  'complete-intake': { on: 'requested', call: (api, fx) => api.intake(fx.requested.id) },
  decline: { on: 'requested', call: (api, fx) => api.decline(fx.requested.id) },
  'assign-coordinator': {
    on: 'ready',
    call: (api, fx) =>
      api.assign(
        fx.ready.id,
        assignBody({
          coordinatorId: 'coord-2',
          name: 'Kees',
          email: 'kees@example.nl',
          reason: 'Vervanging.',
        }),
      ),
  },
  'invite-participant': { on: 'ready', call: (api, fx) => api.invite(fx.ready.id) },
  'record-preparation': {
    on: 'ready',
    call: (api, fx) => api.prepare(fx.ready.id, fx.ready.participantIds[0]),
  },
  'record-answer': {
    on: 'ready',
    call: (api, fx) => api.answer(fx.ready.id, fx.ready.participantIds[0], 'declined'),
  },
  'schedule-conference': { on: 'ready', call: (api, fx) => api.schedule(fx.ready.id, api.scheduleBody(30)) },
  'hold-conference': {
    on: 'scheduled',
    call: (api, fx) =>
      api.hold(fx.scheduled.id, {
        heldAt: fx.scheduled.body.schedule.startsAt,
        attendees: fx.scheduled.participantIds,
      }),
  },
  'record-plan': {
    on: 'held',
    call: (api, fx) => api.plan(fx.held.id, api.planBody([fx.held.participantIds[0]])),
  },
  'distribute-plan': { on: 'planRecorded', call: (api, fx) => api.distribute(fx.planRecorded.id) },
  'contact-follow-up': { on: 'distributed', call: (api, fx) => api.followUp(fx.distributed.id) },
  'request-follow-up-conference': {
    on: 'distributed',
    call: (api, fx) => api.followUpConference(fx.distributed.id),
  },
  withdraw: { on: 'ready', call: (api, fx) => api.withdraw(fx.ready.id) },
  close: { on: 'distributed', call: (api, fx) => api.close(fx.distributed.id) },
};
const ALL_STEPS = Object.keys(STEP_CALLS);
const COORDINATOR_STEPS = [
  'invite-participant',
  'record-preparation',
  'record-answer',
  'schedule-conference',
  'hold-conference',
  'record-plan',
  'distribute-plan',
];
const RESEARCHER_STEPS = ['contact-follow-up', 'request-follow-up-conference'];

/** No case data may leak in a refusal. */
function expectNoCaseData(res: { body: Record<string, unknown>; text: string }): void {
  for (const field of [
    'reference',
    'applicant',
    'participants',
    'coordinator',
    'conferenceQuestions',
    'state',
  ]) {
    expect(res.body[field]).toBeUndefined();
  }
  expect(res.text).not.toContain('Fatima');
  expect(res.text).not.toContain('Deelnemer');
}

describe.each(E2E_STORES)('%s store', (store) => {
  let t: TestApp;
  let admin: CaseApi;
  let fx: Fixtures;

  beforeAll(async () => {
    t = await startTestApp({ store });
    admin = new CaseApi(t, 'admin');
    fx = {
      requested: await buildCase(t, 'requested'),
      awaiting: await buildCase(t, 'awaiting-coordinator'),
      ready: await buildCase(t, 'ready'),
      scheduled: await buildCase(t, 'scheduled'),
      held: await buildCase(t, 'held'),
      planRecorded: await buildCase(t, 'plan-recorded'),
      distributed: await buildCase(t, 'plan-distributed'),
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  const revisionOf = async (c: BuiltCase) => (await admin.read(c.id)).body.revision;

  /** Runs a step that must be refused with 403 and checks the fixture case did not move. */
  async function expectForbidden(actor: TestActor, step: string) {
    const { on, call } = STEP_CALLS[step];
    const before = on ? await revisionOf(fx[on]) : undefined;
    const res = await call(new CaseApi(t, actor), fx);
    expectProblem(res, 403);
    expectNoCaseData(res);
    if (on) expect(await revisionOf(fx[on])).toBe(before);
  }

  describe('auditor', () => {
    it.each(ALL_STEPS)('may not take the step %s', async (step) => {
      await expectForbidden('auditor', step);
    });

    it.each([
      ['the list', () => '/v1/cases'],
      ['a case', () => `/v1/cases/${fx.held.id}`],
      ['its history', () => `/v1/cases/${fx.held.id}/history`],
      ['its state at a revision', () => `/v1/cases/${fx.held.id}/state?revision=0`],
      ['its verification', () => `/v1/cases/${fx.held.id}/verification`],
      ['its access log', () => `/v1/cases/${fx.held.id}/access-log`],
    ])('may read %s', async (_what, path) => {
      expectStatus(await new CaseApi(t, 'auditor').get(path()), 200);
    });
  });

  describe('researcher', () => {
    it.each(ALL_STEPS.filter((s) => !RESEARCHER_STEPS.includes(s)))(
      'may not take the step %s',
      async (step) => {
        await expectForbidden('researcher', step);
      },
    );

    it('may contact for follow-up and request a follow-up conference', async () => {
      const c = await buildCase(t, 'plan-distributed');
      const researcher = new CaseApi(t, 'researcher');
      let res = await researcher.followUp(c.id, researcher.followUpBody('unreachable'));
      expectStatus(res, 200);
      expect(res.body.state).toBe('followed-up');
      res = await researcher.followUpConference(c.id);
      expectStatus(res, 201);
      expect(res.body.followUpOf).toBe(c.id);
    });

    it('may read cases', async () => {
      const researcher = new CaseApi(t, 'researcher');
      const one = await researcher.get(`/v1/cases/${fx.distributed.id}`);
      expectStatus(one, 200);
      expect(one.body.id).toBe(fx.distributed.id);
      expectStatus(await researcher.get('/v1/cases'), 200);
    });
  });

  describe('coordinator on a case assigned to them', () => {
    it.each(ALL_STEPS.filter((s) => !COORDINATOR_STEPS.includes(s)))(
      'may not take the step %s',
      async (step) => {
        await expectForbidden('coordinator', step);
      },
    );

    it('may prepare, schedule and hold the conference and record and distribute the plan', async () => {
      const c = await buildCase(t, 'preparing', { coordinatorId: 'coord-1' });
      const coordinator = new CaseApi(t, 'coordinator');
      const pids: string[] = [];
      for (const n of [1, 2]) {
        const res = await coordinator.invite(c.id, inviteBody(n));
        expectStatus(res, 201);
        pids.push(res.body.participantId);
      }
      for (const pid of pids) {
        expectStatus(await coordinator.prepare(c.id, pid), 200);
        expectStatus(await coordinator.answer(c.id, pid, 'accepted'), 200);
      }
      const schedule = coordinator.scheduleBody(5);
      let res = await coordinator.schedule(c.id, schedule);
      expectStatus(res, 200);
      expect(res.body.state).toBe('scheduled');
      t.clock.set(new Date(Date.parse(schedule.startsAt) + 2 * 60 * 60 * 1000));
      res = await coordinator.hold(c.id, { heldAt: schedule.startsAt, attendees: pids });
      expectStatus(res, 200);
      res = await coordinator.plan(c.id, coordinator.planBody(pids));
      expectStatus(res, 200);
      res = await coordinator.distribute(c.id);
      expectStatus(res, 200);
      expect(res.body.state).toBe('plan-distributed');
      expect(res.body.nextSteps).toEqual(expect.arrayContaining(STEPS_IN['plan-distributed'].required));
    });

    it('may read that case', async () => {
      const res = await new CaseApi(t, 'coordinator').get(`/v1/cases/${fx.ready.id}`);
      expectStatus(res, 200);
      expect(res.body.coordinator.coordinatorId).toBe('coord-1');
    });
  });

  describe('coordinator on a case assigned to someone else', () => {
    it.each(COORDINATOR_STEPS)('may not take the step %s', async (step) => {
      await expectForbidden('otherCoordinator', step);
    });

    it.each([
      ['the case', () => `/v1/cases/${fx.ready.id}`],
      ['its history', () => `/v1/cases/${fx.ready.id}/history`],
    ])('may not read %s', async (_what, path) => {
      const res = await new CaseApi(t, 'otherCoordinator').get(path());
      expectProblem(res, 403);
      expectNoCaseData(res);
    });
  });

  describe('region manager', () => {
    it('may take every step from request to closure', async () => {
      const c = await buildCase(t, 'followed-up', { actor: 'regionManager' });
      const rm = new CaseApi(t, 'regionManager');
      expectStatus(await rm.followUpConference(c.id), 201);
      const res = await rm.close(c.id);
      expectStatus(res, 200);
      expect(res.body.state).toBe('closed');
    });

    it('may decline a request and withdraw a case and replace a coordinator', async () => {
      const rm = new CaseApi(t, 'regionManager');
      const declined = await buildCase(t, 'requested', { actor: 'regionManager' });
      expectStatus(await rm.decline(declined.id), 200);
      const withdrawn = await buildCase(t, 'ready', { actor: 'regionManager' });
      expectStatus(
        await rm.assign(
          withdrawn.id,
          assignBody({ coordinatorId: 'coord-2', name: 'Kees', email: 'k@example.nl', reason: 'Ziek.' }),
        ),
        200,
      );
      const res = await rm.withdraw(withdrawn.id);
      expectStatus(res, 200);
      expect(res.body.state).toBe('withdrawn');
    });

    it('may read every case and the list', async () => {
      const rm = new CaseApi(t, 'regionManager');
      expectStatus(await rm.get(`/v1/cases/${fx.held.id}`), 200);
      expectStatus(await rm.get(`/v1/cases/${fx.held.id}/history`), 200);
      expectStatus(await rm.get('/v1/cases'), 200);
    });
  });

  describe('admin', () => {
    it('may read the access log of a case', async () => {
      const res = await admin.get(`/v1/cases/${fx.held.id}/access-log`);
      expectStatus(res, 200);
    });
  });
});
