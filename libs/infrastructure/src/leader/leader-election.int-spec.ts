import { SqliteDb } from '@app/kernel/sqlite';
import { createTestDatabase, onTestServer, type TestDatabase } from '@app/event-store/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeaderGate, LeaseLeaderElection, type LeaderWork } from '.';
import { PostgresLeaderElection } from './postgres-leader-election';

/** Bounded wait for a real asynchronous effect (a server-side session ending). */
async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

function recorder(): LeaderWork & { log: string[] } {
  const log: string[] = [];
  return { log, start: async () => void log.push('start'), stop: async () => void log.push('stop') };
}

describe('leader election on PostgreSQL (advisory lock)', () => {
  let database: TestDatabase;
  const electors: PostgresLeaderElection[] = [];
  const elector = (name = 'worker'): PostgresLeaderElection => {
    electors.push(new PostgresLeaderElection(database.url, name));
    return electors[electors.length - 1];
  };
  beforeAll(async () => {
    database = await createTestDatabase('tafel_leader');
  });
  afterEach(async () => void (await Promise.all(electors.splice(0).map((e) => e.resign()))));
  afterAll(() => database?.drop());

  it('lets one of two lead, and the other take over once the leader loses its connection', async () => {
    const [a, b] = [elector(), elector()];
    expect(await a.campaign()).toBe(true);
    expect(await b.campaign()).toBe(false);
    expect(await a.campaign()).toBe(true);
    const lost = new Promise<void>((resolve) => a.onLost(resolve));
    await onTestServer(`SELECT pg_terminate_backend(${a.backendPid})`, database.name);
    await lost;
    expect(a.leading).toBe(false);
    await eventually(() => b.campaign(), 'the standby takes over');
    expect(await a.campaign()).toBe(false);
  });

  it('hands over at once when the leader resigns, and keeps elections of other names apart', async () => {
    const [a, b, other] = [elector(), elector(), elector('another-worker')];
    expect(await a.campaign()).toBe(true);
    expect(await other.campaign()).toBe(true);
    await a.resign();
    expect(await b.campaign()).toBe(true);
  });

  it('counts an unreachable database as not leading', async () => {
    const away = new PostgresLeaderElection('postgres://postgres@127.0.0.1:1/none');
    expect(await away.campaign()).toBe(false);
  });

  it("stops the leader's work when its connection dies and starts it in the standby", async () => {
    const [a, b] = [elector(), elector()];
    const [workA, workB] = [recorder(), recorder()];
    const [gateA, gateB] = [
      new LeaderGate(a, workA, { roundMs: 60_000 }),
      new LeaderGate(b, workB, { roundMs: 60_000 }),
    ];
    await gateA.start();
    await gateB.start();
    expect([workA.log, workB.log]).toEqual([['start'], []]);
    await onTestServer(`SELECT pg_terminate_backend(${a.backendPid})`, database.name);
    await eventually(() => workA.log.length === 2, "the old leader's work stops");
    await eventually(async () => (await gateB.round(), gateB.leading), 'the standby leads');
    expect([workA.log, workB.log]).toEqual([['start', 'stop'], ['start']]);
    await gateA.stop();
    await gateB.stop();
    expect(workB.log).toEqual(['start', 'stop']);
  });
});

describe('leader election by lease (SQLite, injected clock)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-lease-'));
  const db = new SqliteDb(join(dir, 'read.db'));
  let t = Date.UTC(2025, 0, 1);
  const clock = { now: () => new Date(t) };
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets one lead while it renews, and another take over once the lease has expired', async () => {
    const a = new LeaseLeaderElection(db, clock, 30_000, 'lease-1');
    const b = new LeaseLeaderElection(db, clock, 30_000, 'lease-1');
    let lostA = 0;
    a.onLost(() => lostA++);
    expect(await a.campaign()).toBe(true);
    expect(await b.campaign()).toBe(false);
    t += 20_000;
    expect(await a.campaign()).toBe(true); // renewed until t + 30 s
    t += 20_000;
    expect(await b.campaign()).toBe(false);
    t += 10_001;
    expect(await b.campaign()).toBe(true);
    expect(await a.campaign()).toBe(false);
    expect(lostA).toBe(1);
    await b.resign();
    expect(await a.campaign()).toBe(true);
    await a.resign();
  });

  it('runs the work in one gate only and moves it when the clock passes the lease', async () => {
    const [workA, workB] = [recorder(), recorder()];
    const gateA = new LeaderGate(new LeaseLeaderElection(db, clock, 30_000, 'lease-2'), workA, {
      roundMs: 60_000,
    });
    const gateB = new LeaderGate(new LeaseLeaderElection(db, clock, 30_000, 'lease-2'), workB, {
      roundMs: 60_000,
    });
    await gateA.start();
    await gateB.start();
    t += 31_000; // A stalls past its lease
    await gateB.round();
    await gateA.round();
    expect([workA.log, workB.log]).toEqual([['start', 'stop'], ['start']]);
    await gateA.stop();
    await gateB.stop();
  });
});
