import { CaseApi, buildCase, uniqueRegion } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { expectProblem, expectStatus } from './support/http-expect';
import { E2E_STORES, SCOPED_REGIONS, startTestApp, type TestApp } from './support/test-app';

const [NORTH, SOUTH] = SCOPED_REGIONS;

describe.each(E2E_STORES)('%s store: a region manager scoped to regions', (store) => {
  let t: TestApp;
  let ria: CaseApi;
  let admin: CaseApi;
  const elsewhere = uniqueRegion('Elders');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ store });
    ria = new CaseApi(t, 'regionalManager');
    admin = new CaseApi(t, 'admin');
    ids.north1 = (await buildCase(t, 'requested', { region: NORTH })).id;
    ids.other1 = (await buildCase(t, 'requested', { region: elsewhere })).id;
    ids.south = (await buildCase(t, 'preparing', { region: SOUTH })).id;
    ids.other2 = (await buildCase(t, 'awaiting-coordinator', { region: elsewhere })).id;
    ids.north2 = (await buildCase(t, 'awaiting-coordinator', { region: NORTH })).id;
    await caughtUp(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Every page of `/v1/cases?<query>` as `api`, following the cursor `limit` at a time. */
  async function listAll(api: CaseApi, query = '', limit = 1): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api.get(`/v1/cases?limit=${limit}${query}${after}`);
      expectStatus(res, 200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return seen;
  }

  it('lists the cases of their regions only, page by page with the cursor', async () => {
    expect(await listAll(ria)).toEqual([ids.north1, ids.south, ids.north2]);
    expect(await listAll(ria, '', 2)).toEqual([ids.north1, ids.south, ids.north2]);
    expect(await listAll(ria, `&region=${NORTH}`)).toEqual([ids.north1, ids.north2]);
    expect(await listAll(ria, `&region=${elsewhere}`)).toEqual([]);
    // Without regions, a region manager lists every region, as before.
    const all = await listAll(new CaseApi(t, 'regionManager'), '', 100);
    expect(all).toEqual(expect.arrayContaining(Object.values(ids)));
  });

  it('reads a case in their regions, and gets 403 for a case elsewhere, on every read route', async () => {
    expectStatus(await ria.get(`/v1/cases/${ids.south}`), 200);
    expectStatus(await ria.get(`/v1/cases/${ids.south}/history`), 200);
    for (const path of ['', '/history', '/state?revision=1', '/verification', '/messages']) {
      const res = await ria.get(`/v1/cases/${ids.other1}${path}`);
      expectProblem(res, 403);
      expect(res.body.detail).toMatch(/region outside yours/);
      expect(res.text).not.toContain(elsewhere);
    }
  });

  it('acts on a case in their regions, and gets 403 for a step elsewhere, which changes nothing', async () => {
    const before = (await admin.read(ids.other1)).body.revision;
    expectProblem(await ria.decline(ids.other1), 403);
    expectProblem(await ria.assign(ids.other2), 403);
    expect((await admin.read(ids.other1)).body.revision).toBe(before);
    expectStatus(await ria.assign(ids.north2), 200);
    const history = await admin.get(`/v1/cases/${ids.north2}/history`);
    const actor = history.body.events.at(-1).actor;
    expect(actor).toEqual({ id: 'rm-2', name: 'Ria Regiomanager', role: 'region-manager' });
  });

  it('requests a new case in their regions only', async () => {
    const res = await ria.request({ region: elsewhere });
    expectProblem(res, 403);
    expect(res.body.detail).toMatch(/region outside yours/);
    expectStatus(await ria.request({ region: SOUTH }), 201);
  });

  it('reports on their regions only, in JSON and CSV; a report of another region is refused', async () => {
    await caughtUp(t);
    const flow = (query: string, accept = 'application/json') =>
      ria.get(`/v1/reports/flow?${query}`).set('Accept', accept);
    const mine = await flow('');
    expectStatus(mine, 200);
    // north1, south, north2, and the one requested in SOUTH above.
    expect(mine.body.cases).toBe(4);
    expect((await flow(`region=${NORTH}`)).body.cases).toBe(2);
    const csv = await flow('', 'text/csv');
    expectStatus(csv, 200);
    expect(csv.text).toContain(NORTH);
    expect(csv.text).toContain(SOUTH);
    expect(csv.text).not.toContain(elsewhere);
    for (const accept of ['application/json', 'text/csv']) {
      const refused = await flow(`region=${elsewhere}`, accept);
      expectProblem(refused, 403);
      expect(refused.body.detail).toMatch(/outside yours/);
    }
    const everyone = await new CaseApi(t, 'regionManager').get(`/v1/reports/flow?region=${elsewhere}`);
    expect(everyone.body.cases).toBe(2);
  });
});
