import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { requestBody } from './support/case-builder';
import { expectStatus } from './support/http-expect';
import { startTestApp, type TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-reqid-'));
  const logFile = join(dir, 'tafel.log');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ logFile });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const requestLines = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.msg === 'request');

  it("stores and answers the server's own id, and only logs the client's beside it", async () => {
    const created = await t.http
      .post('/v1/cases')
      .set(t.auth('admin'))
      .set('x-request-id', 'my-own')
      .send(requestBody());
    expectStatus(created, 201);
    const writeId = created.headers['x-request-id'];
    expect(writeId).toMatch(UUID);
    const caseId = created.body.id as string;
    const read = await t.http.get(`/v1/cases/${caseId}`).set(t.auth('auditor')).set('x-request-id', 'my-own');
    expectStatus(read, 200);
    const readId = read.headers['x-request-id'];
    expect(readId).toMatch(UUID);
    expect(readId).not.toBe(writeId);

    const store = t.app.get<EventStore>(EVENT_STORE);
    const [requested] = await store.read(`case-${caseId}`);
    expect(requested.metadata.correlationId).toBe(writeId);
    const reads = await store.read(`access-${caseId}`);
    expect(reads.map((e) => e.metadata.correlationId)).toEqual([readId]);
    const accessLog = await t.http.get(`/v1/cases/${caseId}/access-log`).set(t.auth('auditor'));
    expectStatus(accessLog, 200);
    expect(JSON.stringify(accessLog.body)).not.toContain('my-own');

    await t.stop(); // flushes the log
    const lines = requestLines();
    for (const id of [writeId, readId])
      expect(lines.find((l) => l.reqId === id)).toMatchObject({ reqId: id, clientRequestId: 'my-own' });
    expect(lines.some((l) => l.reqId === 'my-own')).toBe(false);
    await t.restart();
  });

  it('logs no client id that is not 1 to 200 visible ASCII characters', async () => {
    const long = 'x'.repeat(201);
    for (const given of [long, 'met spatie'])
      expectStatus(await t.http.get('/health').set('x-request-id', given), 200);
    await t.stop();
    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain(long);
    expect(text).not.toContain('met spatie');
    await t.restart();
  });
});
