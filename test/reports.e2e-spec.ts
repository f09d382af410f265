import type { Response, Test } from 'supertest';
import { FLOW_COLUMNS } from '@app/cases';
import { E2E_STORES, startTestApp, type TestActor, type TestApp } from './support/test-app';
import { CaseApi, inviteParticipants, uniqueRegion, BUILDER_PERSONAL_DATA } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { expectProblem, expectStatus } from './support/http-expect';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
/** Day `n` of the fixture, as the test clock and the report spell it. */
const day = (n: number) => new Date(T0 + n * DAY).toISOString();

/** Everything personal or free-text the fixture's cases hold: none of it may reach a report. */
const PERSONAL = [...BUILDER_PERSONAL_DATA, 'opnieuw bij elkaar', 'ziet af van', 'Geen plan'];

/** A minimal RFC 4180 reader: CRLF after every record, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const pair = text.slice(i, i + 2);
    let step = 1;
    if (quoted && pair === '""') {
      field += '"';
      step = 2;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (pair === '\r\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      step = 2;
    } else field += c;
    i += step;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end in CRLF');
  return records;
}

describe.each(E2E_STORES)('%s store', (store) => {
  let t: TestApp;
  let api: CaseApi;
  const region = uniqueRegion('Rapport');
  const ids: Record<string, string> = {};
  const participants: Record<string, string[]> = {};

  const at = (n: number, hours = 0) => t.clock.set(new Date(T0 + n * DAY + hours * 60 * 60 * 1000));
  const ok = async (res: Test, status = 200) => {
    const r = await res;
    expectStatus(r, status);
    return r.body;
  };
  const request = async (name: string, overrides: Record<string, unknown> = {}) =>
    (ids[name] = (await ok(api.request({ region, ...overrides }), 201)).id);
  /** Coordinator, two accepted participants and a conference on day `on`. */
  const prepare = async (name: string, on: number) => {
    const id = ids[name];
    await ok(api.assign(id));
    participants[name] = await inviteParticipants(api, id, 2);
    for (const pid of participants[name]) {
      await ok(api.prepare(id, pid));
      await ok(api.answer(id, pid));
    }
    await ok(api.schedule(id, { startsAt: day(on), location: 'Buurthuis De Kanaalstraat' }));
  };
  const hold = async (name: string) => {
    const id = ids[name];
    const { body } = await api.read(id);
    await ok(api.hold(id, { heldAt: body.schedule!.startsAt, attendees: participants[name] }));
  };
  const heldWithPlan = async (name: string) => {
    await hold(name);
    await ok(api.plan(ids[name], api.planBody([participants[name][0]])));
  };

  /**
   * The fixture, step by step in day order (the clock only moves forward). In region `region`,
   * requested in [day 0, day 90): A (full path, closed), B (distributed, a follow-up conference on day
   * 30 whose new case B2 counts too), C (no plan), D (declined), E (withdrawn), F (family, requested).
   * Outside: G (day 95) and H (another region).
   */
  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
    at(0);
    for (const name of ['A', 'B', 'C', 'D', 'E']) await request(name);
    await request('F', { kind: 'family' });
    await request('H', { region: uniqueRegion('Elders') });
    at(1);
    await ok(api.intake(ids.A, { conferenceQuestions: ['Hoe gaan we weer om?'], issueType: 'neighbours' }));
    await ok(api.intake(ids.C));
    await ok(api.decline(ids.D, { reason: 'Een conferentie past hier niet.', reasonCode: 'not-suitable' }));
    at(2);
    await ok(api.intake(ids.B));
    await prepare('C', 9);
    at(3);
    await prepare('A', 10);
    at(4);
    await prepare('B', 20);
    at(5);
    await ok(api.intake(ids.E));
    at(6);
    await ok(
      api.withdraw(ids.E, {
        reason: 'De aanvrager ziet af van de conferentie.',
        reasonCode: 'no-coordinator',
      }),
    );
    at(9, 3);
    await hold('C');
    await ok(api.post(`/v1/cases/${ids.C}/plan/none`, { reason: 'Geen plan gemaakt.' }));
    at(10, 3);
    await heldWithPlan('A');
    at(12);
    await ok(api.distribute(ids.A));
    at(20, 3);
    await heldWithPlan('B');
    at(21);
    await ok(api.distribute(ids.B));
    at(30);
    ids.B2 = (await ok(api.followUpConference(ids.B), 201)).id;
    at(40);
    await ok(api.followUp(ids.A, api.followUpBody('on-track')));
    at(50);
    await ok(api.followUp(ids.A, api.followUpBody('partly')));
    at(60);
    await ok(api.close(ids.A));
    at(95);
    await request('G');
    await caughtUp(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const flow = (query: string, actor: TestActor = 'admin', accept = 'application/json') =>
    t.http.get(`/v1/reports/flow?${query}`).set(t.auth(actor)).set('Accept', accept);
  const inRange = () => `from=${day(0)}&to=${day(90)}&region=${region}`;

  it('counts every figure of the fixture as worked out by hand', async () => {
    const res = await flow(inRange());
    expectStatus(res, 200);
    expect(res.body).toEqual({
      cases: 7,
      byState: expect.objectContaining({
        requested: 2,
        declined: 1,
        withdrawn: 1,
        'no-plan': 1,
        'plan-distributed': 1,
        closed: 1,
        'awaiting-coordinator': 0,
      }),
      funnel: [
        { stage: 'requested', count: 7 },
        { stage: 'intake-completed', count: 4 },
        { stage: 'coordinator-assigned', count: 3 },
        { stage: 'conference-held', count: 3 },
        { stage: 'plan-distributed', count: 2 },
        { stage: 'followed-up', count: 1 },
      ],
      leadTimesDays: {
        'request-to-intake': { median: 1.5, p90: 5, n: 4 }, // A 1, B 2, C 1, E 5
        'intake-to-coordinator': { median: 2, p90: 2, n: 3 }, // A 2, B 2, C 1
        'coordinator-to-conference': { median: 7, p90: 16, n: 3 }, // A 7, B 16, C 7
        'conference-to-distribution': { median: 1.5, p90: 2, n: 2 }, // A 2, B 1
        'request-to-conference': { median: 10, p90: 20, n: 3 }, // A 10, B 20, C 9
      },
      declineReasons: { 'not-suitable': 1 },
      withdrawalReasons: { 'no-coordinator': 1 },
      followUpOutcomes: { 'on-track': 1, partly: 1, 'not-carried-out': 0, unreachable: 0 },
      followUpConferenceRate: 0.33, // B of A, B, C
      noPlanRate: 0.33, // C of A, B, C
    });
    expect(Object.values(res.body.byState as Record<string, number>).reduce((a, b) => a + b)).toBe(7);
  });

  it('filters by kind, and gives zeros and nulls for an empty group', async () => {
    const family = await flow(`${inRange()}&kind=family`);
    expectStatus(family, 200);
    expect(family.body).toMatchObject({ cases: 1, byState: { requested: 1 } });
    const empty = await flow(`from=${day(200)}&to=${day(300)}`);
    expectStatus(empty, 200);
    expect(empty.body).toMatchObject({
      cases: 0,
      leadTimesDays: { 'request-to-intake': { median: null, p90: null, n: 0 } },
      followUpConferenceRate: null,
      noPlanRate: null,
    });
  });

  it('answers the per-case rows as RFC 4180 CSV', async () => {
    const res = await flow(inRange(), 'researcher', 'text/csv');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(FLOW_COLUMNS.map(([name]) => name));
    const byId = new Map(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    expect([...byId.keys()].sort()).toEqual(['A', 'B', 'B2', 'C', 'D', 'E', 'F'].map((n) => ids[n]).sort());
    expect(byId.get(ids.A)).toMatchObject({
      kind: 'group',
      region,
      state: 'closed',
      issue_type: 'neighbours',
      requested_at: day(0),
      intake_completed_at: day(1),
      coordinator_assigned_at: day(3),
      conference_held_at: day(10),
      plan_distributed_at: day(12),
      first_follow_up_at: day(40),
      closed_at: day(60),
      declined_at: '',
      follow_ups_on_track: '1',
      follow_ups_partly: '1',
      follow_up_conference_requested: 'false',
    });
    expect(byId.get(ids.B2)).toMatchObject({ follow_up_of: ids.B, requested_at: day(30) });
    expect(byId.get(ids.B)).toMatchObject({ follow_up_conference_requested: 'true' });
    expect(byId.get(ids.D)).toMatchObject({ state: 'declined', decline_reason_code: 'not-suitable' });
    expect(byId.get(ids.E)).toMatchObject({ withdrawn_at: day(6), withdrawal_reason_code: 'no-coordinator' });
  });

  it('holds no name, e-mail address, phone number or free text, in JSON or CSV', async () => {
    const answers: Response[] = [await flow(inRange()), await flow(inRange(), 'admin', 'text/csv')];
    for (const res of answers) for (const fragment of PERSONAL) expect(res.text).not.toContain(fragment);
  });

  it('is for admins, region managers and researchers: 403 for a coordinator and an auditor', async () => {
    for (const actor of ['admin', 'regionManager', 'researcher'] as const)
      expectStatus(await flow(inRange(), actor), 200);
    for (const actor of ['coordinator', 'auditor'] as const) {
      expectProblem(await flow(inRange(), actor), 403);
      expectProblem(await flow(inRange(), actor, 'text/csv'), 403);
    }
  });

  it('refuses a time without an offset and a from that is not before to (400)', async () => {
    expectProblem(await flow('from=2026-03-02'), 400);
    expectProblem(await flow(`from=${day(5)}&to=${day(5)}`), 400);
  });
});
