import { randomUUID } from 'node:crypto';
import { buildCase, CaseApi, type BuiltCase } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { expectProblem, expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, TEST_ACTORS, type TestActor, type TestApp } from './support/test-app';

interface Entry {
  at: string;
  caseId: string;
  actor: { id: string; role: string; name: string };
  route: string;
  status: number;
}

const MINUTE = 60_000;

describe.each(E2E_STORES)('%s store: the read log across cases (NEN 7513)', (store) => {
  let t: TestApp;
  let a: BuiltCase;
  let b: BuiltCase;
  let times: string[];

  beforeAll(async () => {
    t = await startTestApp({ store });
    a = await buildCase(t, 'preparing', { coordinatorId: TEST_ACTORS.coordinator.id });
    b = await buildCase(t, 'requested');
    const read = async (actor: TestActor, path: string, status: number) => {
      t.clock.advance(MINUTE);
      expectStatus(await new CaseApi(t, actor).get(path), status);
      return t.clock.now().toISOString();
    };
    times = [
      await read('auditor', `/v1/cases/${a.id}`, 200),
      await read('otherCoordinator', `/v1/cases/${a.id}`, 403),
      await read('auditor', `/v1/cases/${b.id}/history`, 200),
      await read('auditor', `/v1/cases/${a.id}/verification`, 200),
    ];
    await caughtUp(t);
  }, 120_000);
  afterAll(() => t?.close());

  const get = (path: string, actor: TestActor = 'auditor') => new CaseApi(t, actor).get(path);
  const summary = (entries: Entry[]) => entries.map((e) => [e.caseId, e.actor.id, e.route, e.status]);

  it('lists every case one employee read, refused reads too, oldest first', async () => {
    const res = await get(`/v1/access-log?actorId=${TEST_ACTORS.auditor.id}`);
    expectStatus(res, 200);
    expect(summary(res.body.entries)).toEqual([
      [a.id, 'aud-1', 'GET /v1/cases/:id', 200],
      [b.id, 'aud-1', 'GET /v1/cases/:id/history', 200],
      [a.id, 'aud-1', 'GET /v1/cases/:id/verification', 200],
    ]);
    expect(res.body.entries[0]).toMatchObject({ at: times[0], actor: TEST_ACTORS.auditor });
    expect(res.body.nextCursor).toBeNull();
    const refused = await get(`/v1/access-log?actorId=${TEST_ACTORS.otherCoordinator.id}`, 'admin');
    expect(summary(refused.body.entries)).toEqual([[a.id, 'coord-2', 'GET /v1/cases/:id', 403]]);
  });

  it('pages with limit and cursor, and keeps to [from, to)', async () => {
    const base = `/v1/access-log?actorId=${TEST_ACTORS.auditor.id}`;
    const first = await get(`${base}&limit=2`);
    expect(first.body.entries).toHaveLength(2);
    const second = await get(`${base}&limit=2&cursor=${first.body.nextCursor}`);
    expect(summary(second.body.entries)).toEqual([[a.id, 'aud-1', 'GET /v1/cases/:id/verification', 200]]);
    expect(second.body.nextCursor).toBeNull();
    const window = await get(`${base}&from=${times[1]}&to=${times[3]}`);
    expect(summary(window.body.entries)).toEqual([[b.id, 'aud-1', 'GET /v1/cases/:id/history', 200]]);
  });

  it('lists every read of a case the person is in, and only those', async () => {
    const personId = (a.body.applicant as { personId: string }).personId;
    const res = await get(`/v1/people/${personId}/access-log`, 'admin');
    expectStatus(res, 200);
    expect(summary(res.body.entries)).toEqual([
      [a.id, 'aud-1', 'GET /v1/cases/:id', 200],
      [a.id, 'coord-2', 'GET /v1/cases/:id', 403],
      [a.id, 'aud-1', 'GET /v1/cases/:id/verification', 200],
    ]);
    const paged = await get(`/v1/people/${personId}/access-log?limit=1`);
    expect(paged.body.entries).toHaveLength(1);
    expect(paged.body.nextCursor).toEqual(expect.any(String));
  });

  it('is for auditors and admins only', async () => {
    const personId = (a.body.applicant as { personId: string }).personId;
    for (const actor of ['coordinator', 'researcher', 'regionManager'] as const) {
      expectProblem(await get(`/v1/access-log?actorId=aud-1`, actor), 403);
      expectProblem(await get(`/v1/people/${personId}/access-log`, actor), 403);
    }
    expectProblem(await t.http.get('/v1/access-log?actorId=aud-1'), 401);
  });

  it('refuses a bad query (400) and an unknown or malformed person (404)', async () => {
    expectProblem(await get('/v1/access-log'), 400);
    expectProblem(await get('/v1/access-log?actorId=aud-1&limit=1001'), 400);
    expectProblem(await get('/v1/access-log?actorId=aud-1&cursor=bm9wZQ'), 400);
    expectProblem(await get(`/v1/access-log?actorId=aud-1&from=${times[2]}&to=${times[1]}`), 400);
    expectProblem(await get(`/v1/people/${randomUUID()}/access-log`), 404);
    expectProblem(await get('/v1/people/not-a-person/access-log'), 404);
  });
});
