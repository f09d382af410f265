import { expectStatus } from './support/http-expect';
import { SCOPED_REGIONS, startTestApp, type TestApp } from './support/test-app';

/** GET /v1/me: who the token is, and which steps its role may take (what the staff app offers). */
describe('GET /v1/me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const me = async (actor: Parameters<TestApp['auth']>[0]) => {
    const res = await t.http.get('/v1/me').set(t.auth(actor));
    expectStatus(res, 200);
    return res.body as { id: string; name: string; role: string; regions?: string[]; steps: string[] };
  };

  it("gives a coordinator their id, name and role, and a coordinator's steps only", async () => {
    const coordinator = await me('coordinator');
    expect(coordinator).toMatchObject({ id: 'coord-1', name: 'Corrie Coördinator', role: 'coordinator' });
    expect(coordinator.steps).toEqual(expect.arrayContaining(['invite-participant', 'record-plan']));
    expect(coordinator.steps).not.toContain('assign-coordinator');
    expect(coordinator.steps).not.toContain('request');
    expect(coordinator).not.toHaveProperty('regions');
  });

  it('gives a region manager every step and their regions; an auditor none', async () => {
    const manager = await me('regionalManager');
    expect(manager.steps).toEqual(expect.arrayContaining(['request', 'assign-coordinator', 'close']));
    expect(manager.regions).toEqual([...SCOPED_REGIONS]);
    expect((await me('auditor')).steps).toEqual([]);
    expect((await me('researcher')).steps).toEqual(['contact-follow-up', 'request-follow-up-conference']);
  });

  it('answers 401 without a token', async () => {
    expectStatus(await t.http.get('/v1/me'), 401);
  });
});
