import { createPublicKey, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHECKPOINTS_STREAM,
  Checkpointer,
  GENESIS_HEAD,
  checkpointMessage,
  foldHead,
  type Checkpoint,
} from '@app/audit';
import type { TafelConfig } from '@app/config';
import { RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { CONFIG } from '@app/infrastructure';
import { runCliProcess } from '../apps/cli/src/testing/cli-process';
import { deleteEvent, rewriteStream, storedStream } from '../apps/cli/src/testing/store-backdoor';
import { CaseApi, buildCase } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { expectProblem, expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, type StoreUnderTest, type TestApp } from './support/test-app';

/** An app with two cases, a checkpoint after each (the second also covers the first's checkpoint). */
async function signedApp(store: StoreUnderTest) {
  const t = await startTestApp({
    store,
    env: { TAFEL_CHECKPOINT_EVERY: '1000', TAFEL_CHECKPOINT_INTERVAL: '10m' },
  });
  // The test runs the rounds itself (the loop's timer would race it); the leader's clock still counts.
  await t.app.get(Checkpointer).stop();
  try {
    return await signed(t, store);
  } catch (e) {
    await t.close();
    throw e;
  }
}

async function signed(t: TestApp, store: StoreUnderTest) {
  const config = t.app.get<TafelConfig>(CONFIG);
  const sign = async () => {
    await caughtUp(t);
    t.clock.advance(10 * 60_000);
    return t.app.get(Checkpointer).round();
  };
  const a = await buildCase(t, 'closed');
  expect(await sign()).not.toEqual([]);
  const b = await buildCase(t, 'scheduled', { kind: 'family' });
  expect(await sign()).not.toEqual([]);
  const tafel = (...args: string[]) =>
    runCliProcess(args, {
      TAFEL_DATA_DIR: t.dataDir,
      TAFEL_STORE: store,
      ...(config.postgresUrl ? { TAFEL_POSTGRES_URL: config.postgresUrl } : {}),
    });
  const raw = () => t.app.get<EventStore>(RAW_EVENT_STORE);
  const checkpoints = async () => (await raw().read(CHECKPOINTS_STREAM)).map((e) => e.data as Checkpoint);
  return { t, config, a, b, tafel, raw, checkpoints };
}

type Signed = Awaited<ReturnType<typeof signedApp>>;

describe.each(E2E_STORES)('%s store: signed checkpoints of the whole log', (store) => {
  describe('served and checked', () => {
    let s: Signed;
    beforeAll(async () => void (s = await signedApp(store)));
    afterAll(() => s?.t.close());

    it('serves auditors and admins the checkpoints and the public key their signatures hold under', async () => {
      const kept = await s.checkpoints();
      expect(kept.length).toBeGreaterThanOrEqual(2);
      const list = await new CaseApi(s.t, 'auditor').get('/v1/checkpoints');
      expectStatus(list, 200);
      expect(list.body).toEqual(kept);
      const pem = await new CaseApi(s.t, 'admin').get('/v1/checkpoints/public-key');
      expectStatus(pem, 200);
      expect(pem.headers['content-type']).toMatch(/^application\/x-pem-file/);
      expect(pem.text).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
      const publicKey = createPublicKey(pem.text);
      const log = await s.raw().readAll();
      for (const c of list.body as Checkpoint[]) {
        expect(Object.keys(c).sort()).toEqual(['head', 'keyId', 'position', 'signature', 'signedAt']);
        expect(verify(null, checkpointMessage(c), publicKey, Buffer.from(c.signature, 'base64'))).toBe(true);
        expect(c.head).toBe(
          foldHead(
            GENESIS_HEAD,
            log.filter((e) => e.position <= c.position),
          ),
        );
      }
    });

    it('refuses the other roles (403) and anyone without a token (401), as problem JSON', async () => {
      for (const role of ['coordinator', 'regionManager', 'researcher'] as const)
        for (const path of ['/v1/checkpoints', '/v1/checkpoints/public-key'])
          expectProblem(await new CaseApi(s.t, role).get(path), 403);
      expectProblem(await s.t.http.get('/v1/checkpoints'), 401);
    });

    it('keeps checkpoints out of the case list: no projection reads the checkpoints stream', async () => {
      await caughtUp(s.t);
      const list = await new CaseApi(s.t, 'admin').get('/v1/cases?limit=100');
      expectStatus(list, 200);
      expect(list.body.items.map((c: { id: string }) => c.id).sort()).toEqual([s.a.id, s.b.id].sort());
    });

    it('verify --all holds every checkpoint against the log, with the key file or a given public key', async () => {
      const kept = await s.checkpoints();
      const run = await s.tafel('verify', '--all');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('every hash chain holds');
      expect(run.stdout).toContain(`Checkpoints: all ${kept.length} signed checkpoints hold`);
      const pemFile = join(s.t.dataDir, 'public.pem');
      writeFileSync(pemFile, (await new CaseApi(s.t, 'auditor').get('/v1/checkpoints/public-key')).text);
      const json = await s.tafel('verify', '--all', '--json', '--public-key', pemFile);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({
        valid: true,
        chainsValid: true,
        checkpoints: { valid: true, checkpoints: kept.length, faults: [] },
      });
    });

    it('refuses a case stream whose first event was deleted, on /verification and in verify <case>', async () => {
      const stream = `case-${s.a.id}`;
      await deleteEvent(s.config, stream, 0);
      const api = await new CaseApi(s.t, 'auditor').get(`/v1/cases/${s.a.id}/verification`);
      expectStatus(api, 200);
      expect(api.body).toMatchObject({
        valid: false,
        firstInvalid: { stream, revision: 1, reason: 'revision-gap' },
      });
      const one = await s.tafel('verify', s.a.id);
      expect(one.code).toBe(1);
      expect(one.stdout).toContain(`${stream}: first bad event at revision 1`);
    });
  });

  /** Each tamper says which position it changed first: every checkpoint from there on must fail. */
  const TAMPERS: [string, (s: Signed) => Promise<number>][] = [
    [
      'rewrites an event and re-hashes its chain',
      async ({ config, b }) => {
        const stream = `case-${b.id}`;
        const events = await storedStream(config, stream);
        await rewriteStream(config, stream, (es) => {
          es[2].data = { ...(es[2].data as object), reason: 'nooit gebeurd' };
          return es;
        });
        return events[2].position;
      },
    ],
    [
      'deletes a whole stream',
      async ({ config, a }) => {
        const stream = `case-${a.id}`;
        const events = await storedStream(config, stream);
        await rewriteStream(config, stream, () => []);
        return events[0].position;
      },
    ],
    [
      "cuts off a stream's last events",
      async ({ config, b }) => {
        const stream = `case-${b.id}`;
        const events = await storedStream(config, stream);
        await rewriteStream(config, stream, (es) => es.slice(0, -2));
        return events[events.length - 2].position;
      },
    ],
    [
      'takes an event out of the middle of a stream and re-chains the rest',
      async ({ config, a }) => {
        const stream = `case-${a.id}`;
        const events = await storedStream(config, stream);
        await rewriteStream(config, stream, (es) => es.filter((e) => e.revision !== 3));
        return events[3].position;
      },
    ],
  ];

  describe.each(TAMPERS)('an insider who %s', (_, tamper) => {
    let s: Signed;
    beforeAll(async () => void (s = await signedApp(store)));
    afterAll(() => s?.t.close());

    it('leaves every hash chain whole, and verify --all names the first checkpoint that no longer matches (exit 1)', async () => {
      const changedFrom = await tamper(s);
      const kept = await s.checkpoints();
      const failing = kept.filter((c) => c.position >= changedFrom);
      expect(failing.length).toBeGreaterThan(0);
      const run = await s.tafel('verify', '--all');
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/Verified \d+ streams, \d+ events: every hash chain holds/);
      expect(run.stdout).toContain(
        `Checkpoints: ${failing.length} of ${kept.length} do NOT match; the first is at position ${failing[0].position}`,
      );
      expect(run.stdout).toContain(
        `checkpoint at position ${failing[0].position} (signed ${failing[0].signedAt}, key ${failing[0].keyId}): the log up to it does not match`,
      );
    });
  });
});
