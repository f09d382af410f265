import { CaseApi } from './support/case-builder';
import { expectProblem, expectStatus } from './support/http-expect';
import { startTestApp, type TestApp } from './support/test-app';

const STAFF_APP = 'https://staff.example.nl';

const preflight = (t: TestApp, origin: string) =>
  t.http
    .options('/v1/cases')
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'authorization,content-type');

describe('security headers and CORS closed by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends security headers, a CSP that allows nothing and no-store on /v1 answers', async () => {
    const res = await new CaseApi(t, 'admin').get('/v1/workflow');
    expectStatus(res, 200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends no-store on refusals too', async () => {
    const res = await t.http.get('/v1/cases/no-such-case');
    expectProblem(res, 401);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves Swagger UI at /docs with a CSP that lets its own scripts and styles run, and no inline script', async () => {
    const res = await t.http.get('/docs');
    expectStatus(res, 200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    const scripts = res.text.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc=/);
    const init = await t.http.get('/docs/swagger-ui-init.js');
    expectStatus(init, 200);
    expectStatus(await t.http.get('/docs-json'), 200);
  });

  it('gives a cross-origin preflight and request no Access-Control-Allow-Origin', async () => {
    const pre = await preflight(t, STAFF_APP);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-headers']).toBeUndefined();
    const get = await new CaseApi(t, 'admin').get('/v1/workflow').set('Origin', STAFF_APP);
    expectStatus(get, 200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS opened for configured origins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TAFEL_CORS_ORIGINS: `${STAFF_APP},http://localhost:5173` } });
  });
  afterAll(() => t.close());

  it('answers a preflight from a listed origin with what it may send', async () => {
    const res = await preflight(t, STAFF_APP);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(STAFF_APP);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
  });

  it('lets a listed origin read answers, ETag and Retry-After included', async () => {
    const res = await new CaseApi(t, 'admin').get('/v1/workflow').set('Origin', 'http://localhost:5173');
    expectStatus(res, 200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['access-control-expose-headers']).toMatch(/ETag.*Retry-After/);
  });

  it('still refuses any other origin', async () => {
    const res = await preflight(t, 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limit per token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TAFEL_RATE_LIMIT: '5/1m' } });
  });
  afterAll(() => t.close());

  it('refuses the sixth request in a minute with 429 and Retry-After, across routes, until the window ends', async () => {
    const admin = new CaseApi(t, 'admin');
    for (let i = 0; i < 3; i++) expectStatus(await admin.get('/v1/workflow'), 200);
    for (let i = 0; i < 2; i++) expectStatus(await admin.get('/v1/cases'), 200);
    t.clock.advance(15_000);
    const refused = await admin.get('/v1/cases');
    expectProblem(refused, 429);
    expect(refused.headers['retry-after']).toBe('45');
    expect(refused.body).toMatchObject({ title: 'Too Many Requests', code: 'RATE_LIMITED' });

    expectStatus(await new CaseApi(t, 'auditor').get('/v1/workflow'), 200);
    for (let i = 0; i < 8; i++) expectStatus(await t.http.get('/health'), 200);

    t.clock.advance(45_000);
    expectStatus(await admin.get('/v1/workflow'), 200);
  });

  it('counts requests without a valid token by address, so guessing tokens is limited too', async () => {
    t.clock.advance(60_000);
    for (let i = 0; i < 5; i++) {
      expectProblem(await t.http.get('/v1/workflow').set({ Authorization: `Bearer guess-${i}` }), 401);
    }
    expectProblem(await t.http.get('/v1/workflow').set({ Authorization: 'Bearer guess-5' }), 429);
    expectProblem(await t.http.get('/v1/workflow'), 429);
    expectStatus(await new CaseApi(t, 'researcher').get('/v1/workflow'), 200);
  });
});
