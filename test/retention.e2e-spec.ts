import { READ_DB, type SqlDb } from '@app/kernel';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import { KEY_STORE, RetentionService, caseKeyId, type PersonKeyStore } from '@app/privacy';
import { CASE_DATA_DESTROYED, retentionStreamOf } from '@app/workflow';
import { buildCase, CaseApi, uniqueRegion, type BuiltCase } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, type TestActor, type TestApp } from './support/test-app';
import { runTafelOn } from './support/cli';

const DAY = 86_400_000;
const ERASED = '[verwijderd]';

describe.each(E2E_STORES)('%s store: retention', (store) => {
  let t: TestApp;
  let closed: BuiltCase;
  let open: BuiltCase;
  const region = uniqueRegion('Bewaren');
  const before: { history?: { events: StoredEvent[] }; flow?: Record<string, unknown> } = {};
  const api = (actor: TestActor = 'auditor') => new CaseApi(t, actor);
  const retention = (query = '', actor: TestActor = 'auditor') =>
    t.http.get(`/v1/retention${query}`).set(t.auth(actor));
  const flow = () =>
    api('admin').get(`/v1/reports/flow?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&region=${region}`);
  const keys = () => t.app.get<PersonKeyStore>(KEY_STORE);

  beforeAll(async () => {
    t = await startTestApp({ store });
    closed = await buildCase(t, 'closed', { region });
    open = await buildCase(t, 'ready', { region });
    await caughtUp(t);
    before.history = (await api().get(`/v1/cases/${closed.id}/history`)).body;
    before.flow = (await flow()).body;
  });
  afterAll(() => t?.close());

  it('lists nothing before the term has passed', async () => {
    const res = await retention();
    expectStatus(res, 200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('lists the closed case as due twenty years and a day later, and destroys it once however often it runs', async () => {
    const people = await keys().peopleOf(closed.id);
    expect(people.length).toBeGreaterThanOrEqual(3); // the applicant and the participants
    t.clock.advance(7300 * DAY + DAY);
    const due = await retention('?status=due');
    expectStatus(due, 200);
    expect(due.body.items).toEqual([
      {
        caseId: closed.id,
        reference: closed.body.reference,
        endedAt: expect.any(String),
        dueAt: new Date(Date.parse(due.body.items[0].endedAt) + 7300 * DAY).toISOString(),
        destroyedAt: null,
      },
    ]);

    const service = t.app.get(RetentionService);
    const first = await service.run();
    expect(first.destroyed).toEqual([{ caseId: closed.id, personIds: [...people].sort() }]);
    expect((await service.run()).destroyed).toEqual([]);
    await caughtUp(t);
    expect((await service.run()).destroyed).toEqual([]);

    const log = t.app.get<EventStore>(EVENT_STORE);
    const events = await log.read(retentionStreamOf(closed.id));
    expect(events.map((e) => e.type)).toEqual([CASE_DATA_DESTROYED]);
    expect(await keys().statusOf(caseKeyId(closed.id))).toBe('erased');
    for (const personId of people) expect(await keys().statusOf(personId)).toBe('erased');
    for (const personId of await keys().peopleOf(open.id))
      expect(await keys().statusOf(personId)).toBe('active');
    expect(await keys().statusOf(caseKeyId(open.id))).not.toBe('erased');
  });

  it('lists it destroyed afterwards, for auditors and admins only', async () => {
    const destroyed = await retention('?status=destroyed');
    expectStatus(destroyed, 200);
    expect(destroyed.body.items).toEqual([
      expect.objectContaining({ caseId: closed.id, destroyedAt: t.clock.now().toISOString() }),
    ]);
    expect((await retention('?status=due')).body.items).toEqual([]);
    expect((await retention('', 'admin')).body.items.map((i: { caseId: string }) => i.caseId)).toEqual([
      closed.id,
    ]);
    for (const actor of ['coordinator', 'regionManager', 'researcher'] as const)
      expectStatus(await retention('', actor), 403);
    expectStatus(await t.http.get('/v1/retention'), 401);
    expectStatus(await retention('?status=kept'), 400);
    expectStatus(await retention('?limit=0'), 400);
    expectStatus(await retention('?cursor=bogus'), 400);
  });

  it("keeps the case's history, its verification and its place in the flow report; its people read erased", async () => {
    const history = await api().get(`/v1/cases/${closed.id}/history`);
    expectStatus(history, 200);
    const hashes = (h: { events: StoredEvent[] }) => h.events.map((e) => [e.type, e.revision, e.hash]);
    expect(hashes(history.body)).toEqual(hashes(before.history!));
    const verification = await api().get(`/v1/cases/${closed.id}/verification`);
    expectStatus(verification, 200);
    expect(verification.body.valid).toBe(true);
    expect((await flow()).body).toEqual(before.flow);

    const now = await api().get(`/v1/cases/${closed.id}`);
    expectStatus(now, 200);
    expect(now.body.state).toBe('closed');
    for (const p of now.body.participants) expect(p.name).toBe(ERASED);
    // The free text about the case went with the case key: questions, place, plan.
    const caseText = [
      'Hoe gaan we weer met elkaar om?',
      'Buurthuis De Kanaalstraat',
      'Dan bellen we de coördinator en komen we opnieuw bij elkaar.',
    ];
    for (const body of [now.body, history.body])
      for (const text of ['Fatima el Amrani', ...caseText]) expect(JSON.stringify(body)).not.toContain(text);
    expect(JSON.stringify(before.history)).toContain(caseText[0]);
    expect(now.body.conferenceQuestions).toEqual([ERASED]);
  });

  it('leaves no sealed value of the case in the read models: the rows read erased', async () => {
    await caughtUp(t);
    const db = t.app.get<SqlDb>(READ_DB);
    for (const table of ['tafel_case_list', 'tafel_message_cases']) {
      const key = table === 'tafel_case_list' ? 'id' : 'case_id';
      const [row] = await db.all<{ state_json: string }>(`SELECT state_json FROM ${table} WHERE ${key} = ?`, [
        closed.id,
      ]);
      expect(row.state_json).not.toContain('$enc');
      expect(row.state_json).toContain(ERASED);
    }
    const [live] = await db.all<{ state_json: string }>(
      'SELECT state_json FROM tafel_case_list WHERE id = ?',
      [open.id],
    );
    expect(live.state_json).toContain('$enc');
  });
});

describe.each(E2E_STORES)('%s store: npm run tafel -- retention', (store) => {
  let t: TestApp;

  /** The CLI on the app's store, with its own (real) clock and a term of one day. */
  const tafel = (...argv: string[]) => runTafelOn(t, argv, { TAFEL_RETENTION: '1d' });

  beforeAll(async () => {
    // Long before the real clock the CLI runs by: with a term of one day, the case is due for it.
    t = await startTestApp({ store, now: new Date('2020-01-06T09:00:00Z') });
  });
  afterAll(() => t?.close());

  it('lists with --dry-run, destroys without it, then finds nothing; refuses what it does not know', async () => {
    const c = await buildCase(t, 'withdrawn');
    await caughtUp(t);
    const dry = await tafel('retention', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const listed = JSON.parse(dry.stdout);
    expect(listed).toMatchObject({ dryRun: true, destroyed: [] });
    expect(listed.due.map((i: { caseId: string }) => i.caseId)).toEqual([c.id]);
    const human = await tafel('retention', '--dry-run');
    expect(human.stdout).toContain(`1 case(s) due for destruction`);
    expect(human.stdout).toContain(c.id);
    expect(human.stdout).toContain('Dry run: nothing was destroyed.');
    expect(await t.app.get<PersonKeyStore>(KEY_STORE).statusOf(caseKeyId(c.id))).not.toBe('erased');

    const done = await tafel('retention');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Destroyed the personal data and free text of 1 case(s)');
    expect(await t.app.get<PersonKeyStore>(KEY_STORE).statusOf(caseKeyId(c.id))).toBe('erased');
    await caughtUp(t);
    const again = await tafel('retention', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ due: [], destroyed: [] });
    expect((await tafel('retention')).stdout).toMatch(/^Nothing is due for destruction at /);

    expect((await tafel('retention', '--all')).code).toBe(2);
    expect((await tafel('retention', c.id)).code).toBe(2);
  });
});
