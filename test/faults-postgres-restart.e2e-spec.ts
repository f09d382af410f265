import { EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import { startPrivatePostgres, type PrivatePostgres } from '@app/event-store/testing';
import { CaseApi, assignBody, buildCase } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { startTestApp, type TestApp } from './support/test-app';

/** Words of a driver's or a server's error that must never reach a client. */
const DRIVER_TEXT = /postgres|pg_|sqlstate|econn|terminat|57P0|administrator|socket|stack/i;
const CLIENTS = 4;
/** Steps each client takes after the restart, so the app is seen to work again. */
const AFTER = 5;

interface Client {
  caseId: string;
  before: number;
  /** revision answered → Idempotency-Key of the step, for every 2xx. */
  acked: Map<number, string>;
}

/**
 * PostgreSQL restarted (a server of this spec's own, `pg_ctl restart -m fast`: restarting the shared
 * test server would break the specs running beside this one) while a few staff take steps through
 * the API on TAFEL_STORE=postgres. Each client retries a step that got 503 with the same Idempotency-Key, as
 * a client should.
 */
describe('fault: PostgreSQL restarted under load (postgres store)', () => {
  let t: TestApp;
  let server: PrivatePostgres;
  beforeAll(async () => {
    server = await startPrivatePostgres();
    t = await startTestApp({ store: 'postgres', postgresServer: server.url });
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('answers 503 problem JSON during the gap, loses no acknowledged step, and catches up', async () => {
    const api = new CaseApi(t, 'admin');
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const built = await buildCase(t, 'preparing');
      clients.push({ caseId: built.id, before: built.body.revision, acked: new Map() });
    }
    const statuses: Record<string, number> = {};
    const leaks: string[] = [];
    let restarted = false;
    const afterRestart = new Map<Client, number>();

    const run = async (c: Client): Promise<void> => {
      for (let step = 0; !restarted || (afterRestart.get(c) ?? 0) < AFTER; step++) {
        const key = `fault-${c.caseId}-${step}`;
        const other = { coordinatorId: 'coord-2', name: 'Kees Coördinator' };
        const body = assignBody({ ...(step % 2 ? {} : other), reason: 'Ziek' });
        // Bounded: a server that never comes back fails the test here, not by hanging.
        for (let attempt = 1; ; attempt++) {
          const res = await api.post(`/v1/cases/${c.caseId}/coordinator`, body, { 'Idempotency-Key': key });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status === 200) {
            c.acked.set(res.body.revision as number, key);
            if (restarted) afterRestart.set(c, (afterRestart.get(c) ?? 0) + 1);
            break;
          }
          if (res.status === 503) {
            const text = JSON.stringify(res.body);
            if (
              !/^application\/problem\+json/.test(res.headers['content-type'] ?? '') ||
              DRIVER_TEXT.test(text)
            )
              leaks.push(`${res.headers['content-type']} ${text}`);
          } else {
            throw new Error(`step ${key}: ${res.status} ${JSON.stringify(res.body)}`);
          }
          if (attempt >= 600) throw new Error(`step ${key}: still ${res.status} after ${attempt} attempts`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const running = clients.map(run);
    const load = Promise.all(running);
    try {
      // Restart once every client is taking steps.
      while (clients.some((c) => c.acked.size < 3)) await Promise.race([load, pause(10)]);
      await server.restart();
    } finally {
      restarted = true;
    }
    await load;

    // The projections retry with their backoff (1 s, 2 s, …): awaited through the head position.
    await caughtUp(t);
    const store = t.app.get<EventStore>(EVENT_STORE);
    let appended = 0;
    let lost = 0;
    let duplicated = 0;
    for (const c of clients) {
      const log = (await store.read(`case-${c.caseId}`)).filter((e) => e.revision > c.before);
      const byCommand = groupBy(log, (e) => String(e.metadata.commandId));
      appended += c.acked.size;
      // Acknowledged: its revision is in the log, and it is a command of its own.
      const commandsAtAcked = new Set(
        [...c.acked.keys()].map((r) => log.find((e) => e.revision === r)?.metadata.commandId),
      );
      commandsAtAcked.delete(undefined);
      lost += c.acked.size - commandsAtAcked.size;
      duplicated += log.length - byCommand.size;
      // Every command is acknowledged in the end (retried until 2xx), so the log holds exactly those.
      expect(byCommand.size).toBe(c.acked.size);
      const read = await api.read(c.caseId);
      expect(read.status).toBe(200);
      expect(read.body.revision).toBe(log[log.length - 1].revision);
    }
    console.log(
      `fault: postgres restart under load — ${CLIENTS} clients, steps acknowledged ${appended}, lost ${lost}, ` +
        `duplicated ${duplicated}; answers ${JSON.stringify(statuses)}`,
    );
    expect(leaks).toEqual([]);
    expect(statuses['503']).toBeGreaterThan(0);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
  }, 180_000);
});

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function groupBy(events: StoredEvent[], key: (e: StoredEvent) => string): Map<string, StoredEvent[]> {
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) groups.set(key(e), [...(groups.get(key(e)) ?? []), e]);
  return groups;
}
