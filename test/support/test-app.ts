import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '@app/config';
import { JsonLogger } from '@app/infrastructure';
import { createTestDatabase } from '@app/event-store/testing';
import { createApp, type TafelApp } from '../../apps/admin-api/src/app.factory';
import { TestClock } from './test-clock';

export type StoreUnderTest = 'sqlite' | 'postgres';

/** The stores every e2e suite runs against: `describe.each(E2E_STORES)('%s store', (store) => …)`. */
export const E2E_STORES: StoreUnderTest[] = ['sqlite', 'postgres'];

/**
 * The two regions `regionalManager` is scoped to: fresh for each test file, so no other file's cases
 * fall in them.
 */
export const SCOPED_REGIONS = [1, 2].map((n) => `Scoped-${n}-${randomBytes(4).toString('hex')}`);

export const TEST_ACTORS = {
  admin: { id: 'admin-1', name: 'Ada Admin', role: 'admin' },
  regionManager: { id: 'rm-1', name: 'Rien Regiomanager', role: 'region-manager' },
  /** A region manager for `SCOPED_REGIONS` only. */
  regionalManager: { id: 'rm-2', name: 'Ria Regiomanager', role: 'region-manager', regions: SCOPED_REGIONS },
  coordinator: { id: 'coord-1', name: 'Corrie Coördinator', role: 'coordinator' },
  otherCoordinator: { id: 'coord-2', name: 'Kees Coördinator', role: 'coordinator' },
  researcher: { id: 'res-1', name: 'Roos Onderzoeker', role: 'researcher' },
  auditor: { id: 'aud-1', name: 'Anouk Auditor', role: 'auditor' },
} as const;

export type TestActor = keyof typeof TEST_ACTORS;

export interface TestApp {
  /** supertest bound to the running app: `t.http.post('/v1/cases').set(t.auth('admin')).send(…)`. */
  http: ReturnType<typeof request>;
  /** `{ Authorization: 'Bearer …' }` for one of the test actors. */
  auth(actor: TestActor): { Authorization: string };
  tokens: Record<TestActor, string>;
  clock: TestClock;
  store: StoreUnderTest;
  dataDir: string;
  app: TafelApp;
  /** Closes the app and starts a new one on the same data directory / database. */
  restart(): Promise<void>;
  /** Closes the app, keeping its data (`restart` starts it again; `close` then skips the app). */
  stop(): Promise<void>;
  /** Closes the app and removes the data directory / database. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  store?: StoreUnderTest;
  env?: Record<string, string>;
  /** Starting time of the injected clock (default 2026-03-02T09:00:00Z). */
  now?: Date;
  /** The PostgreSQL server to make the database on (default: the shared test server). */
  postgresServer?: string;
  /** Where the app's JSON log goes (default: no log at all). */
  logFile?: string;
  /** The app's logger itself, so a test can flush it before reading the log output. */
  logger?: JsonLogger;
}

/** Starts the real app (Fastify, all modules, real store) on a temp data directory. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const store = options.store ?? 'sqlite';
  const dataDir = mkdtempSync(join(tmpdir(), 'tafel-e2e-'));
  const tokens = Object.fromEntries(
    Object.keys(TEST_ACTORS).map((k) => [k, `test-${k}-${randomBytes(8).toString('hex')}`]),
  ) as Record<TestActor, string>;
  const tokensFile = join(dataDir, 'tokens.json');
  writeFileSync(
    tokensFile,
    JSON.stringify(
      (Object.keys(TEST_ACTORS) as TestActor[]).map((k) => ({
        tokenSha256: createHash('sha256').update(tokens[k]).digest('hex'),
        actor: TEST_ACTORS[k],
      })),
    ),
  );
  const database =
    store === 'postgres' ? await createTestDatabase('tafel_e2e', options.postgresServer) : undefined;
  const clock = new TestClock(options.now ?? new Date('2026-03-02T09:00:00Z'));
  const config = loadConfig({
    TAFEL_DATA_DIR: dataDir,
    TAFEL_TOKENS_FILE: tokensFile,
    TAFEL_STORE: store,
    ...(database ? { TAFEL_POSTGRES_URL: database.url } : {}),
    // Tests run dispatch rounds themselves (the injected clock decides what is due); a timer firing
    // on its own would add message events to case streams that other suites count revisions on.
    TAFEL_DISPATCH_INTERVAL: '1d',
    // Likewise the leader's signed checkpoints: a test that wants them sets these and runs
    // `Checkpointer.round()` itself.
    TAFEL_CHECKPOINT_EVERY: '1000000000',
    TAFEL_CHECKPOINT_INTERVAL: '3650d',
    ...options.env,
  });

  const logger = () =>
    options.logger ??
    (options.logFile ? new JsonLogger({ destination: openSync(options.logFile, 'a') }) : false);
  let app = await createApp(config, { clock, logger: logger() });
  let running = true;
  const testApp: TestApp = {
    http: request(app.getHttpServer()),
    auth: (actor) => ({ Authorization: `Bearer ${tokens[actor]}` }),
    tokens,
    clock,
    store,
    dataDir,
    app,
    async restart() {
      if (running) await app.close();
      running = false;
      app = await createApp(config, { clock, logger: logger() });
      running = true;
      testApp.app = app;
      testApp.http = request(app.getHttpServer());
    },
    async stop() {
      if (running) await app.close();
      running = false;
    },
    async close() {
      if (running) await app.close();
      running = false;
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
