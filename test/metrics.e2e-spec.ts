import { randomBytes } from 'node:crypto';
import { FLOW, ProjectionsService } from '@app/cases';
import { READ_DB, type SqlDb } from '@app/kernel';
import { SmtpTestServer } from '@app/notifications/testing';
import { buildCase, CaseApi } from './support/case-builder';
import { dispatchRound } from './support/caught-up';
import { expectProblem, expectStatus } from './support/http-expect';
import { failPings } from './support/store-faults';
import { startTestApp, TEST_ACTORS, type TestApp } from './support/test-app';

const METRICS_TOKEN = randomBytes(32).toString('base64url');
const scraper = { Authorization: `Bearer ${METRICS_TOKEN}` };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const NO_SUCH_CASE = '00000000-0000-4000-8000-000000000000';

/** Series → value, from the text exposition; throws on a line that is neither a comment nor a sample. */
function parseExposition(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) continue;
    const match =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    // Prometheus reads NaN and ±Inf case-insensitively (prom-client writes an empty mean as `Nan`).
    const special = /^(nan|[+-]?inf)$/i.exec(match[2]);
    const value = special
      ? Number(match[2].replace(/inf/i, 'Infinity').replace(/^nan$/i, 'NaN'))
      : Number(match[2]);
    if (!special && (match[2] === '' || Number.isNaN(value))) throw new Error(`not a value: ${line}`);
    series.set(match[1], value);
  }
  return series;
}

/** A series key as prom-client writes it: labels in the order given. */
const key = (name: string, labels: Record<string, string> = {}) => {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return pairs.length ? `${name}{${pairs.join(',')}}` : name;
};

describe('metrics for an operator', () => {
  const smtp = new SmtpTestServer();
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start(0);
    t = await startTestApp({ env: { TAFEL_SMTP_URL: smtp.url, TAFEL_METRICS_TOKEN: METRICS_TOKEN } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const scrape = async (): Promise<Map<string, number>> => {
    const res = await t.http.get('/metrics').set(scraper);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(res.text);
  };
  const value = (m: Map<string, number>, name: string, labels?: Record<string, string>) =>
    m.get(key(name, labels)) ?? 0;

  it('answers the Prometheus text format to the metrics token, with process metrics and the leader', async () => {
    const res = await t.http.get('/metrics').set(scraper);
    expectStatus(res, 200);
    expect(res.headers['cache-control']).toBe('no-store');
    const m = parseExposition(res.text);
    expect(m.get('tafel_leader')).toBe(1);
    expect(m.get('tafel_store_up')).toBe(1);
    expect(m.has('process_cpu_user_seconds_total')).toBe(true);
    expect(res.text).toMatch(/^# TYPE tafel_steps_total counter$/m);
    expect(res.text).toMatch(/^# TYPE tafel_step_duration_seconds histogram$/m);
    expect(res.text).toMatch(/^# TYPE tafel_append_duration_seconds histogram$/m);
    for (const outcome of ['sent', 'retrying', 'failed', 'cancelled'])
      expect(m.get(key('tafel_messages_total', { outcome }))).toBe(0);
  });

  it.each([
    ['no token', {}],
    ['another bearer', { Authorization: `Bearer ${METRICS_TOKEN}x` }],
    ['the token in another scheme', { Authorization: `Basic ${METRICS_TOKEN}` }],
    ["an admin's staff token", { Authorization: 'admin' }],
  ])('refuses %s with a 401 problem', async (_, headers: Record<string, string>) => {
    const sent = headers.Authorization === 'admin' ? t.auth('admin') : headers;
    const res = await t.http.get('/metrics').set(sent);
    expectProblem(res, 401);
    expect(res.text).not.toMatch(/tafel_/);
  });

  it('counts a taken step and each kind of refusal exactly once, with its step and outcome, and no ids', async () => {
    const before = await scrape();
    const created = await new CaseApi(t, 'admin').request();
    expectStatus(created, 201);
    const id = created.body.id as string;
    expectProblem(await new CaseApi(t, 'admin').close(id), 409);
    expectProblem(await new CaseApi(t, 'admin').intake(NO_SUCH_CASE), 404);
    const unassigned = await buildCase(t, 'preparing', { coordinatorId: 'coord-elsewhere' });
    expectProblem(await new CaseApi(t, 'coordinator').schedule(unassigned.id), 403);
    const afterSteps = await scrape();

    const moved = (step: string, outcome: string) =>
      value(afterSteps, 'tafel_steps_total', { step, outcome }) -
      value(before, 'tafel_steps_total', { step, outcome });
    // buildCase took request, complete-intake and assign-coordinator once more each.
    expect(moved('request', 'ok')).toBe(2);
    expect(moved('close', 'refused-rule')).toBe(1);
    expect(moved('close', 'ok')).toBe(0);
    expect(moved('complete-intake', 'not-found')).toBe(1);
    expect(moved('complete-intake', 'ok')).toBe(1);
    expect(moved('schedule-conference', 'refused-forbidden')).toBe(1);
    const durations = (step: string, m: Map<string, number>) =>
      value(m, 'tafel_step_duration_seconds_count', { step });
    expect(durations('request', afterSteps) - durations('request', before)).toBe(2);
    expect(durations('close', afterSteps) - durations('close', before)).toBe(1);
    expect(value(afterSteps, 'tafel_append_duration_seconds_count')).toBeGreaterThanOrEqual(
      value(before, 'tafel_append_duration_seconds_count') + 4,
    );

    const text = (await t.http.get('/metrics').set(scraper)).text;
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain(TEST_ACTORS.admin.name);
  });

  it('counts the messages a dispatch round sent over real SMTP', async () => {
    await buildCase(t, 'scheduled', { participants: 2 });
    const before = await scrape();
    const report = await dispatchRound(t);
    expect(report.sent).toBeGreaterThanOrEqual(2);
    expect(smtp.received.length).toBeGreaterThanOrEqual(2);
    const after = await scrape();
    const sent = { outcome: 'sent' };
    expect(value(after, 'tafel_messages_total', sent) - value(before, 'tafel_messages_total', sent)).toBe(
      report.sent,
    );
    expect(value(after, 'tafel_messages_total', { outcome: 'failed' })).toBe(report.failed);
  });

  it('shows a parked projection as 1 and the others as 0, with their lag, until the park is cleared', async () => {
    const projections = t.app.get(ProjectionsService);
    await t.app
      .get<SqlDb>(READ_DB)
      .run(
        "INSERT INTO tafel_parked_events (name, position, event_id, error, parked_at) VALUES (?, 1, 'e-1', 'Error: disk full at /var/secret', '2026-03-02T09:00:00.000Z')",
        [FLOW],
      );
    let parked: Map<string, number>;
    let text: string;
    try {
      const res = await t.http.get('/metrics').set(scraper);
      expectStatus(res, 200);
      text = res.text;
      parked = parseExposition(text);
    } finally {
      await projections.retryParked();
    }
    expect(parked.get(key('tafel_projection_parked', { projection: FLOW }))).toBe(1);
    expect(parked.get(key('tafel_projection_parked', { projection: 'case-list' }))).toBe(0);
    expect(parked.has(key('tafel_projection_lag_events', { projection: FLOW }))).toBe(true);
    expect(parked.has(key('tafel_projection_lag_seconds', { projection: 'case-list' }))).toBe(true);
    expect(text).not.toMatch(/disk full|secret/);
    expect((await scrape()).get(key('tafel_projection_parked', { projection: FLOW }))).toBe(0);
  });

  it('shows the store as down while it does not answer', async () => {
    const restore = failPings(t.app, new Error('connect ECONNREFUSED 10.1.2.3:5432'));
    try {
      expect((await scrape()).get('tafel_store_up')).toBe(0);
    } finally {
      restore();
    }
    expect((await scrape()).get('tafel_store_up')).toBe(1);
  });
});

describe('metrics outside the rate limit, in a process that does not lead', () => {
  it('answers every scrape while the staff API is limited, and shows tafel_leader 0', async () => {
    const t = await startTestApp({
      env: { TAFEL_METRICS_TOKEN: METRICS_TOKEN, TAFEL_RATE_LIMIT: '2/1m', TAFEL_WORKER: 'off' },
    });
    try {
      for (let i = 0; i < 4; i++) {
        const res = await t.http.get('/metrics').set(scraper);
        expectStatus(res, 200);
        if (i === 0) expect(parseExposition(res.text).get('tafel_leader')).toBe(0);
      }
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await t.http.get('/v1/workflow').set(t.auth('admin'))).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('metrics without TAFEL_METRICS_TOKEN', () => {
  it('are not served at all (404), not even to an admin', async () => {
    const t = await startTestApp();
    try {
      expectProblem(await t.http.get('/metrics').set(t.auth('admin')), 404);
      expectProblem(await t.http.get('/metrics').set(scraper), 404);
    } finally {
      await t.close();
    }
  });
});
