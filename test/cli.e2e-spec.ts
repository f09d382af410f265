import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRecord } from '@app/audit';
import { ProjectionsService } from '@app/cases';
import type { TafelConfig } from '@app/config';
import { EVENT_STORE, verifyChain, type EventStore, type StoredEvent } from '@app/event-store';
import { CONFIG } from '@app/infrastructure';
import { runCliProcess } from '../apps/cli/src/testing/cli-process';
import { dumpReadModels, runSql, tamperWithEvent } from '../apps/cli/src/testing/store-backdoor';
import { CaseApi, buildCase, type BuiltCase } from './support/case-builder';
import { caughtUp, dispatchRound } from './support/caught-up';
import { expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

describe.each(E2E_STORES)('%s store: the tafel CLI on a real data directory', (store) => {
  let t: TestApp;
  const scratch = mkdtempSync(join(tmpdir(), 'tafel-export-'));
  let config: TafelConfig;
  let closed: BuiltCase;
  let cases: BuiltCase[];
  const auditor = () => new CaseApi(t, 'auditor');
  const tafel = (...args: string[]) =>
    runCliProcess(args, {
      TAFEL_DATA_DIR: t.dataDir,
      TAFEL_STORE: store,
      ...(config.postgresUrl ? { TAFEL_POSTGRES_URL: config.postgresUrl } : {}),
    });
  const allEvents = () => t.app.get<EventStore>(EVENT_STORE).readAll();

  beforeAll(async () => {
    t = await startTestApp({ store });
    config = t.app.get<TafelConfig>(CONFIG);
    closed = await buildCase(t, 'closed');
    cases = [closed, await buildCase(t, 'declined'), await buildCase(t, 'scheduled', { kind: 'family' })];
    expectStatus(await auditor().get(`/v1/cases/${closed.id}`), 200); // a read: the access stream has one
    expect((await dispatchRound(t)).sent).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('replays a case: the state and next steps after each event, as the API shows them at that revision', async () => {
    const run = await tafel('replay', closed.id, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const entries = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { revision: number; state: string; nextSteps: string[] });
    const history = await auditor().get(`/v1/cases/${closed.id}/history`);
    const steps = history.body.events.filter((e: StoredEvent) => e.stream === `case-${closed.id}`);
    expect(entries).toHaveLength(steps.length);
    for (const entry of entries) {
      const then = await auditor().get(`/v1/cases/${closed.id}/state?revision=${entry.revision}`);
      expect({ state: entry.state, nextSteps: entry.nextSteps }).toEqual({
        state: then.body.state,
        nextSteps: then.body.nextSteps,
      });
    }
    const text = await tafel('replay', closed.id);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/CaseClosed\s+closed\s+request-follow-up-conference/);
    expect(text.stdout).toMatch(/ConferenceRequested\s+requested\s+complete-intake, decline, withdraw/);
  });

  it('verifies every stream of the log, case and read-log streams alike', async () => {
    const events = await allEvents();
    const run = await tafel('verify', '--all', '--json', '--page-size', '7');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      valid: true,
      chainsValid: true,
      streams: new Set(events.map((e) => e.stream)).size,
      events: events.length,
      broken: [],
      checkpoints: { valid: true, checkpoints: 0, coveredUpTo: 0, faults: [] }, // none signed in this suite
    });
    expect(run.stderr).toMatch(/verify 100%/);
    const one = await tafel('verify', closed.id);
    expect(one.code).toBe(0);
    // The case's stream, its messages stream and its read-log stream.
    expect(one.stdout).toMatch(/Verified 3 streams, \d+ events: every hash chain holds/);
  });

  it('exports a case as NDJSON whose hashes still check out without the store', async () => {
    const out = join(scratch, 'case.ndjson');
    const run = await tafel('export', closed.id, '--out', out);
    expect(run.code).toBe(0);
    const records = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportRecord);
    const history = await auditor().get(`/v1/cases/${closed.id}/history`);
    expect(records.map((r) => [r.revision, r.position, r.type, r.hash, r.prevHash])).toEqual(
      history.body.events.map((e: StoredEvent) => [e.revision, e.position, e.type, e.hash, e.prevHash]),
    );
    expect(Object.keys(records[0])).toEqual([
      'stream',
      'revision',
      'position',
      'eventId',
      'type',
      'schemaVersion',
      'data',
      'metadata',
      'recordedAt',
      'hash',
      'prevHash',
    ]);
    const streams = new Set(records.map((r) => r.stream));
    expect([...streams].sort()).toEqual([`case-${closed.id}`, `messages-${closed.id}`]);
    for (const stream of streams) {
      const chain = records.filter((r) => r.stream === stream) as StoredEvent[];
      expect(verifyChain(chain)).toMatchObject({ valid: true, events: chain.length });
    }
  });

  it('exports the whole log as one JSON document, in global order', async () => {
    const before = await allEvents();
    const run = await tafel('export', '--all', '--format', 'json', '--page-size', '5');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { events: ExportRecord[] };
    // The running worker may record a message while the export runs: the export is the log as it was
    // then, so it holds at least what was there before and is a prefix of what is there after.
    const after = await allEvents();
    expect(doc.events.length).toBeGreaterThanOrEqual(before.length);
    expect(doc.events.map((e) => e.eventId)).toEqual(after.slice(0, doc.events.length).map((e) => e.eventId));
  });

  it('lists the projections with their lag, and a parked one until --retry clears it', async () => {
    await caughtUp(t);
    const quiet = await tafel('projections', '--json');
    expect(quiet.code).toBe(0);
    const listed = JSON.parse(quiet.stdout) as {
      head: number;
      projections: { name: string; state: string }[];
    };
    expect(listed.projections.map((p) => [p.name, p.state])).toEqual(
      t.app
        .get(ProjectionsService)
        .status()
        .map((p) => [p.name, 'caught-up']),
    );
    // As the worker records an event that failed every attempt.
    await runSql(
      config,
      "INSERT INTO tafel_parked_events (name, position, event_id, error, parked_at) VALUES ('flow-cases', 3, 'e-3', 'TypeError: x is undefined', '2026-12-01T10:00:00.000Z')",
    );
    const parked = await tafel('projections');
    expect(parked.code).toBe(1);
    expect(parked.stdout).toMatch(/flow-cases\s+parked/);
    expect(parked.stdout).toContain(
      'parked at position 3 (event e-3) since 2026-12-01T10:00:00.000Z: TypeError: x is undefined',
    );
    const retried = await tafel('projections', '--retry');
    expect(retried.stdout).toContain('Cleared the park of flow-cases');
    expect(retried.code).toBe(0);
  });

  it('rebuilds the read models byte for byte from the log', async () => {
    const projections = t.app.get(ProjectionsService);
    await caughtUp(t);
    const before = await dumpReadModels(config);
    expect(before).toContain(cases[2].id);
    await runSql(config, "UPDATE tafel_case_list SET state = 'spoilt' WHERE id = ?", [cases[0].id]);
    await runSql(config, 'DELETE FROM tafel_case_list WHERE id = ?', [cases[1].id]);
    await runSql(config, 'DELETE FROM tafel_flow_cases WHERE id = ?', [cases[0].id]);
    expect(await dumpReadModels(config)).not.toEqual(before);
    const run = await tafel('rebuild-projections');
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    for (const name of projections.projections()) expect(run.stdout).toContain(name);
    expect(await dumpReadModels(config)).toEqual(before);
  });

  it('reports a row changed behind the store: the API names the first bad event, verify exits 1 naming it', async () => {
    const stream = `case-${closed.id}`;
    await tamperWithEvent(config, stream, 2, 'name', 'Iemand Anders');
    const api = await auditor().get(`/v1/cases/${closed.id}/verification`);
    expectStatus(api, 200);
    expect(api.body).toMatchObject({ valid: false, firstInvalid: { revision: 2, reason: 'hash-mismatch' } });
    const one = await tafel('verify', closed.id);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`${stream}: first bad event at revision 2`);
    const all = await tafel('verify', '--all', '--json');
    expect(all.code).toBe(1);
    const summary = JSON.parse(all.stdout);
    expect(summary).toMatchObject({ valid: false, events: (await allEvents()).length });
    expect(summary.broken).toEqual([
      {
        stream,
        firstInvalid: expect.objectContaining({
          revision: 2,
          type: 'CoordinatorAssigned',
          reason: 'hash-mismatch',
          position: api.body.firstInvalid.position,
        }),
      },
    ]);
  });
});
