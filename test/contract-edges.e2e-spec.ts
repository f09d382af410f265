import { buildCase, CaseApi, inviteBody } from './support/case-builder';
import { expectProblem, expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

describe.each(E2E_STORES)('%s store: edges of the contract', (store) => {
  let t: TestApp;
  let api: CaseApi;
  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
  });
  afterAll(() => t.close());

  const revisionOf = async (id: string) => (await api.read(id)).body.revision;

  it('refuses an Idempotency-Key reused for another request with 422, and appends nothing', async () => {
    const a = await buildCase(t, 'preparing');
    const b = await buildCase(t, 'preparing');
    const key = { 'Idempotency-Key': `reuse-${a.id}` };
    expectStatus(await api.invite(a.id, inviteBody(1), key), 201);
    const before = await revisionOf(b.id);
    const other = await api.invite(b.id, inviteBody(1), key);
    expectProblem(other, 422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    const otherBody = await api.invite(a.id, inviteBody(2), key);
    expectProblem(otherBody, 422);
    expect(await revisionOf(b.id)).toBe(before);
  });

  it('answers a retry of a refused step with the same refusal, even when the step would now succeed', async () => {
    const c = await buildCase(t, 'preparing');
    const key = { 'Idempotency-Key': `refused-${c.id}` };
    const first = await api.post(
      `/v1/cases/${c.id}/withdrawal`,
      { reason: 'Niet meer nodig.' },
      {
        ...key,
        'If-Match': '"0"',
      },
    );
    expectProblem(first, 412);
    // The retry drops If-Match: were the refusal not kept, the withdrawal would now go through.
    const retry = await api.post(`/v1/cases/${c.id}/withdrawal`, { reason: 'Niet meer nodig.' }, key);
    expect(retry.status).toBe(412);
    expect(retry.body).toEqual(first.body);
    expect((await api.get(`/v1/cases/${c.id}`)).body.state).toBe('preparing');
  });

  it('names both events a follow-up conference request appended', async () => {
    const c = await buildCase(t, 'plan-distributed');
    const res = await api.post(`/v1/cases/${c.id}/follow-up-conference`, { reason: 'Nog een keer samen.' });
    expectStatus(res, 201);
    expect(res.body.events).toEqual(['FollowUpConferenceRequested', 'ConferenceRequested']);
  });

  it('refuses a cursor it did not give out', async () => {
    const res = await api.get('/v1/cases?cursor=garbage!!');
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('refuses a time without an offset', async () => {
    const c = await buildCase(t, 'preparing');
    const res = await api.post(`/v1/cases/${c.id}/schedule`, {
      startsAt: '2026-12-20T10:00:00',
      location: 'Buurthuis',
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'startsAt' })]);
    const at = await api.get(`/v1/cases/${c.id}/state?at=2026-11-29`);
    expectProblem(at, 400);
  });
});
