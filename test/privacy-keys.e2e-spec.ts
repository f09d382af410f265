import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock, TafelConfig } from '@app/config';
import { CONFIG } from '@app/infrastructure';
import { MasterKeyRefused } from '@app/privacy';
import { createApp } from '../apps/admin-api/src/app.factory';
import { rotationSeams } from '../apps/cli/src/commands/rotate-master-key.command';
import { buildCase, CaseApi } from './support/case-builder';
import { expectStatus } from './support/http-expect';
import { deleteKeyRow, storedEventsText } from './support/privacy-backdoor';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import { runTafel } from './support/cli';

const ERASED = '[verwijderd]';
const newMasterKey = () => randomBytes(32).toString('base64');

/** Runs the CLI in this process; `clock`: the app's, so the leases it holds count as live. */
function tafel(
  config: TafelConfig,
  env: Record<string, string>,
  clock: Clock | undefined,
  ...argv: (string | { stdin: Buffer[] })[]
) {
  const stdin = argv.find((a): a is { stdin: Buffer[] } => typeof a !== 'string')?.stdin;
  const args = argv.filter((a): a is string => typeof a === 'string');
  return runTafel(config, args, { env, clock, stdin });
}

/** A new master key saved in a file of its own (as the operator keeps it), mode 0600. */
function saveKey(dir: string, key: string): string {
  const file = join(dir, `new-master-${randomBytes(4).toString('hex')}.key`);
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return file;
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
    // A running process keeps the keys it has unwrapped until an erasure moves the store's epoch; a row
    // deleted by hand is not an erasure. The process that reads it afresh is the one that starts now.
    await t.restart();
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
    const cli = await tafel(
      config,
      { TAFEL_MASTER_KEY: wrong.masterKey! },
      t.clock,
      'export',
      '--all',
      '--decrypt',
    );
    expect(cli.code).toBe(78);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(/does not open the key store/);
  });

  it('refuses to rotate while the API and worker run (they hold the lease), changing nothing', async () => {
    const keyFile = saveKey(t.dataDir, newMasterKey());
    const run = await tafel(
      config,
      { TAFEL_MASTER_KEY: masterKey },
      t.clock,
      'rotate-master-key',
      '--new-key-file',
      keyFile,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stop the API and the worker first/);
    expect(run.stdout).toBe('');
    const c = await buildCase(t, 'requested');
    expect((await new CaseApi(t, 'auditor').get(`/v1/cases/${c.id}`)).body.applicant.name).toBe(
      'Fatima el Amrani',
    );
  });

  it('refuses a new key that is not base64 of 32 bytes, or given in TAFEL_NEW_MASTER_KEY, never echoing it', async () => {
    const short = saveKey(t.dataDir, randomBytes(16).toString('base64'));
    const bad = await tafel(
      config,
      { TAFEL_MASTER_KEY: masterKey },
      t.clock,
      'rotate-master-key',
      '--new-key-file',
      short,
    );
    expect(bad.code).toBe(78);
    expect(bad.stderr).toMatch(/--new-key-file: expected base64 of 32 bytes/);
    expect(bad.stderr).not.toContain(readFileSync(short, 'utf8').trim());
    const env = await tafel(
      config,
      { TAFEL_MASTER_KEY: masterKey, TAFEL_NEW_MASTER_KEY: newMasterKey() },
      t.clock,
      'rotate-master-key',
      '--new-key-stdin',
    );
    expect(env.code).toBe(78);
    expect(env.stderr).toMatch(/TAFEL_NEW_MASTER_KEY is not read/);
    const none = await tafel(config, { TAFEL_MASTER_KEY: masterKey }, t.clock, 'rotate-master-key');
    expect(none.code).toBe(2);
  });

  it('rotates the master key from a file once stopped: every key re-wrapped, the old key refused, the data readable under the new', async () => {
    const c = await buildCase(t, 'preparing');
    await t.stop();
    const rotated = newMasterKey();
    const run = await tafel(
      config,
      { TAFEL_MASTER_KEY: masterKey },
      t.clock,
      'rotate-master-key',
      '--new-key-file',
      saveKey(t.dataDir, rotated),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Re-wrapped \d+ keys/);
    expect(run.stdout).not.toContain(rotated);
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
  let config: TafelConfig;
  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite' });
    config = t.app.get<TafelConfig>(CONFIG);
  });
  afterEach(() => delete rotationSeams.beforeCommit);
  afterAll(() => t?.close());

  const keyText = () => readFileSync(config.masterKeyFile, 'utf8');
  const leftovers = () => readdirSync(dirname(config.masterKeyFile)).filter((f) => /^master\.key\./.test(f));
  const readable = async (caseId: string) =>
    (await new CaseApi(t, 'auditor').get(`/v1/cases/${caseId}`)).body.applicant.name;

  it('is created on first start, readable by its owner only, and rotated in place from stdin', async () => {
    expect(config.masterKey).toBeUndefined();
    expect(statSync(config.masterKeyFile).mode & 0o777).toBe(0o600);
    const c = await buildCase(t, 'requested');
    await t.stop();
    const rotated = newMasterKey();
    const run = await tafel(config, {}, t.clock, 'rotate-master-key', '--new-key-stdin', {
      stdin: [Buffer.from(`${rotated}\n`)],
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(rotated);
    expect(keyText().trim()).toBe(rotated);
    expect(statSync(config.masterKeyFile).mode & 0o777).toBe(0o600);
    expect(leftovers()).toEqual([]);
    await t.restart();
    expect(await readable(c.id)).toBe('Fatima el Amrani');
  });

  it('refuses while the worker lease is held, taken through the real election of the running app', async () => {
    const old = keyText();
    const run = await tafel(config, {}, t.clock, 'rotate-master-key', '--new-key-stdin', {
      stdin: [Buffer.from(newMasterKey())],
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stop the API and the worker first/);
    expect(keyText()).toBe(old);
    expect(leftovers()).toEqual([]);
  });

  it('keeps the old key when the re-wrap fails after the new key file was written: the data still opens', async () => {
    const c = await buildCase(t, 'requested');
    await t.stop();
    const old = keyText();
    let fileAtCommit = '';
    rotationSeams.beforeCommit = () => {
      fileAtCommit = keyText();
      throw new Error('injected fault before the commit');
    };
    const rotated = newMasterKey();
    const run = await tafel(config, {}, t.clock, 'rotate-master-key', '--new-key-stdin', {
      stdin: [Buffer.from(rotated)],
    });
    expect(fileAtCommit.trim()).toBe(rotated); // written (and fsynced) before the commit
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/did not commit.*holds the previous key again/);
    expect(keyText()).toBe(old);
    expect(leftovers()).toEqual([]);
    await t.restart();
    expect(await readable(c.id)).toBe('Fatima el Amrani');
  });

  it('after a crash between the new key file and the commit, start-up puts the old key back', async () => {
    const c = await buildCase(t, 'requested');
    await t.stop();
    const old = keyText();
    // What steps 1 and 2 leave when the process dies before step 3 commits.
    writeFileSync(`${config.masterKeyFile}.old`, old, { mode: 0o600 });
    writeFileSync(config.masterKeyFile, `${newMasterKey()}\n`);
    await t.restart();
    expect(await readable(c.id)).toBe('Fatima el Amrani');
    expect(keyText()).toBe(old);
    expect(leftovers()).toEqual([]);
  });

  it('after a crash between the commit and the clean-up, start-up keeps the new key and drops the old', async () => {
    const c = await buildCase(t, 'requested');
    await t.stop();
    const current = keyText();
    writeFileSync(`${config.masterKeyFile}.old`, `${newMasterKey()}\n`, { mode: 0o600 });
    await t.restart();
    expect(await readable(c.id)).toBe('Fatima el Amrani');
    expect(keyText()).toBe(current);
    expect(leftovers()).toEqual([]);
  });
});
