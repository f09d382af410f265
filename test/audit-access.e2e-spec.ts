import { randomUUID } from 'node:crypto';
import { CaseRepository } from '@app/cases';
import { RULES, WORKFLOW_VERSION, conferenceMachineV2, registerWorkflowVersion } from '@app/workflow';
import { CaseApi, buildCase, type BuiltCase } from './support/case-builder';
import { expectProblem, expectStatus } from './support/http-expect';
import { E2E_STORES, TEST_ACTORS, startTestApp, type TestActor, type TestApp } from './support/test-app';

type Route = 'history' | 'state' | 'verification' | 'access-log';
const ROUTES: Route[] = ['history', 'state', 'verification', 'access-log'];
const path = (id: string, route: Route) =>
  `/v1/cases/${id}/${route}${route === 'state' ? '?revision=1' : ''}`;

/** Who may read which audit route of a case assigned to coord-1 (API.md "Who may do what"). */
const MAY: Record<TestActor, Route[]> = {
  auditor: ROUTES,
  admin: ROUTES,
  regionManager: ['history', 'state', 'verification'],
  // The case is in Utrecht, outside this region manager's regions.
  regionalManager: [],
  researcher: ['history', 'state', 'verification'],
  coordinator: ['history', 'state', 'verification'],
  otherCoordinator: [],
};

describe.each(E2E_STORES)('%s store: the audit routes', (store) => {
  let t: TestApp;
  let c: BuiltCase;

  beforeAll(async () => {
    t = await startTestApp({ store });
    c = await buildCase(t, 'scheduled', { coordinatorId: 'coord-1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const cases = (Object.keys(MAY) as TestActor[]).flatMap((actor) =>
    ROUTES.map((route) => [actor, route, MAY[actor].includes(route)] as const),
  );

  it.each(cases)('%s reading %s: allowed %s', async (actor, route, allowed) => {
    const res = await new CaseApi(t, actor).get(path(c.id, route));
    if (allowed) {
      expectStatus(res, 200);
      if (route === 'history') expect(res.body.events).toHaveLength(c.body.revision + 1);
      if (route === 'verification')
        expect(res.body).toMatchObject({ valid: true, events: c.body.revision + 1 });
    } else {
      expectProblem(res, 403);
      expect(res.text).not.toContain('Deelnemer');
      expect(res.body.events).toBeUndefined();
    }
  });

  it.each(ROUTES)('refuses %s without a token', async (route) => {
    expectProblem(await t.http.get(path(c.id, route)), 401);
  });

  it.each(ROUTES)('answers %s of an unknown case with 404', async (route) => {
    expectProblem(await new CaseApi(t, 'auditor').get(path(randomUUID(), route)), 404);
  });

  it('shows the workflow to every role', async () => {
    for (const actor of Object.keys(TEST_ACTORS) as TestActor[]) {
      const res = await new CaseApi(t, actor).get('/v1/workflow');
      expectStatus(res, 200);
      expect(res.text).toContain('stateDiagram-v2');
    }
  });

  it('leaves the case untouched while an auditor tries every kind of write', async () => {
    const auditor = new CaseApi(t, 'auditor');
    const before = await auditor.get(`/v1/cases/${c.id}/verification`);
    for (const res of [
      await auditor.request(),
      await auditor.withdraw(c.id),
      await auditor.invite(c.id),
      await auditor.schedule(c.id),
      await auditor.close(c.id),
    ])
      expectProblem(res, 403);
    const after = await auditor.get(`/v1/cases/${c.id}/verification`);
    expect(after.body).toEqual(before.body);
  });

  describe('a case begun under another workflow version', () => {
    // A next version where no reason is ever good enough: decline and withdraw are never possible.
    const next = conferenceMachineV2.provide({ guards: { [RULES.REASON_REQUIRED]: () => false } });
    let unregister: () => void;
    beforeAll(() => (unregister = registerWorkflowVersion(WORKFLOW_VERSION + 1, next)));
    afterAll(() => unregister());

    async function requestedUnder(version: number): Promise<string> {
      const id = randomUUID();
      const at = t.clock.now().toISOString();
      const data = {
        at,
        caseId: id,
        reference: `EK-${id.slice(0, 8)}`,
        kind: 'group',
        applicant: { personId: randomUUID(), name: 'Fatima el Amrani' },
        region: 'Utrecht',
        description: 'Spanning tussen buren.',
        channel: 'phone',
        workflowVersion: version,
      };
      const actor = { ...TEST_ACTORS.regionManager, role: 'region-manager' as const };
      await t.app
        .get(CaseRepository)
        .append(
          id,
          [{ type: 'ConferenceRequested', data } as never],
          'no-stream',
          { actor, commandId: randomUUID(), correlationId: randomUUID() },
          version,
        );
      return id;
    }

    it('replays each case with the machine of its own version', async () => {
      const auditor = new CaseApi(t, 'auditor');
      const [old, newer] = [
        await requestedUnder(WORKFLOW_VERSION),
        await requestedUnder(WORKFLOW_VERSION + 1),
      ];
      const oldThen = await auditor.get(`/v1/cases/${old}/state?revision=0`);
      const newerThen = await auditor.get(`/v1/cases/${newer}/state?revision=0`);
      expectStatus(oldThen, 200);
      expectStatus(newerThen, 200);
      expect(oldThen.body.nextSteps).toEqual(['complete-intake', 'decline', 'withdraw']);
      expect(newerThen.body.nextSteps).toEqual(['complete-intake']);
      expect(newerThen.body.workflowVersion).toBe(WORKFLOW_VERSION + 1);
    });
  });
});
