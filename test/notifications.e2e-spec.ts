import { SmtpTestServer } from '@app/notifications/testing';
import { buildCase, CaseApi, inviteBody } from './support/case-builder';
import { dispatchRound } from './support/caught-up';
import { expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, TEST_ACTORS, type TestApp } from './support/test-app';

const DAY = 86_400_000;

describe.each(E2E_STORES)('%s store: e-mail to participants through the API', (store) => {
  const smtp = new SmtpTestServer();
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start(0);
    t = await startTestApp({ store, env: { TAFEL_SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.received.splice(0));

  it('mails the invitations, shows sent, due and by-phone per participant, and lists MessageSent in the history', async () => {
    const c = await buildCase(t, 'scheduled', { coordinatorId: TEST_ACTORS.coordinator.id });
    const api = new CaseApi(t, 'coordinator');
    const phoned = await api.invite(c.id, inviteBody(3, { email: undefined, phone: '0612345678' }));
    expectStatus(phoned, 201);
    expect(await dispatchRound(t)).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.received.map((m) => m.subject)).toEqual([
      'Uitnodiging voor de groepsconferentie',
      'Uitnodiging voor de groepsconferentie',
    ]);

    const res = await api.get(`/v1/cases/${c.id}/messages`);
    expectStatus(res, 200);
    const byId = new Map(res.body.participants.map((p: { id: string }) => [p.id, p]));
    // SMTP delivery order between two participants is not fixed: find participant 1's own mail.
    const toFirst = smtp.received.find((m) => JSON.stringify(m.to).includes('deelnemer1@example.nl'));
    expect(toFirst?.messageId).toBeDefined();
    expect(byId.get(c.participantIds[0])).toMatchObject({
      reachBy: 'email',
      sent: [{ kind: 'invitation', messageId: toFirst!.messageId }],
      failed: [],
    });
    expect(byId.get(c.participantIds[0])).toMatchObject({
      due: [{ kind: 'reminder', dueAt: new Date(t.clock.now().getTime() + 6 * DAY).toISOString() }],
    });
    expect(byId.get(phoned.body.participantId)).toMatchObject({
      reachBy: 'phone',
      sent: [],
      due: [{ kind: 'invitation' }, { kind: 'answer-nudge' }, { kind: 'reminder' }],
    });

    const history = await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}/history`);
    const types = history.body.events.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === 'MessageSent')).toHaveLength(2);
    const verification = await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}/verification`);
    expect(verification.body.valid).toBe(true);
  });

  it("keeps the case revision, and so a staff member's If-Match, when mail is recorded", async () => {
    const c = await buildCase(t, 'scheduled');
    const before = await new CaseApi(t, 'admin').get(`/v1/cases/${c.id}`);
    expect((await dispatchRound(t)).sent).toBeGreaterThan(0);
    const res = await new CaseApi(t, 'admin').invite(c.id, inviteBody(7), {
      'If-Match': before.headers.etag,
    });
    expectStatus(res, 201);
    expect(res.body.revision).toBe(before.body.revision + 1);
  });

  it('sends nothing more after the case is withdrawn', async () => {
    const c = await buildCase(t, 'scheduled');
    await dispatchRound(t);
    smtp.received.splice(0);
    expectStatus(await new CaseApi(t, 'admin').withdraw(c.id), 200);
    t.clock.advance(7 * DAY);
    await dispatchRound(t);
    expect(smtp.received.filter((m) => m.subject?.startsWith('Herinnering'))).toEqual([]);
    const res = await new CaseApi(t, 'admin').get(`/v1/cases/${c.id}/messages`);
    for (const p of res.body.participants) expect(p.due).toEqual([]);
  });

  it('lets only those who may read the case see its messages', async () => {
    const c = await buildCase(t, 'preparing', { coordinatorId: TEST_ACTORS.coordinator.id });
    expectStatus(await new CaseApi(t, 'otherCoordinator').get(`/v1/cases/${c.id}/messages`), 403);
    expectStatus(await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}/messages`), 200);
    expectStatus(await new CaseApi(t, 'researcher').get(`/v1/cases/${c.id}/messages`), 200);
    expectStatus(
      await new CaseApi(t, 'admin').get(`/v1/cases/00000000-0000-4000-8000-000000000000/messages`),
      404,
    );
    const log = await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}/access-log`);
    expect(log.body.entries.map((e: { route: string }) => e.route)).toContain('GET /v1/cases/:id/messages');
  });
});
