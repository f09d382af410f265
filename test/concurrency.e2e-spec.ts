import { randomUUID } from 'node:crypto';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import { CaseApi, buildCase, inviteBody } from './support/case-builder';
import { expectProblem, expectStatus, type HistoryEvent, type ParticipantView } from './support/http-expect';

describe.each(E2E_STORES)('%s store', (store) => {
  let t: TestApp;
  let api: CaseApi;

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const historyTypes = async (id: string): Promise<string[]> => {
    const res = await api.get(`/v1/cases/${id}/history`);
    expectStatus(res, 200);
    return res.body.events.map((e: HistoryEvent) => e.type);
  };

  describe('If-Match', () => {
    it('takes a step when If-Match names the current revision', async () => {
      const c = await buildCase(t, 'awaiting-coordinator');
      const etag = (await api.read(c.id)).headers.etag;
      expect(etag).toBe('"1"');
      const res = await api.assign(c.id, undefined, { 'If-Match': etag });
      expectStatus(res, 200);
      expect(res.body.revision).toBe(2);
      expect((await api.read(c.id)).headers.etag).toBe('"2"');
    });

    it('refuses a step with 412 and the current revision when the case has moved on', async () => {
      const c = await buildCase(t, 'preparing');
      const stale = (await api.read(c.id)).headers.etag;
      expectStatus(await api.invite(c.id, inviteBody(1), { 'If-Match': stale }), 201);
      const res = await api.invite(c.id, inviteBody(2), { 'If-Match': stale });
      expectProblem(res, 412);
      expect(res.body.currentRevision).toBe(c.body.revision + 1);
      const after = await api.read(c.id);
      expect(after.body.revision).toBe(c.body.revision + 1);
      expect(after.body.participants).toHaveLength(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a sequential retry with the first answer and appends nothing', async () => {
      const c = await buildCase(t, 'preparing');
      const key = randomUUID();
      const first = await api.invite(c.id, inviteBody(1), { 'Idempotency-Key': key });
      expectStatus(first, 201);
      expect(first.body.events).toEqual(['ParticipantInvited']);
      const retry = await api.invite(c.id, inviteBody(1), { 'Idempotency-Key': key });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      const after = await api.read(c.id);
      expect(after.body.revision).toBe(first.body.revision);
      expect(after.body.participants).toHaveLength(1);
      expect((await historyTypes(c.id)).filter((x) => x === 'ParticipantInvited')).toHaveLength(1);
    });

    it('creates one case when a request is retried with the same key', async () => {
      const key = randomUUID();
      const first = await api.request({}, { 'Idempotency-Key': key });
      expectStatus(first, 201);
      const retry = await api.request({}, { 'Idempotency-Key': key });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect((await api.read(first.body.id)).body.revision).toBe(0);
    });

    it('repeats a refusal for a retried refused step', async () => {
      const c = await buildCase(t, 'requested');
      const key = randomUUID();
      const first = await api.schedule(c.id, undefined, { 'Idempotency-Key': key });
      expectStatus(first, 409);
      const retry = await api.schedule(c.id, undefined, { 'Idempotency-Key': key });
      expect(retry.status).toBe(409);
      expect(retry.body).toEqual(first.body);
    });

    it('does not treat the same key from another actor as a retry', async () => {
      const c = await buildCase(t, 'preparing');
      const key = randomUUID();
      expectStatus(await api.invite(c.id, inviteBody(1), { 'Idempotency-Key': key }), 201);
      const other = await api.as('regionManager').invite(c.id, inviteBody(2), { 'Idempotency-Key': key });
      expectStatus(other, 201);
      expect((await api.read(c.id)).body.participants).toHaveLength(2);
    });

    it('refuses a key longer than 200 characters and appends nothing', async () => {
      const c = await buildCase(t, 'preparing');
      const res = await api.invite(c.id, inviteBody(1), { 'Idempotency-Key': 'k'.repeat(201) });
      expectProblem(res, 400);
      expect((await api.read(c.id)).body.revision).toBe(c.body.revision);
    });

    it('appends one set of events for 10 concurrent requests with one key, all answered alike', async () => {
      const c = await buildCase(t, 'preparing');
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          api.invite(c.id, inviteBody(1), { 'Idempotency-Key': key }).then((r) => r),
        ),
      );
      for (const res of answers) {
        expectStatus(res, 201);
        expect(res.body).toEqual(answers[0].body);
      }
      expect(answers[0].body.events).toEqual(['ParticipantInvited']);
      const after = await api.read(c.id);
      expect(after.body.participants).toHaveLength(1);
      expect(after.body.revision).toBe(c.body.revision + 1);
      expect((await historyTypes(c.id)).filter((x) => x === 'ParticipantInvited')).toHaveLength(1);
    });
  });

  describe('concurrent steps on one case', () => {
    it('keeps all 20 parallel invitations without a lost update', async () => {
      const c = await buildCase(t, 'preparing');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => api.invite(c.id, inviteBody(i + 1)).then((r) => r)),
      );
      for (const res of answers) expectStatus(res, 201);
      const pids = answers.map((r) => r.body.participantId);
      expect(new Set(pids).size).toBe(20);
      const revisions = answers.map((r) => r.body.revision);
      expect(new Set(revisions).size).toBe(20);
      expect(Math.max(...revisions)).toBe(c.body.revision + 20);
      const after = await api.read(c.id);
      expect(after.body.revision).toBe(c.body.revision + 20);
      expect(after.body.participants.map((p: ParticipantView) => p.id).sort()).toEqual([...pids].sort());
      expect(after.body.participants.map((p: ParticipantView) => p.name).sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `Deelnemer ${i + 1}`).sort(),
      );
    });

    it('lets exactly one of two parallel steps with the same If-Match through', async () => {
      const c = await buildCase(t, 'preparing');
      const etag = (await api.read(c.id)).headers.etag;
      const answers = await Promise.all(
        [1, 2].map((n) => api.invite(c.id, inviteBody(n), { 'If-Match': etag }).then((r) => r)),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([201, 412]);
      expect((await api.read(c.id)).body.participants).toHaveLength(1);
    });
  });
});

describe.each(E2E_STORES)('%s store, restarted on the same data', (store) => {
  let t: TestApp;
  let api: CaseApi;

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps every acknowledged step and the revision across a restart', async () => {
    const scheduled = await buildCase(t, 'scheduled', { participants: 3 });
    const distributed = await buildCase(t, 'plan-distributed');
    const key = randomUUID();
    const keyed = await api.request({ region: 'Zwolle' }, { 'Idempotency-Key': key });
    expectStatus(keyed, 201);
    const before = await Promise.all(
      [scheduled.id, distributed.id].map((id) => api.get(`/v1/cases/${id}`).then((r) => r)),
    );

    await t.restart();

    for (const [i, c] of [scheduled, distributed].entries()) {
      const res = await api.get(`/v1/cases/${c.id}`);
      expectStatus(res, 200);
      expect(res.body.revision).toBe(c.body.revision);
      expect(res.headers.etag).toBe(`"${c.body.revision}"`);
      expect(res.body).toEqual(before[i].body);
    }
    const again = await api.get(`/v1/cases/${scheduled.id}`);
    expect(again.body.state).toBe('scheduled');
    expect(again.body.participants.map((p: ParticipantView) => p.id)).toEqual(scheduled.participantIds);
    expect((await api.get(`/v1/cases/${distributed.id}`)).body.state).toBe('plan-distributed');

    const retry = await api.request({ region: 'Zwolle' }, { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(keyed.body);

    const next = await api.invite(scheduled.id, inviteBody(4));
    expectStatus(next, 201);
    expect(next.body.revision).toBe(scheduled.body.revision + 1);
    expect(next.body.participants).toHaveLength(4);
  });
});
