import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headPosition } from '@app/audit';
import type { TafelConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { CONFIG } from '@app/infrastructure';
import { runCliProcess } from '../apps/cli/src/testing/cli-process';
import { CaseApi, buildCase, type BuiltCase, BUILDER_PERSONAL_DATA } from './support/case-builder';
import { caughtUp } from './support/caught-up';
import { expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

/** Everything personal or free-text the cases built here hold (see case-builder's bodies). */
const PERSONAL = BUILDER_PERSONAL_DATA;

describe.each(E2E_STORES)('%s store: research-export', (store) => {
  let t: TestApp;
  let config: TafelConfig;
  const scratch = mkdtempSync(join(tmpdir(), 'tafel-research-'));
  let cases: BuiltCase[];
  let followUpId: string;
  const tafel = (args: string[], env: Record<string, string> = {}) =>
    runCliProcess(args, {
      TAFEL_DATA_DIR: t.dataDir,
      TAFEL_STORE: store,
      ...(config.postgresUrl ? { TAFEL_POSTGRES_URL: config.postgresUrl } : {}),
      ...env,
    });
  const head = () => headPosition(t.app.get<EventStore>(EVENT_STORE));
  const exportTo = async (name: string, ...more: string[]) => {
    const out = join(scratch, name);
    const run = await tafel(['research-export', '--out', out, ...more]);
    expect(run.stderr).toMatch(/Exported \d+ cases/);
    expect(run.code).toBe(0);
    return { out, text: readFileSync(out, 'utf8'), bytes: readFileSync(out) };
  };

  beforeAll(async () => {
    t = await startTestApp({ store });
    config = t.app.get<TafelConfig>(CONFIG);
    const closed = await buildCase(t, 'closed');
    cases = [closed, await buildCase(t, 'declined'), await buildCase(t, 'followed-up')];
    const res = await new CaseApi(t).followUpConference(cases[2].id);
    expectStatus(res, 201);
    followUpId = res.body.id;
    await caughtUp(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes one row per case under its HMAC pseudonym, dates to the day, mode 0600, nothing personal', async () => {
    const { out, text } = await exportTo('first.csv');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const key = Buffer.from(readFileSync(join(t.dataDir, 'research.key'), 'utf8').trim(), 'base64');
    const pseudonym = (id: string) => createHmac('sha256', key).update(id).digest('hex');
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    const [header, ...rows] = lines;
    expect(header.startsWith('case_pseudonym,')).toBe(true);
    const ids = [...cases.map((c) => c.id), followUpId];
    expect(rows.map((r) => r.split(',')[0]).sort()).toEqual(ids.map(pseudonym).sort());
    expect(rows.find((r) => r.startsWith(pseudonym(followUpId)))).toContain(`,${pseudonym(cases[2].id)},`);
    for (const id of ids) expect(text).not.toContain(id);
    for (const fragment of PERSONAL) expect(text).not.toContain(fragment);
    expect(text).not.toMatch(/T\d\d:\d\d/);
  });

  it('gives the same bytes at the same position, also after the log has grown', async () => {
    const position = await head();
    const before = await exportTo('before.csv', '--until-position', String(position));
    await buildCase(t, 'requested');
    await caughtUp(t);
    const again = await exportTo('again.csv', '--until-position', String(position));
    expect(again.bytes.equals(before.bytes)).toBe(true);
    const now = await exportTo('now.csv');
    expect(now.text.split('\r\n')).toHaveLength(before.text.split('\r\n').length + 1);
  });

  it('refuses the master key as research key, and a malformed one', async () => {
    const master = readFileSync(config.masterKeyFile, 'utf8').trim();
    const out = join(scratch, 'refused.csv');
    const same = await tafel(['research-export', '--out', out], { TAFEL_RESEARCH_KEY: master });
    expect(same.code).toBe(78);
    expect(same.stderr).toMatch(/must not be the master key/);
    const short = await tafel(['research-export', '--out', out], { TAFEL_RESEARCH_KEY: 'c2hvcnQ=' });
    expect(short.code).toBe(78);
  });
});
