import { headPosition } from '@app/audit';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { READ_DB, type SqlDb } from '@app/kernel';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import { CaseApi, buildCase, inviteBody, inviteParticipants, requestBody } from './support/case-builder';
import { expectInvalidField, expectProblem, expectRefusal, expectStatus } from './support/http-expect';

const LONE_HIGH = '\ud83d';
const LONE_LOW = '\ude00';

describe.each(E2E_STORES)('%s store: input hygiene', (store) => {
  let t: TestApp;
  let api: CaseApi;

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const revisionOf = async (id: string) => (await api.read(id)).body.revision;
  const applicant = (overrides: Record<string, unknown>) => ({
    applicant: { ...requestBody().applicant, ...overrides },
  });

  describe('strings: control characters and lone surrogates → 400', () => {
    it.each([
      ['a NUL', 'Fatima\u0000 el Amrani'],
      ['a tab', 'Fatima\tel Amrani'],
      ['a line break', 'Fatima\nel Amrani'],
      ['an escape', 'Fatima\u001b[31m'],
      ['a C1 control', 'Fatima\u0085'],
      ['DEL', 'Fatima\u007f'],
      ['a lone high surrogate', `Fatima ${LONE_HIGH}`],
      ['a lone low surrogate', `${LONE_LOW} Fatima`],
    ])('refuses %s in a name', async (_what, name) => {
      expectInvalidField(await api.request(applicant({ name })), 'applicant.name');
    });

    it.each([
      ['a NUL', 'fatima\u0000@example.nl'],
      ['a lone surrogate', `fatima${LONE_HIGH}@example.nl`],
      ['a lone low surrogate at the end', `fatima@example.nl${LONE_LOW}`],
    ])('refuses %s in an e-mail address (never a 500)', async (_what, email) => {
      expectInvalidField(await api.request(applicant({ email })), 'applicant.email');
    });

    it('refuses a NUL in the region and in free text, and a lone surrogate in free text', async () => {
      expectInvalidField(await api.request({ region: 'Utrecht\u0000' }), 'region');
      expectInvalidField(await api.request({ description: 'Ruzie\u0000' }), 'description');
      expectInvalidField(await api.request({ description: `Ruzie ${LONE_HIGH}` }), 'description');
    });

    it('takes line breaks, tabs and characters beyond the BMP in free text, and a well-formed pair in a name', async () => {
      const res = await api.request({
        description: 'Eerste regel\r\nTweede regel\n\tingesprongen 😀',
        applicant: { name: 'Fatima 😀 el Amrani' },
      });
      expectStatus(res, 201);
    });

    it('refuses a control character in a list of ids and in a list of free texts, appending nothing', async () => {
      const c = await buildCase(t, 'requested');
      expectInvalidField(
        await api.intake(c.id, { conferenceQuestions: ['Hoe verder?', 'Wat\u0000 nu?'] }),
        'conferenceQuestions',
      );
      expect(await revisionOf(c.id)).toBe(0);
      const held = await buildCase(t, 'scheduled');
      const res = await api.hold(held.id, {
        heldAt: held.body.schedule.startsAt,
        attendees: [held.participantIds[0], 'p\u0000'],
      });
      expectInvalidField(res, 'attendees');
    });

    it('refuses control characters in a query string', async () => {
      expectInvalidField(await api.get('/v1/cases?region=Utrecht%00'), 'region');
      expectInvalidField(await api.get('/v1/cases?coordinatorId=%1B'), 'coordinatorId');
      expectInvalidField(await api.get('/v1/reports/flow?region=%0AUtrecht'), 'region');
    });
  });

  describe('bounds', () => {
    it('refuses a name over 200 characters and free text over 5,000', async () => {
      expectInvalidField(await api.request(applicant({ name: 'a'.repeat(201) })), 'applicant.name');
      expectInvalidField(await api.request({ region: 'r'.repeat(201) }), 'region');
      expectInvalidField(await api.request({ description: 'd'.repeat(5001) }), 'description');
      expectStatus(
        await api.request({ description: 'd'.repeat(5000), applicant: { name: 'a'.repeat(200) } }),
        201,
      );
    });

    it('refuses more than 100 conference questions, attendees, owners or agreements', async () => {
      const requested = await buildCase(t, 'requested');
      const questions = Array.from({ length: 101 }, (_, i) => `Vraag ${i}?`);
      expectInvalidField(
        await api.intake(requested.id, { conferenceQuestions: questions }),
        'conferenceQuestions',
      );
      const scheduled = await buildCase(t, 'scheduled');
      const many = Array.from({ length: 101 }, () => scheduled.participantIds[0]);
      expectInvalidField(
        await api.hold(scheduled.id, { heldAt: scheduled.body.schedule.startsAt, attendees: many }),
        'attendees',
      );
      const held = await buildCase(t, 'held');
      const agreement = api.planBody([held.participantIds[0]]).agreements[0];
      const agreements = Array.from({ length: 101 }, () => agreement);
      const plan = { agreements, ifItDoesNotWork: 'Opnieuw bij elkaar komen.' };
      expectInvalidField(await api.plan(held.id, plan), 'agreements');
      const owners = { ...plan, agreements: [{ ...agreement, ownerIds: many }] };
      expectInvalidField(await api.plan(held.id, owners), 'ownerIds');
      expect(await revisionOf(held.id)).toBe(held.body.revision);
      expectStatus(await api.plan(held.id, { ...plan, agreements: agreements.slice(0, 100) }), 200);
    });
  });

  it('refuses a 101st participant with 409 PARTICIPANTS.TOO_MANY, appending nothing', async () => {
    const c = await buildCase(t, 'preparing');
    await inviteParticipants(api, c.id, 100);
    const before = await revisionOf(c.id);
    const res = await api.invite(c.id, inviteBody(101));
    expectRefusal(res, 'preparing');
    expect(res.body.rule).toBe('PARTICIPANTS.TOO_MANY');
    expect(res.body.nextSteps).not.toContain('invite-participant');
    expect(await revisionOf(c.id)).toBe(before);
  }, 60_000);

  describe('applicant', () => {
    it('is required, and must be an object', async () => {
      const { applicant: _a, ...body } = requestBody();
      expectInvalidField(await api.post('/v1/cases', body), 'applicant');
      expectInvalidField(await api.request({ applicant: null }), 'applicant');
      expectInvalidField(await api.request({ applicant: [{ name: 'Fatima' }] }), 'applicant');
      expectInvalidField(await api.request({ applicant: 'Fatima' }), 'applicant');
    });
  });

  describe('path ids', () => {
    /** The log's head, the read models' rows and the streams a junk id could have named. */
    const footprint = async (junk: string[]) => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const rows = await t.app
        .get<SqlDb>(READ_DB)
        .all<{ n: number }>('SELECT COUNT(*) AS n FROM tafel_case_list');
      const streams = await Promise.all(
        junk.flatMap((j) => [`access-${j}`, `case-${j}`]).map(async (s) => (await store.read(s)).length),
      );
      return { head: await headPosition(store), rows: Number(rows[0].n), streams };
    };

    it('answers 404 for a path id that is not a UUID on every route, and writes, logs and reads nothing', async () => {
      const c = await buildCase(t, 'ready', { participants: 1 });
      const real: Record<string, string> = { id: c.id, pid: c.participantIds[0] };
      const junk = ['nope', `${c.id}x`, c.id.toUpperCase(), 'a'.repeat(300), '%00', '..'];
      const docs = (await t.http.get('/docs-json')).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const before = await footprint(junk);
      let tried = 0;
      for (const [path, operations] of Object.entries(docs.paths)) {
        const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const method of Object.keys(operations)) {
          for (const name of names) {
            for (const bad of junk) {
              const url = path.replace(/\{(\w+)\}/g, (_m, n: string) =>
                n === name ? encodeURIComponent(bad).replace('%2500', '%00') : real[n],
              );
              const call = method === 'get' ? api.get(url) : api.post(url, {});
              const res = await call;
              expect({ url, status: res.status }).toEqual({ url, status: 404 });
              expectProblem(res, 404);
              expect(res.text).not.toContain(bad === '..' ? '/..' : bad);
              tried++;
            }
          }
        }
      }
      expect(tried).toBeGreaterThan(100);
      expect(await footprint(junk)).toEqual(before);
    });

    it('still answers 404 for a UUID that names no case, participant or person', async () => {
      const c = await buildCase(t, 'ready', { participants: 1 });
      const none = '00000000-0000-4000-8000-000000000000';
      expectProblem(await api.get(`/v1/cases/${none}`), 404);
      expectProblem(await api.prepare(c.id, none), 404);
      expectProblem(await api.post(`/v1/people/${none}/erasure`, { reason: 'Verzoek.' }), 404);
    });
  });

  describe('deep JSON', () => {
    const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const inField = (depth: number) => `{"reason": ${'{"a": '.repeat(depth - 1)}1${'}'.repeat(depth)}`;

    it('refuses a body nested 5,000 deep on every step route with 400 errors[], not 500', async () => {
      const c = await buildCase(t, 'ready', { participants: 1 });
      const real: Record<string, string> = { id: c.id, pid: c.participantIds[0] };
      const docs = (await t.http.get('/docs-json')).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const posts = Object.entries(docs.paths)
        .filter(([, operations]) => 'post' in operations)
        .map(([path]) => path.replace(/\{(\w+)\}/g, (_m, n: string) => real[n] ?? n));
      expect(posts.length).toBeGreaterThanOrEqual(21);
      for (const url of posts) {
        for (const body of [arrays(5000), inField(5000), arrays(33)]) {
          const res = await api.post(url, body, { 'Content-Type': 'application/json' });
          expect({ url, status: res.status }).toEqual({ url, status: 400 });
          expectInvalidField(res, 'body');
        }
      }
      expect(await revisionOf(c.id)).toBe(c.body.revision);
    });

    it('lets a body 32 deep through to the validation of its fields', async () => {
      const c = await buildCase(t, 'requested');
      const res = await api.post(`/v1/cases/${c.id}/decline`, inField(32), {
        'Content-Type': 'application/json',
      });
      expectInvalidField(res, 'reason');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).not.toContain('body');
    });
  });
});
