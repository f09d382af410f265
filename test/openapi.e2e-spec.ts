import { writeOpenApiDocument } from '../apps/admin-api/src/openapi';
import { expectStatus } from './support/http-expect';
import { startTestApp, type TestApp } from './support/test-app';

type Operation = {
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
};
type OpenApi = {
  servers: { url: string }[];
  security: unknown[];
  paths: Record<string, Record<string, Operation>>;
};

describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: string;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/docs-json');
    expectStatus(res, 200);
    served = res.text;
  });
  afterAll(() => t.close());

  it('is written by `npm run openapi` byte for byte as /docs-json serves it', async () => {
    expect(await writeOpenApiDocument()).toBe(served);
  });

  it('asks for the bearer token everywhere but on /health, and names a server', () => {
    const doc = JSON.parse(served) as OpenApi;
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('documents a 2xx and a 4xx answer on every operation', () => {
    const doc = JSON.parse(served) as OpenApi;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        expect({ [`${method} ${path}`]: statuses }).toEqual({
          [`${method} ${path}`]: expect.arrayContaining([
            expect.stringMatching(/^2/),
            expect.stringMatching(/^4/),
          ]),
        });
      }
    }
  });

  it('documents Accept-Language and Content-Language wherever a problem can be the answer', () => {
    const doc = JSON.parse(served) as OpenApi;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const problems = Object.values(operation.responses).filter(
          (r) => r.content?.['application/problem+json'],
        );
        if (problems.length === 0) continue;
        const named = (operation.parameters ?? []).some(
          (p) => p.in === 'header' && p.name === 'Accept-Language',
        );
        expect({ [`${method} ${path}`]: named }).toEqual({ [`${method} ${path}`]: true });
        for (const r of problems) expect(Object.keys(r.headers ?? {})).toContain('Content-Language');
      }
    }
  });

  it('answers /health with the 431 it documents when the headers are too large', async () => {
    const res = await t.http.get('/health').set('x-padding', 'x'.repeat(20_000));
    expect(res.status).toBe(431);
  });
});
