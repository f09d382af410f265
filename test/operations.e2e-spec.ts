import { EVENT_STORE, type EventStore } from '@app/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestBody } from './support/case-builder';
import { expectStatus } from './support/http-expect';
import { startTestApp, type TestApp } from './support/test-app';
import { interceptAppends } from './support/store-faults';

/** Every route of API.md's step table, as method + OpenAPI path + operationId. */
const STEP_ROUTES = [
  ['post', '/v1/cases', 'request'],
  ['post', '/v1/cases/{id}/intake', 'complete-intake'],
  ['post', '/v1/cases/{id}/decline', 'decline'],
  ['post', '/v1/cases/{id}/coordinator', 'assign-coordinator'],
  ['post', '/v1/cases/{id}/participants', 'invite-participant'],
  ['post', '/v1/cases/{id}/participants/{pid}/preparation', 'record-preparation'],
  ['post', '/v1/cases/{id}/participants/{pid}/answer', 'record-answer'],
  ['post', '/v1/cases/{id}/schedule', 'schedule-conference'],
  ['post', '/v1/cases/{id}/conference', 'hold-conference'],
  ['post', '/v1/cases/{id}/plan', 'record-plan'],
  ['post', '/v1/cases/{id}/plan/distribution', 'distribute-plan'],
  ['post', '/v1/cases/{id}/follow-up', 'contact-follow-up'],
  ['post', '/v1/cases/{id}/follow-up-conference', 'request-follow-up-conference'],
  ['post', '/v1/cases/{id}/withdrawal', 'withdraw'],
  ['post', '/v1/cases/{id}/closure', 'close'],
] as const;

const READ_ROUTES = [
  '/v1/cases',
  '/v1/cases/{id}',
  '/v1/cases/{id}/history',
  '/v1/cases/{id}/state',
  '/v1/cases/{id}/verification',
  '/v1/workflow',
  '/health',
];

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      { operationId?: string; requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }
    >
  >;
  components: { schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }> };
};

describe('operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('the OpenAPI document at /docs-json', () => {
    let doc: OpenApi;
    beforeAll(async () => {
      const res = await t.http.get('/docs-json');
      expectStatus(res, 200);
      doc = res.body as OpenApi;
    });

    it.each(STEP_ROUTES)('describes %s %s as the step %s', (method, path, step) => {
      expect(doc.paths[path]?.[method]?.operationId).toBe(step);
    });

    it.each(STEP_ROUTES)(
      'answers %s %s (%s) with the status of API.md and every problem of its table',
      (method, path, step) => {
        const responses = Object.keys((doc.paths[path][method] as { responses: object }).responses);
        const created = ['request', 'invite-participant', 'request-follow-up-conference'].includes(step);
        expect(responses).toContain(created ? '201' : '200');
        expect(responses).not.toContain(created ? '200' : '201');
        expect(responses).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '412', '413']));
      },
    );

    it.each(READ_ROUTES)('describes GET %s', (path) => {
      expect(doc.paths[path]?.get).toBeDefined();
    });

    it('takes its request schemas from the DTOs, with the required fields of API.md', () => {
      const schemaOf = (path: string) => {
        const ref = doc.paths[path].post.requestBody!.content['application/json'].schema.$ref!;
        return doc.components.schemas[ref.split('/').pop()!];
      };
      expect(schemaOf('/v1/cases').required).toEqual(
        expect.arrayContaining(['kind', 'applicant', 'region', 'description', 'channel']),
      );
      expect(schemaOf('/v1/cases/{id}/coordinator').required).toEqual(
        expect.arrayContaining(['coordinatorId', 'name', 'email', 'independenceDeclared']),
      );
      expect(schemaOf('/v1/cases/{id}/plan').required).toEqual(
        expect.arrayContaining(['agreements', 'ifItDoesNotWork']),
      );
    });

    it('serves Swagger UI at /docs', async () => {
      const res = await t.http.get('/docs');
      expect(res.status).toBe(200);
      expect(res.text).toContain('swagger');
    });
  });

  describe('logging', () => {
    it("gives every response the server's own request id, never the one the client sent", async () => {
      const res = await t.http.get('/health').set('x-request-id', 'trace-42');
      expectStatus(res, 200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const problem = await t.http.get('/v1/cases/nope');
      expect(problem.status).toBe(401);
      expect(problem.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('graceful shutdown', () => {
    it('finishes the commands in flight before it closes, and keeps them', async () => {
      const own = await startTestApp();
      let arrived = 0;
      let allArrived!: () => void;
      const everyoneWaits = new Promise<void>((resolve) => (allArrived = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      interceptAppends(own.app, () => {
        if (++arrived === 5) allArrived();
        return gate;
      });
      const pending = Array.from({ length: 5 }, () =>
        own.http
          .post('/v1/cases')
          .set(own.auth('admin'))
          .send(requestBody())
          .then((r) => r),
      );
      await everyoneWaits;
      const closing = own.app.close();
      release();
      const answers = await Promise.all(pending);
      await closing;
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      const created = answers.map((r) => r.body.id as string);
      await own.restart();
      for (const id of created)
        expectStatus(await own.http.get(`/v1/cases/${id}`).set(own.auth('admin')), 200);
      await own.close();
    });
  });

  describe('a store that is down', () => {
    it('answers steps with a 503 problem and readiness with 503 degraded, and writes nothing', async () => {
      const own = await startTestApp();
      const created = await own.http.post('/v1/cases').set(own.auth('admin')).send(requestBody());
      expectStatus(created, 201);
      await own.app.get<EventStore>(EVENT_STORE).close();

      const step = await own.http
        .post(`/v1/cases/${created.body.id}/intake`)
        .set(own.auth('admin'))
        .send({ conferenceQuestions: ['Hoe verder?'] });
      expect(step.status).toBe(503);
      expect(step.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(step.body).toMatchObject({ status: 503, title: expect.any(String), detail: expect.any(String) });

      // /health is liveness (the process runs); /health/ready says the store is down, without its error.
      expect((await own.http.get('/health')).status).toBe(200);
      const ready = await own.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'degraded', reasons: ['writer-stopped', 'store-unreachable'] });

      await own.restart();
      const after = await own.http.get(`/v1/cases/${created.body.id}`).set(own.auth('admin'));
      expect(after.body).toMatchObject({ state: 'requested', revision: 0 });
      await own.close();
    });
  });

  describe('the tokens file', () => {
    it('keeps only hashes', () => {
      const text = readFileSync(join(t.dataDir, 'tokens.json'), 'utf8');
      for (const token of Object.values(t.tokens)) expect(text).not.toContain(token);
    });
  });
});
