import type { Response } from 'supertest';
import type { TafelConfig } from '@app/config';
import { EVENT_STORE, verifyChain, type EventStore, type StoredEvent } from '@app/event-store';
import { CONFIG } from '@app/infrastructure';
import { dumpReadModels } from '../apps/cli/src/testing/store-backdoor';
import { SmtpTestServer } from '@app/notifications/testing';
import { buildCase, CaseApi, inviteBody, type BuiltCase } from './support/case-builder';
import { caughtUp, dispatchRound } from './support/caught-up';
import { expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import { runTafelOn } from './support/cli';

const DAY = 86_400_000;
const ERASED = '[verwijderd]';
const SANNE = { name: 'Sanne de Vries', email: 'sanne.devries@example.nl', phone: '0687654321' };
const NOTES = 'Sanne woont sinds kort alleen met haar zoon.';

describe.each(E2E_STORES)('%s store: erasing a person', (store) => {
  const smtp = new SmtpTestServer();
  let t: TestApp;
  let config: TafelConfig;
  let c: BuiltCase;
  let sanne: string;
  let erasure: Response;
  const before: { case?: Record<string, unknown>; history?: { events: StoredEvent[] }; dump?: string } = {};
  const admin = () => new CaseApi(t, 'admin');
  const auditor = () => new CaseApi(t, 'auditor');
  const erase = (personId: string, body: unknown = { reason: 'Verzoek van betrokkene (AVG art. 17).' }) =>
    admin().post(`/v1/people/${personId}/erasure`, body);

  const tafel = (...argv: string[]) => runTafelOn(t, argv);

  beforeAll(async () => {
    await smtp.start(0);
    t = await startTestApp({ store, env: { TAFEL_SMTP_URL: smtp.url } });
    config = t.app.get<TafelConfig>(CONFIG);
    c = await buildCase(t, 'scheduled');
    const invited = await admin().invite(c.id, inviteBody(3, SANNE), { 'Idempotency-Key': 'invite-sanne' });
    expectStatus(invited, 201);
    sanne = invited.body.participantId;
    expectStatus(await admin().prepare(c.id, sanne, { notes: NOTES }), 200);
    expectStatus(await admin().answer(c.id, sanne), 200);
    expect((await dispatchRound(t)).sent).toBe(3);
    await caughtUp(t);
    before.case = (await auditor().get(`/v1/cases/${c.id}`)).body;
    before.history = (await auditor().get(`/v1/cases/${c.id}/history`)).body;
    before.dump = await dumpReadModels(config);
    smtp.received.splice(0);
    erasure = await erase(sanne);
    await caughtUp(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('erases once: admin only, a reason required, an unknown person not found, a repeat answers the first', async () => {
    expectStatus(erasure, 200);
    expect(erasure.body).toEqual({ personId: sanne, erasedAt: expect.any(String), caseIds: [c.id] });
    expectStatus(
      await new CaseApi(t, 'regionManager').post(`/v1/people/${sanne}/erasure`, { reason: 'x' }),
      403,
    );
    expectStatus(await erase(sanne, {}), 400);
    expectStatus(await erase('00000000-0000-4000-8000-000000000000'), 404);
    t.clock.advance(60_000);
    const again = await erase(sanne);
    expectStatus(again, 200);
    expect(again.body).toEqual(erasure.body);
  });

  it('shows the person erased in the case, its history and time travel; states, steps and hashes stay', async () => {
    const now = (await auditor().get(`/v1/cases/${c.id}`)).body;
    const p = now.participants.find((x: { id: string }) => x.id === sanne);
    expect(p).toMatchObject({
      name: ERASED,
      email: ERASED,
      phone: ERASED,
      preparationNotes: ERASED,
      answer: 'accepted',
    });
    const others = (v: { participants: { id: string }[] }) => v.participants.filter((x) => x.id !== sanne);
    expect(others(now)).toEqual(others(before.case as never));
    expect({ ...now, participants: [] }).toEqual({ ...before.case, participants: [] });

    const history = (await auditor().get(`/v1/cases/${c.id}/history`)).body as { events: StoredEvent[] };
    const hashes = (h: { events: StoredEvent[] }) => h.events.map((e) => [e.type, e.revision, e.hash]);
    expect(hashes(history)).toEqual(hashes(before.history!));
    const invited = history.events.find(
      (e) => e.type === 'ParticipantInvited' && (e.data as { participantId: string }).participantId === sanne,
    );
    expect(invited?.data).toMatchObject({ name: ERASED, email: ERASED, phone: ERASED, role: 'family' });
    expect(JSON.stringify(history)).not.toMatch(/Sanne|sanne\.devries|0687654321/);

    for (const revision of [0, before.case!.revision as number]) {
      const then = await auditor().get(`/v1/cases/${c.id}/state?revision=${revision}`);
      expectStatus(then, 200);
      expect(JSON.stringify(then.body)).not.toMatch(/Sanne|sanne\.devries/);
    }
    const last = await auditor().get(`/v1/cases/${c.id}/state?revision=${before.case!.revision}`);
    expect({ state: last.body.state, nextSteps: last.body.nextSteps }).toEqual({
      state: before.case!.state,
      nextSteps: before.case!.nextSteps,
    });
  });

  it('keeps the read models sealed, redacts them when the erasure arrives, and a rebuild gives the same rows', async () => {
    const clear = /Sanne|sanne\.devries|0687654321|Deelnemer 1|deelnemer1@/;
    const mentions = (dump: string) => dump.split(sanne).length - 1;
    expect(before.dump).not.toMatch(clear);
    expect(before.dump).not.toContain(ERASED);
    const after = await dumpReadModels(config);
    expect(after).not.toMatch(clear);
    // Her sealed fields (each names her key) gave way to the erased marker.
    expect(after).toContain(ERASED);
    expect(mentions(after)).toBeLessThan(mentions(before.dump!));
    const list = await auditor().get(`/v1/cases?limit=200`);
    expectStatus(list, 200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const rebuild = await tafel('rebuild-projections');
    expect(rebuild.code).toBe(0);
    expect(await dumpReadModels(config)).toEqual(after);
  });

  it('shows no address in the messages view, and sends the person nothing more', async () => {
    const res = await auditor().get(`/v1/cases/${c.id}/messages`);
    expectStatus(res, 200);
    const view = res.body.participants.find((p: { id: string }) => p.id === sanne);
    expect(view).toMatchObject({ name: ERASED, reachBy: 'erased', due: [], sent: [{ kind: 'invitation' }] });
    t.clock.advance(6 * DAY + 60_000);
    const round = await dispatchRound(t);
    expect(round.sent).toBeGreaterThan(0);
    const to = smtp.received.map((m) => JSON.stringify(m.to));
    expect(to.some((x) => x.includes('deelnemer1@example.nl'))).toBe(true);
    expect(to.filter((x) => x.includes(SANNE.email))).toEqual([]);
  });

  it('answers a retried command with its first answer, the person erased in it', async () => {
    const retry = await admin().invite(c.id, inviteBody(3, SANNE), { 'Idempotency-Key': 'invite-sanne' });
    expectStatus(retry, 201);
    expect(retry.body.participants.find((p: { id: string }) => p.id === sanne)).toMatchObject({
      name: ERASED,
    });
    expect(JSON.stringify(retry.body)).not.toMatch(/Sanne|sanne\.devries/);
  });

  it('still verifies (API and CLI); the archive holds ciphertext that verifies alone, --decrypt shows the erasure', async () => {
    const verification = await auditor().get(`/v1/cases/${c.id}/verification`);
    expect(verification.body.valid).toBe(true);
    expect((await tafel('verify', c.id)).code).toBe(0);
    const archive = await tafel('export', c.id);
    expect(archive.code).toBe(0);
    expect(archive.stdout).not.toMatch(/Sanne|sanne\.devries|Deelnemer 1/);
    const records = archive.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StoredEvent);
    expect(verifyChain(records.filter((r) => r.stream === `case-${c.id}`))).toMatchObject({ valid: true });
    const readable = await tafel('export', c.id, '--decrypt');
    expect(readable.stdout).toContain('Deelnemer 1');
    expect(readable.stdout).toContain(ERASED);
    expect(readable.stdout).not.toMatch(/Sanne|sanne\.devries/);
    const replay = await tafel('replay', c.id, '--json');
    expect(replay.code).toBe(0);
  });

  it('keeps the read log, and records the erasure with its actor and no personal data', async () => {
    const log = await auditor().get(`/v1/cases/${c.id}/access-log`);
    expectStatus(log, 200);
    expect(log.body.entries.length).toBeGreaterThan(0);
    const [event] = await t.app.get<EventStore>(EVENT_STORE).read(`person-${sanne}`);
    expect(event).toMatchObject({
      type: 'PersonErased',
      metadata: { actor: { id: 'admin-1', role: 'admin' } },
    });
    expect(event.data).toMatchObject({ personId: sanne, caseIds: [c.id] });
  });

  it('erases an applicant: their data and the free text about the case, the case itself unchanged', async () => {
    const declined = await buildCase(t, 'declined');
    const was = (await auditor().get(`/v1/cases/${declined.id}`)).body;
    expect(was.declineReason).toBeDefined();
    expectStatus(await erase(was.applicant.personId), 200);
    const now = (await auditor().get(`/v1/cases/${declined.id}`)).body;
    expect(now.applicant).toEqual({
      personId: was.applicant.personId,
      name: ERASED,
      email: ERASED,
      phone: ERASED,
    });
    expect(now).toMatchObject({
      description: ERASED,
      declineReason: ERASED,
      state: 'declined',
      region: was.region,
    });
    expect(now.nextSteps).toEqual(was.nextSteps);
  });
});
