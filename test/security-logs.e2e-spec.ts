import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '@app/config';
import { ANSWER_LINKS, type AnswerLinks } from '@app/notifications';
import { JsonLogger } from '@app/infrastructure';
import { createApp } from '../apps/admin-api/src/app.factory';
import { CaseApi } from './support/case-builder';
import { dispatchRound } from './support/caught-up';
import { expectStatus } from './support/http-expect';
import { TEST_ACTORS, type TestActor, type TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { interceptAppends } from './support/store-faults';

/** The people of one family conference: every value here is personal data that must stay out of the logs. */
const JOHANNA = { name: 'Johanna Verbeek-Smit', email: 'johanna.verbeek@example.nl', phone: '06-48213977' };
const MOHAMMED = { name: 'Mohammed Ouali', email: 'm.ouali@example.nl', phone: '020-6241188' };
const DANIELLE = { name: 'Daniëlle Kooistra', phone: '06-70707071' };
const CHILD = 'Noor Verbeek';
const HOME = 'Prinsengracht 263';
const VENUE = 'Ferdinand Bolstraat 14';
const PERSONAL = [
  ...Object.values(JOHANNA),
  ...Object.values(MOHAMMED),
  ...Object.values(DANIELLE),
  CHILD,
  HOME,
  VENUE,
  'Verbeek',
  'Ouali',
  'Kooistra',
];

/** The real app, like startTestApp, but with its JSON logger writing to a file the test reads. */
async function startLoggedApp(logFile: string): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tafel-logs-'));
  const tokens = Object.fromEntries(
    Object.keys(TEST_ACTORS).map((k) => [k, `test-${k}-${randomBytes(8).toString('hex')}`]),
  ) as Record<TestActor, string>;
  const tokensFile = join(dataDir, 'tokens.json');
  const entries = (Object.keys(TEST_ACTORS) as TestActor[]).map((k) => ({
    tokenSha256: createHash('sha256').update(tokens[k]).digest('hex'),
    actor: TEST_ACTORS[k],
  }));
  writeFileSync(tokensFile, JSON.stringify(entries));
  const config = loadConfig({
    TAFEL_DATA_DIR: dataDir,
    TAFEL_TOKENS_FILE: tokensFile,
    TAFEL_DISPATCH_INTERVAL: '1d',
  });
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const app = await createApp(config, {
    clock,
    logger: new JsonLogger({ destination: openSync(logFile, 'a') }),
  });
  return {
    http: request(app.getHttpServer()),
    auth: (actor) => ({ Authorization: `Bearer ${tokens[actor]}` }),
    tokens,
    clock,
    store: 'sqlite',
    dataDir,
    app,
    restart: () => Promise.reject(new Error('not needed here')),
    stop: () => Promise.reject(new Error('not needed here')),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('logs of a whole session hold no personal data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-log-'));
  const logFile = join(dir, 'tafel.log');
  let t: TestApp;
  let statuses: number[];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    t = await startLoggedApp(logFile);
    statuses = await session(t);
    await t.close();
  });

  const lines = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logged the session: one line per request, with the failures', () => {
    const logged = lines().filter((l) => l.msg === 'request');
    expect(logged.map((l) => l.status)).toEqual(statuses);
    expect(
      logged.filter((l) => /^[0-9a-f-]{36}$/.test((l.ids as { id?: string }).id ?? '')).length,
    ).toBeGreaterThan(20);
    for (const status of [200, 201, 400, 401, 403, 404, 409, 412, 413, 500])
      expect(statuses).toContain(status);
    expect(lines().some((l) => l.level === 50 && String(l.msg).includes('injected fault'))).toBe(true);
  });

  /** The log as written, percent-decoded, and with JSON escapes undone: a name hides in none of them. */
  const haystack = () => {
    const raw = readFileSync(logFile, 'utf8');
    const decoded = raw.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
    return [raw, decoded, ...lines().map((l) => JSON.stringify(l))].join('\n').toLowerCase();
  };

  it.each(PERSONAL)('never writes %s', (value) => {
    expect(haystack()).not.toContain(value.toLowerCase());
  });

  it('never writes a token or a query string', () => {
    const text = readFileSync(logFile, 'utf8');
    for (const token of Object.values(t.tokens)) expect(text).not.toContain(token);
    expect(answerTokens.length).toBeGreaterThan(0);
    for (const token of answerTokens) expect(text).not.toContain(token);
    const answerLines = lines().filter((l) => l.msg === 'request' && String(l.route).startsWith('/answer'));
    expect(answerLines.map((l) => l.route)).toEqual(answerLines.map(() => '/answer/:token'));
    expect(answerLines.map((l) => l.status)).toEqual([200, 303, 303, 500]);
    expect(text).not.toMatch(/Bearer/i);
    expect(text).not.toMatch(/applicant=|email=/);
  });
});

/** The participants' answer-link tokens the session used: none may be logged. */
const answerTokens: string[] = [];

/** Every step of a family conference with the people above, reads, and refusals; the statuses in order. */
async function session(t: TestApp): Promise<number[]> {
  const statuses: number[] = [];
  const api = new CaseApi(t, 'admin');
  const go = async (call: PromiseLike<request.Response>, status: number) => {
    const res = await call;
    statuses.push(res.status);
    expectStatus(res, status);
    return res.body;
  };
  const description = `Zorgen om ${CHILD} (9). Gezin woont op ${HOME}; buurman ${MOHAMMED.name} helpt vaak.`;
  const c = await go(api.request({ kind: 'family', applicant: JOHANNA, description }), 201);
  await go(api.intake(c.id, { conferenceQuestions: [`Wie let op ${CHILD} na school?`], notes: HOME }), 200);
  await go(api.assign(c.id), 200);
  const pids: string[] = [];
  for (const person of [
    { ...JOHANNA, role: 'family' },
    { ...MOHAMMED, role: 'neighbour' },
    { ...DANIELLE, role: 'school', organisation: 'Basisschool De Pijp' },
  ]) {
    pids.push((await go(api.invite(c.id, person), 201)).participantId);
  }
  for (const pid of pids) {
    await go(api.prepare(c.id, pid, { notes: `Gesproken op ${HOME} met ${JOHANNA.name}.` }), 200);
    await go(api.answer(c.id, pid, 'accepted'), 200);
  }
  await go(api.schedule(c.id, api.scheduleBody(7, `Wijkcentrum, ${VENUE}`)), 200);
  await dispatchRound(t);

  // A participant's answer page: looked at, answered (again: nothing appended), and a fault on the way.
  const links = t.app.get<AnswerLinks>(ANSWER_LINKS);
  const page = `/answer/${links.tokenFor({ caseId: c.id, participantId: pids[1] })}`;
  answerTokens.push(page.slice('/answer/'.length));
  const form = (answer: string) =>
    t.http.post(page).set('content-type', 'application/x-www-form-urlencoded').send(`answer=${answer}`);
  await go(t.http.get(page), 200);
  await go(form('declined'), 303);
  await go(form('declined'), 303);
  const answerFault = interceptAppends(t.app, () => {
    throw new Error('injected fault: answer page disk gone');
  });
  await go(form('accepted'), 500);
  answerFault();

  // Refusals carrying personal data in bodies, paths and query strings.
  await go(api.invite(c.id, { ...MOHAMMED, role: 'oom' }), 400);
  await go(
    api
      .post(`/v1/cases/${c.id}/participants`)
      .set('content-type', 'application/json')
      .send(`{"name": "${MOHAMMED.name}", `),
    400,
  );
  await go(api.get(`/v1/cases?applicant=${encodeURIComponent(JOHANNA.name)}&email=${JOHANNA.email}`), 400);
  await go(
    t.http
      .post('/v1/cases')
      .set({ Authorization: `Bearer ${JOHANNA.email}` })
      .send({ applicant: JOHANNA }),
    401,
  );
  await go(api.as('researcher').invite(c.id, { ...DANIELLE, role: 'school' }), 403);
  await go(api.prepare(c.id, 'no-such-participant', { notes: `Bij ${MOHAMMED.name} thuis` }), 404);
  await go(api.get(`/v1/cases/${encodeURIComponent(JOHANNA.name)}`), 404);
  await go(api.intake(c.id, { conferenceQuestions: [`Waar woont ${CHILD}?`], notes: HOME }), 409);
  await go(api.schedule(c.id, api.scheduleBody(8, VENUE), { 'If-Match': '"1"' }), 412);
  await go(api.invite(c.id, { ...JOHANNA, role: 'family', organisation: `${HOME} `.repeat(8000) }), 413);
  const diskBack = interceptAppends(t.app, (stream) => {
    if (stream === `case-${c.id}`) throw new Error('injected fault: disk gone');
  });
  await go(api.invite(c.id, { ...MOHAMMED, role: 'other' }), 500);
  diskBack();

  for (const read of ['', '/history', '/state?revision=3', '/verification', '/messages', '/access-log']) {
    await go(api.get(`/v1/cases/${c.id}${read}`), 200);
  }
  t.clock.advance(8 * 24 * 3_600_000);
  await go(
    api.hold(c.id, { heldAt: t.clock.now().toISOString(), attendees: pids, privatePartHeld: true }),
    200,
  );
  const plan = api.planBody(pids.slice(0, 2));
  plan.agreements[0].action = `${MOHAMMED.name} haalt ${CHILD} op dinsdag van school`;
  await go(api.plan(c.id, plan), 200);
  await go(api.distribute(c.id), 200);
  await dispatchRound(t);
  await go(
    api.followUp(c.id, { ...api.followUpBody('partly'), notes: `${JOHANNA.name} belde vanaf ${HOME}.` }),
    200,
  );
  const next = await go(api.followUpConference(c.id, { reason: `${CHILD} loopt weer vast.` }), 201);
  await go(api.withdraw(next.id, { reason: `${JOHANNA.name} ziet ervan af.` }), 200);
  await go(api.close(c.id), 200);
  return statuses;
}
