import type { Response } from 'supertest';
import { CaseApi, MAIN_PATH, assignBody, buildCase, inviteBody } from './support/case-builder';
import { dispatchRound } from './support/caught-up';
import { expectProblem, expectStatus, type CaseBody } from './support/http-expect';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

const HOUR = 60 * 60 * 1000;

interface Seen {
  /** The test clock when the step ran (its event's occurredAt). */
  at: Date;
  /** `GET /v1/cases/:id` right after the step. */
  body: CaseBody;
}

describe.each(E2E_STORES)('%s store: time travel through a whole case', (store) => {
  let t: TestApp;
  let api: CaseApi;
  let auditor: CaseApi;
  let id: string;
  const seen: Seen[] = [];

  /** Runs one step an hour after the previous one and remembers the case as it then was. */
  async function step(call: () => Promise<Response>, status = 200): Promise<CaseBody> {
    t.clock.advance(HOUR);
    const res = await call();
    expectStatus(res, status);
    id ??= res.body.id;
    const live = await auditor.get(`/v1/cases/${id}`);
    expectStatus(live, 200);
    seen.push({ at: t.clock.now(), body: live.body });
    return res.body;
  }

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
    auditor = new CaseApi(t, 'auditor');
    await step(() => api.request(), 201);
    await step(() => api.intake(id));
    await step(() => api.assign(id, assignBody()));
    const pids: string[] = [];
    for (const n of [1, 2])
      pids.push((await step(() => api.invite(id, inviteBody(n)), 201)).participantId as string);
    for (const pid of pids) {
      await step(() => api.prepare(id, pid));
      await step(() => api.answer(id, pid, 'accepted'));
    }
    const schedule = api.scheduleBody(2);
    await step(() => api.schedule(id, schedule));
    t.clock.set(new Date(Date.parse(schedule.startsAt) + 2 * HOUR));
    await step(() => api.hold(id, { heldAt: schedule.startsAt, attendees: pids }));
    await step(() => api.plan(id, api.planBody([pids[0]])));
    await step(() => api.plan(id, api.planBody(pids)));
    await step(() => api.distribute(id));
    await step(() => api.followUp(id, api.followUpBody('partly')));
    await step(() => api.close(id));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('walked every state of the case, one revision per step', () => {
    expect(seen.map((s) => s.body.revision)).toEqual(seen.map((_, i) => i));
    expect(new Set(seen.map((s) => s.body.state))).toEqual(new Set(MAIN_PATH));
  });

  it('shows the case at each revision exactly as it was after that step', async () => {
    for (const [revision, { body }] of seen.entries()) {
      const res = await auditor.get(`/v1/cases/${id}/state?revision=${revision}`);
      expectStatus(res, 200);
      expect(res.body).toEqual(body);
    }
  });

  it('shows the case at the moment of each step as it was after it, and a moment before as it was before', async () => {
    for (const [i, { at, body }] of seen.entries()) {
      const after = await auditor.get(`/v1/cases/${id}/state?at=${encodeURIComponent(at.toISOString())}`);
      expectStatus(after, 200);
      expect(after.body).toEqual(body);
      const just = new Date(at.getTime() - 1).toISOString();
      const before = await auditor.get(`/v1/cases/${id}/state?at=${encodeURIComponent(just)}`);
      if (i === 0) expectProblem(before, 404);
      else {
        expectStatus(before, 200);
        expect(before.body).toEqual(seen[i - 1].body);
      }
    }
  });

  it('refuses a revision the case never reached', async () => {
    const res = await auditor.get(`/v1/cases/${id}/state?revision=${seen.length}`);
    expectProblem(res, 404);
    expect(res.body.code).toBe('CASE.REVISION_NOT_FOUND');
  });

  it('lists the messages sent to participants in the history and the chain, without moving the case', async () => {
    const c = await buildCase(t, 'scheduled');
    expect((await dispatchRound(t)).sent).toBeGreaterThan(0);
    const live = await auditor.get(`/v1/cases/${c.id}`);
    const history = await auditor.get(`/v1/cases/${c.id}/history`);
    const events = history.body.events as {
      stream: string;
      revision: number;
      position: number;
      type: string;
      hash: string;
    }[];
    const messages = events.filter((e) => e.type === 'MessageSent');
    expect(messages.length).toBeGreaterThan(0);
    // The outcomes live in the case's messages stream: the case's own revision does not move.
    expect(messages.map((m) => [m.stream, m.revision])).toEqual(
      messages.map((_, i) => [`messages-${c.id}`, i]),
    );
    expect(live.body).toMatchObject({ state: 'scheduled', revision: c.body.revision });
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
    for (const m of messages) expect(m.hash).toMatch(/^[0-9a-f]{64}$/);
    const verdict = await auditor.get(`/v1/cases/${c.id}/verification`);
    expect(verdict.body).toMatchObject({ valid: true, events: events.length });
    expect(verdict.body.streams.map((v: { stream: string }) => v.stream)).toEqual([
      `case-${c.id}`,
      `messages-${c.id}`,
    ]);
  });
});
