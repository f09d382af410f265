import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import { CaseApi, buildCase, requestBody } from './support/case-builder';
import { expectInvalidField, expectStatus } from './support/http-expect';

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

  describe('applicant', () => {
    it('is required, and must be an object', async () => {
      const { applicant: _a, ...body } = requestBody();
      expectInvalidField(await api.post('/v1/cases', body), 'applicant');
      expectInvalidField(await api.request({ applicant: null }), 'applicant');
      expectInvalidField(await api.request({ applicant: [{ name: 'Fatima' }] }), 'applicant');
      expectInvalidField(await api.request({ applicant: 'Fatima' }), 'applicant');
    });
  });
});
