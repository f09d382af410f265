import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { TafelConfig } from '@app/config';
import { CONFIG } from '@app/infrastructure';
import { MasterKeyRefused } from '@app/privacy';
import { createApp } from '../apps/admin-api/src/app.factory';
import { runCli } from '../apps/cli/src/cli';
import { buildCase, CaseApi } from './support/case-builder';
import { expectStatus } from './support/http-expect';
import { deleteKeyRow, storedEventsText } from './support/privacy-backdoor';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

const ERASED = '[verwijderd]';
const newMasterKey = () => randomBytes(32).toString('base64');

async function tafel(config: TafelConfig, env: Record<string, string>, ...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, {
    env: {
      TAFEL_DATA_DIR: config.dataDir,
      TAFEL_STORE: config.store,
      TAFEL_POSTGRES_URL: config.postgresUrl,
      ...env,
    },
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    signal: new AbortController().signal,
  });
  return { code, ...out };
}

describe.each(E2E_STORES)('%s store: person keys', (store) => {
  const masterKey = newMasterKey();
  let t: TestApp;
  let config: TafelConfig;
  beforeAll(async () => {
    t = await startTestApp({ store, env: { TAFEL_MASTER_KEY: masterKey } });
    config = t.app.get<TafelConfig>(CONFIG);
  });
  afterAll(() => t?.close());

  it('keeps names, addresses and notes encrypted at rest, and readable through the API', async () => {
    const c = await buildCase(t, 'ready');
    const stored = await storedEventsText(config);
    expect(stored).toContain('"$enc"');
    for (const secret of [
      'Fatima el Amrani',
      'fatima@example.nl',
      '0612345678',
      'Spanning tussen buren',
      'Deelnemer 1',
      'deelnemer1@example.nl',
      'Doel en werkwijze besproken',
    ])
      expect(stored).not.toContain(secret);
    const res = await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}`);
    expect(res.body.applicant.name).toBe('Fatima el Amrani');
    expect(res.body.participants[0]).toMatchObject({ name: 'Deelnemer 1', email: 'deelnemer1@example.nl' });
  });

  it('shows a person whose key went missing behind its back as erased, on every read, never a 500', async () => {
    const c = await buildCase(t, 'ready');
    const [lost, kept] = c.participantIds;
    await deleteKeyRow(config, lost);
    const api = new CaseApi(t, 'auditor');
    const now = await api.get(`/v1/cases/${c.id}`);
    expectStatus(now, 200);
    const byId = (body: { participants: { id: string }[] }, id: string) =>
      body.participants.find((p) => p.id === id);
    expect(byId(now.body, lost)).toMatchObject({ name: ERASED, email: ERASED, preparationNotes: ERASED });
    expect(byId(now.body, kept)).toMatchObject({ name: 'Deelnemer 2' });
    for (const route of ['history', 'state?revision=5', 'messages', 'verification', 'access-log'])
      expectStatus(await api.get(`/v1/cases/${c.id}/${route}`), 200);
    expect((await api.get(`/v1/cases/${c.id}/verification`)).body.valid).toBe(true);
    expect((await api.get(`/v1/cases/${c.id}/messages`)).body.participants).toContainEqual(
      expect.objectContaining({ id: lost, reachBy: 'erased' }),
    );
  });

  it('refuses to start with another master key, with a clear message, API and CLI alike', async () => {
    const wrong = { ...config, masterKey: newMasterKey() };
    const refusal = createApp(wrong, { logger: false, clock: t.clock });
    await expect(refusal).rejects.toBeInstanceOf(MasterKeyRefused);
    await expect(refusal).rejects.toThrow(
      /master key \(TAFEL_MASTER_KEY\) does not open the key store.*Nothing was decrypted/,
    );
    const cli = await tafel(config, { TAFEL_MASTER_KEY: wrong.masterKey! }, 'export', '--all', '--decrypt');
    expect(cli.code).toBe(78);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(/does not open the key store/);
  });

  it('rotates the master key: every person key re-wrapped, the old key refused, the data readable under the new', async () => {
    const c = await buildCase(t, 'preparing');
    const rotated = newMasterKey();
    const run = await tafel(
      config,
      { TAFEL_MASTER_KEY: masterKey, TAFEL_NEW_MASTER_KEY: rotated },
      'rotate-master-key',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Re-wrapped \d+ person keys/);
    await expect(createApp(config, { logger: false, clock: t.clock })).rejects.toBeInstanceOf(
      MasterKeyRefused,
    );
    const after = await createApp({ ...config, masterKey: rotated }, { logger: false, clock: t.clock });
    try {
      const res = await after.inject({
        method: 'GET',
        url: `/v1/cases/${c.id}`,
        headers: t.auth('auditor'),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().applicant.name).toBe('Fatima el Amrani');
    } finally {
      await after.close();
    }
  });
});

describe('the embedded master key file', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite' });
  });
  afterAll(() => t?.close());

  it('is created on first start, readable by its owner only, and rotated in place by the CLI', async () => {
    const config = t.app.get<TafelConfig>(CONFIG);
    expect(config.masterKey).toBeUndefined();
    expect(statSync(config.masterKeyFile).mode & 0o777).toBe(0o600);
    const c = await buildCase(t, 'requested');
    const old = readFileSync(config.masterKeyFile, 'utf8');
    const run = await tafel(config, {}, 'rotate-master-key');
    expect(run.code).toBe(0);
    expect(readFileSync(config.masterKeyFile, 'utf8')).not.toBe(old);
    await t.restart();
    const res = await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}`);
    expect(res.body.applicant.name).toBe('Fatima el Amrani');
  });
});
