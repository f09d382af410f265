import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { RULE_MESSAGES, RULE_MESSAGES_NL } from '@app/workflow';
import { PROBLEM_TEXTS_NL } from '../apps/admin-api/src/http/problem-texts';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import { CaseApi, buildCase, requestBody } from './support/case-builder';
import { expectInvalidField, expectProblem, expectRefusal } from './support/http-expect';

const NL = { 'Accept-Language': 'nl' };

/** A problem whose detail is `detail`, in `language`, saying that it varies with Accept-Language. */
function expectDetail(res: Response, status: number, detail: string, language = 'nl'): void {
  expectProblem(res, status);
  expect(res.body.detail).toBe(detail);
  expect(res.headers['content-language']).toBe(language);
  expect(res.headers.vary).toMatch(/(^|,\s*)Accept-Language(\s*,|$)/i);
}

describe.each(E2E_STORES)('%s store: problems in the language asked for', (store) => {
  let t: TestApp;
  let api: CaseApi;

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('409: a refused step', () => {
    const rule = 'CONFERENCE.NOT_SCHEDULED';

    it.each(['nl', 'nl-NL', 'nl;q=0.9, en;q=0.8', 'en;q=0.1, nl'])(
      'says the rule in Dutch with Accept-Language: %s, and nothing else changes',
      async (acceptLanguage) => {
        const c = await buildCase(t, 'ready');
        const hold = { heldAt: t.clock.now().toISOString(), attendees: c.participantIds };
        const dutch = await api.hold(c.id, hold, { 'Accept-Language': acceptLanguage });
        const english = await api.hold(c.id, hold);
        expectRefusal(dutch, 'preparing');
        expectDetail(dutch, 409, RULE_MESSAGES_NL[rule]);
        expect(dutch.body.rule).toBe(rule);
        expect({ ...dutch.body, detail: english.body.detail }).toEqual(english.body);
        expect((await api.read(c.id)).body.revision).toBe(c.body.revision);
      },
    );

    it.each([undefined, 'en', '*', 'fr, de', 'nl;q=0'])(
      'stays English with Accept-Language: %s',
      async (acceptLanguage) => {
        const c = await buildCase(t, 'ready');
        const hold = { heldAt: t.clock.now().toISOString(), attendees: c.participantIds };
        const res = await api.hold(c.id, hold, acceptLanguage ? { 'Accept-Language': acceptLanguage } : {});
        expectRefusal(res, 'preparing');
        expectDetail(res, 409, RULE_MESSAGES[rule], 'en');
      },
    );

    it('a step the state does not allow says so in Dutch', async () => {
      const c = await buildCase(t, 'awaiting-coordinator');
      const res = await api.decline(c.id, undefined, NL);
      expectRefusal(res, 'awaiting-coordinator');
      expectDetail(res, 409, RULE_MESSAGES_NL['CASE.STEP_NOT_ALLOWED']);
    });
  });

  describe('404', () => {
    it('no such case', async () => {
      expectDetail(await api.get(`/v1/cases/${randomUUID()}`).set(NL), 404, PROBLEM_TEXTS_NL.caseNotFound);
    });

    it('a path id that is not a UUID', async () => {
      expectDetail(await api.get('/v1/cases/not-a-case/history').set(NL), 404, PROBLEM_TEXTS_NL.caseNotFound);
    });

    it('no such participant in a step', async () => {
      const c = await buildCase(t, 'preparing');
      const res = await api.prepare(c.id, randomUUID(), undefined, NL);
      expectDetail(res, 404, PROBLEM_TEXTS_NL.participantNotFound);
    });
  });

  describe('403', () => {
    it("a coordinator reading another coordinator's case", async () => {
      const c = await buildCase(t, 'preparing', { coordinatorId: 'coord-2' });
      const res = await api.as('coordinator').get(`/v1/cases/${c.id}`).set(NL);
      expectDetail(res, 403, PROBLEM_TEXTS_NL.notYourCase);
    });

    it('a step the role does not take', async () => {
      const c = await buildCase(t, 'requested');
      const res = await api.as('auditor').withdraw(c.id, undefined, NL);
      expectDetail(res, 403, PROBLEM_TEXTS_NL.stepNotForRole);
    });
  });

  describe('400', () => {
    it('an invalid body names the fields in Dutch; errors[] stays as it is', async () => {
      const { kind: _k, ...body } = requestBody();
      const res = await api.post('/v1/cases', body, NL);
      expectInvalidField(res, 'kind');
      expectDetail(res, 400, 'Niet alle gegevens kloppen. Het gaat om: kind.');
      expect(res.body.code).toBe('REQUEST.INVALID');
    });

    it('a body nested too deep', async () => {
      const deep = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`);
      const res = await api.post('/v1/cases', { ...requestBody(), description: deep }, NL);
      expectDetail(res, 400, PROBLEM_TEXTS_NL.bodyTooDeep);
    });

    it('a body that is not JSON', async () => {
      const res = await api.post('/v1/cases', '{"kind": "group",', {
        ...NL,
        'Content-Type': 'application/json',
      });
      expectDetail(res, 400, PROBLEM_TEXTS_NL.bodyUnreadable);
    });
  });

  it('401: no token', async () => {
    const res = await t.http.get('/v1/workflow').set(NL);
    expectDetail(res, 401, PROBLEM_TEXTS_NL.unauthenticated);
  });

  it('412: the case moved on', async () => {
    const c = await buildCase(t, 'awaiting-coordinator');
    const res = await api.withdraw(c.id, undefined, { ...NL, 'If-Match': '"0"' });
    expectDetail(res, 412, PROBLEM_TEXTS_NL.stale(c.body.revision));
    expect(res.body.currentRevision).toBe(c.body.revision);
  });

  it('422: an Idempotency-Key used for another request', async () => {
    const c = await buildCase(t, 'requested');
    const key = { 'Idempotency-Key': randomUUID() };
    await api.intake(c.id, undefined, key);
    const res = await api.withdraw(c.id, undefined, { ...key, ...NL });
    expectDetail(res, 422, PROBLEM_TEXTS_NL.keyReused);
  });

  it('413: a body over 100 kB', async () => {
    const res = await api.request({ description: 'x'.repeat(150 * 1024) }, NL);
    expectDetail(res, 413, PROBLEM_TEXTS_NL.bodyTooLarge);
  });

  it('415: a body of a type the API does not read', async () => {
    const res = await api.post('/v1/cases', '<kind>group</kind>', {
      ...NL,
      'Content-Type': 'application/xml',
    });
    expectDetail(res, 415, PROBLEM_TEXTS_NL.unsupportedMediaType);
  });
});
