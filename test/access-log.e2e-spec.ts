import { buildCase, CaseApi } from './support/case-builder';
import { expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, TEST_ACTORS, type TestApp } from './support/test-app';

describe.each(E2E_STORES)('%s store: the read log of a case', (store) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ store });
  });
  afterAll(() => t.close());

  it('records every read of the case — who, when, which route, what they got — denied reads included', async () => {
    const c = await buildCase(t, 'preparing', { coordinatorId: TEST_ACTORS.coordinator.id });
    t.clock.advance(60_000);
    expectStatus(await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}`), 200);
    expectStatus(await new CaseApi(t, 'regionManager').get(`/v1/cases/${c.id}/history`), 200);
    expectStatus(await new CaseApi(t, 'otherCoordinator').get(`/v1/cases/${c.id}`), 403);
    expectStatus(await new CaseApi(t, 'researcher').get(`/v1/cases/${c.id}/state?revision=0`), 200);
    expectStatus(await new CaseApi(t, 'coordinator').get(`/v1/cases/${c.id}/access-log`), 403);

    const res = await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}/access-log`);
    expectStatus(res, 200);
    const entries = res.body.entries as {
      at: string;
      actor: { id: string };
      route: string;
      status: number;
    }[];
    expect(entries.map((e) => [e.actor.id, e.route, e.status])).toEqual([
      [TEST_ACTORS.auditor.id, 'GET /v1/cases/:id', 200],
      [TEST_ACTORS.regionManager.id, 'GET /v1/cases/:id/history', 200],
      [TEST_ACTORS.otherCoordinator.id, 'GET /v1/cases/:id', 403],
      [TEST_ACTORS.researcher.id, 'GET /v1/cases/:id/state', 200],
      [TEST_ACTORS.coordinator.id, 'GET /v1/cases/:id/access-log', 403],
    ]);
    for (const e of entries) expect(e.at).toBe(t.clock.now().toISOString());
  });

  it('keeps the read log across a restart, and a read of the log is itself logged', async () => {
    const c = await buildCase(t, 'requested');
    expectStatus(await new CaseApi(t, 'admin').get(`/v1/cases/${c.id}`), 200);
    await t.restart();
    const res = await new CaseApi(t, 'admin').get(`/v1/cases/${c.id}/access-log`);
    expectStatus(res, 200);
    expect(res.body.entries.map((e: { route: string }) => e.route)).toEqual(['GET /v1/cases/:id']);
    const again = await new CaseApi(t, 'admin').get(`/v1/cases/${c.id}/access-log`);
    expect(again.body.entries.map((e: { route: string }) => e.route)).toEqual([
      'GET /v1/cases/:id',
      'GET /v1/cases/:id/access-log',
    ]);
  });

  it('keeps the read log out of the case history and its hash chain', async () => {
    const c = await buildCase(t, 'requested');
    expectStatus(await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}`), 200);
    const history = await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ConferenceRequested']);
  });
});
