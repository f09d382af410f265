import { headPosition } from '@app/audit';
import { FLOW, ProjectionsService } from '@app/cases';
import { READ_DB, type SqlDb } from '@app/kernel';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { CaseApi } from './support/case-builder';
import { expectStatus } from './support/http-expect';
import { failPings, stopSqliteWriter } from './support/store-faults';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

const CASE_LIST = 'case-list';
const MINUTE = 60_000;

interface ReadyBody {
  status: string;
  reasons?: string[];
  projections?: { name: string; position: number; lag: { seconds: number; positions: number } }[];
}

/** Waits until every subscriber but `held` has handled the log up to its head. */
async function othersCaughtUp(t: TestApp, held: string): Promise<void> {
  const projections = t.app.get(ProjectionsService);
  const head = await headPosition(t.app.get<EventStore>(EVENT_STORE));
  const names = projections
    .status()
    .map((s) => s.name)
    .filter((n) => n !== held);
  await Promise.all(names.map((n) => projections.subscriber(n).caughtUp(head)));
}

describe.each(E2E_STORES)('%s store: health', (store) => {
  let t: TestApp;
  let api: CaseApi;

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const ready = async (status: number): Promise<ReadyBody> => {
    const res = await t.http.get('/health/ready');
    expectStatus(res, status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body as ReadyBody;
  };

  it('is ready on a fresh app, listing every projection with its position and lag, without a token', async () => {
    const body = await ready(200);
    expect(body.status).toBe('ready');
    const names = body.projections!.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([CASE_LIST, FLOW, 'follow-up-completer']));
    for (const p of body.projections!) expect(p.lag).toEqual({ seconds: 0, positions: 0 });
  });

  it('is degraded (503) with a reason when the store does not answer, and shows no error text', async () => {
    const restore = failPings(t.app, new Error('connect ECONNREFUSED 10.1.2.3:5432 password=hunter2'));
    try {
      const res = await t.http.get('/health/ready');
      expectStatus(res, 503);
      expect(res.body).toEqual({ status: 'degraded', reasons: ['store-unreachable'] });
      expect(res.text).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|hunter2|Error/);
      // Liveness does not touch the store: still 200.
      const live = await t.http.get('/health');
      expectStatus(live, 200);
      expect(live.body).toEqual({ status: 'ok' });
    } finally {
      restore();
    }
    expect((await ready(200)).status).toBe('ready');
  });

  it('answers liveness without touching the store', async () => {
    const raw = t.app.get<EventStore>(RAW_EVENT_STORE);
    // (readAll is left out: the projections' subscriptions poll it on their own.)
    const spies = (['ping', 'alive', 'streamRevision'] as const).map((m) => jest.spyOn(raw, m));
    try {
      expectStatus(await t.http.get('/health'), 200);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });

  it('is degraded when a projection trails the log by more than TAFEL_READY_MAX_LAG, and ready once it catches up', async () => {
    const runner = t.app.get(ProjectionsService).subscriber(CASE_LIST);
    await runner.stop();
    try {
      expectStatus(await api.request(), 201);
      await othersCaughtUp(t, CASE_LIST);
      t.clock.advance(MINUTE);
      const within = await ready(200);
      const lagging = within.projections!.find((p) => p.name === CASE_LIST)!;
      expect(lagging.lag.seconds).toBe(60);
      expect(lagging.lag.positions).toBeGreaterThanOrEqual(1);

      t.clock.advance(1_000);
      const body = await ready(503);
      expect(body.status).toBe('degraded');
      expect(body.reasons).toEqual([`projection-lagging:${CASE_LIST}`]);
      expect(body.projections!.find((p) => p.name === CASE_LIST)!.lag.seconds).toBe(61);
      for (const p of body.projections!.filter((p) => p.name !== CASE_LIST)) expect(p.lag.seconds).toBe(0);
    } finally {
      await runner.start();
    }
    await runner.caughtUp(await headPosition(t.app.get<EventStore>(EVENT_STORE)));
    expect((await ready(200)).status).toBe('ready');
  });

  it('is degraded when a projection is parked at an event that fails, until the park is cleared', async () => {
    const projections = t.app.get(ProjectionsService);
    // As the worker (here or in another process) records an event that failed every attempt.
    await t.app
      .get<SqlDb>(READ_DB)
      .run(
        "INSERT INTO tafel_parked_events (name, position, event_id, error, parked_at) VALUES (?, 1, 'e-1', 'Error: disk full at /var/secret', '2026-03-02T09:00:00.000Z')",
        [FLOW],
      );
    try {
      const res = await t.http.get('/health/ready');
      expectStatus(res, 503);
      expect(res.body.reasons).toEqual([`projection-stopped:${FLOW}`]);
      expect(res.text).not.toMatch(/disk full|secret/);
    } finally {
      await projections.retryParked();
    }
    expect((await ready(200)).status).toBe('ready');
  });
});

describe('health with TAFEL_READY_MAX_LAG', () => {
  it('takes the configured maximum lag', async () => {
    const t = await startTestApp({ env: { TAFEL_READY_MAX_LAG: '5m' } });
    try {
      const runner = t.app.get(ProjectionsService).subscriber(CASE_LIST);
      await runner.stop();
      expectStatus(await new CaseApi(t, 'admin').request(), 201);
      await othersCaughtUp(t, CASE_LIST);
      t.clock.advance(5 * MINUTE);
      expectStatus(await t.http.get('/health/ready'), 200);
      t.clock.advance(1_000);
      const res = await t.http.get('/health/ready');
      expectStatus(res, 503);
      expect(res.body.reasons).toEqual([`projection-lagging:${CASE_LIST}`]);
    } finally {
      await t.close();
    }
  });
});

describe('health of the SQLite store', () => {
  it('is degraded when the writer thread has stopped, though reads still answer', async () => {
    const t = await startTestApp({ store: 'sqlite' });
    try {
      expectStatus(await t.http.get('/health/ready'), 200);
      await stopSqliteWriter(t.app);
      const res = await t.http.get('/health/ready');
      expectStatus(res, 503);
      expect(res.body).toMatchObject({ status: 'degraded', reasons: ['writer-stopped'] });
      expect(res.text).not.toMatch(/exited|thread \(/);
      expectStatus(await t.http.get('/health'), 200);
    } finally {
      await t.close();
    }
  });
});
