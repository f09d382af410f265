import { randomUUID } from 'node:crypto';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import type { Response } from 'supertest';
import { ProjectionsService } from '@app/cases';
import { interceptAppends } from './support/store-faults';
import { CaseApi, STEPS_IN, buildCase } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { expectNextSteps, expectRefusal, expectStatus, type HistoryEvent } from './support/http-expect';

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

  const read = async (id: string) => {
    const res = await api.get(`/v1/cases/${id}`);
    expectStatus(res, 200);
    return res.body;
  };
  /**
   * A request that crashes after it linked the original, before the new case exists. The worker, which
   * heals such a link, is held while it happens, so only the request's own write fails.
   */
  const crashAfterLink = async (send: () => Promise<Response>): Promise<Response> => {
    const worker = t.app.get(ProjectionsService);
    await worker.stop();
    const recover = interceptAppends(t.app, (_stream, events) => {
      if (events[0]?.type === 'ConferenceRequested') throw new Error('injected crash');
    });
    const res = await send();
    recover();
    await worker.start();
    return res;
  };
  const linksIn = async (id: string) => {
    const res = await api.get(`/v1/cases/${id}/history`);
    expectStatus(res, 200);
    return res.body.events.filter((e: HistoryEvent) => e.type === 'FollowUpConferenceRequested');
  };

  /** Exactly one follow-up case, linked both ways; of the original's kind (workflow version 2). */
  async function expectOneLinkedFollowUp(originalId: string, followUpId: string, kind = 'group') {
    const original = await read(originalId);
    expect(original.followUpCases).toEqual([followUpId]);
    const links = await linksIn(originalId);
    expect(links).toHaveLength(1);
    expect(links[0].data.followUpCaseId).toBe(followUpId);
    const followUp = await read(followUpId);
    expect(followUp).toMatchObject({
      id: followUpId,
      followUpOf: originalId,
      state: 'requested',
      kind,
    });
    expectNextSteps(followUp, STEPS_IN.requested.required);
  }

  describe('requesting a follow-up conference', () => {
    it('answers with a new requested case that names the original, and the original names it', async () => {
      const original = await buildCase(t, 'plan-distributed', { kind: 'family' });
      const res = await api.followUpConference(original.id, { reason: 'Het plan werkt niet meer.' });
      expectStatus(res, 201);
      expect(res.body.id).not.toBe(original.id);
      expect(res.body).toMatchObject({ followUpOf: original.id, state: 'requested', revision: 0 });
      await expectOneLinkedFollowUp(original.id, res.body.id, 'family');
      expect((await read(original.id)).state).toBe('plan-distributed');
    });

    it('allows a second follow-up conference after follow-up contact', async () => {
      const original = await buildCase(t, 'followed-up');
      const first = await api.followUpConference(original.id);
      expectStatus(first, 201);
      const second = await api.followUpConference(original.id, { reason: 'Opnieuw vastgelopen.' });
      expectStatus(second, 201);
      expect(second.body.id).not.toBe(first.body.id);
      expect([...(await read(original.id)).followUpCases].sort()).toEqual(
        [first.body.id, second.body.id].sort(),
      );
    });

    it('refuses a follow-up conference before the plan was distributed', async () => {
      const c = await buildCase(t, 'plan-recorded');
      const res = await api.followUpConference(c.id);
      expectRefusal(res, 'plan-recorded');
      expectNextSteps(res.body, STEPS_IN['plan-recorded'].required, STEPS_IN['plan-recorded'].guarded);
      expect((await read(c.id)).followUpCases).toEqual([]);
    });
  });

  describe('a crash after the link was written on the original case', () => {
    it('lets the worker create the follow-up case the link names, once', async () => {
      const original = await buildCase(t, 'plan-distributed');
      const res = await crashAfterLink(() =>
        api.followUpConference(original.id, undefined, { 'Idempotency-Key': randomUUID() }),
      );
      expect(res.status).toBe(500);

      const linked = await read(original.id);
      expect(linked.followUpCases).toHaveLength(1);
      const followUpId = linked.followUpCases[0];
      await caughtUp(t);
      await expectOneLinkedFollowUp(original.id, followUpId);
    });

    it('answers a retry with the same key after a restart with the one follow-up case', async () => {
      const original = await buildCase(t, 'plan-distributed');
      const key = randomUUID();
      const crashed = await crashAfterLink(() =>
        api.followUpConference(original.id, undefined, { 'Idempotency-Key': key }),
      );
      expect(crashed.status).toBe(500);

      await t.restart(); // a new process: no fault

      const retry = await api.followUpConference(original.id, undefined, { 'Idempotency-Key': key });
      expectStatus(retry, 201);
      expect(retry.body).toMatchObject({ followUpOf: original.id, state: 'requested' });
      await expectOneLinkedFollowUp(original.id, retry.body.id);

      const again = await api.followUpConference(original.id, undefined, { 'Idempotency-Key': key });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(retry.body);
      expect((await read(original.id)).followUpCases).toEqual([retry.body.id]);
    });
  });
});
