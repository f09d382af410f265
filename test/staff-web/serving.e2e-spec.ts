import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectProblem, expectStatus } from '../support/http-expect';
import { startTestApp, type TestApp } from '../support/test-app';

/** A stand-in for what `vite build` writes: index.html, one hashed script, a favicon. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-staff-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="nl"><title>Tafel</title><script type="module" src="/assets/index-AbC123.js"></script><div id="root"></div></html>',
  );
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("tafel")');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

describe('the staff web app served by the admin API', () => {
  let t: TestApp;
  let build: string;

  beforeAll(async () => {
    build = fakeBuild();
    t = await startTestApp({ env: { TAFEL_STAFF_WEB_DIR: build } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(build, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/zaken/nieuw',
    '/zaken/2b4c/tijdlijn',
    '/werkwijze',
    '/dashboard',
    '/inloggen',
    '/aanmelden/terug',
  ])('answers index.html for the app route %s, revalidated, under the app CSP', async (path) => {
    const res = await t.http.get(path);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<div id="root"></div>');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(APP_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });

  it('answers 304 to a browser holding the same index.html', async () => {
    const first = await t.http.get('/');
    const again = await t.http.get('/zaken').set('If-None-Match', first.headers.etag);
    expectStatus(again, 304);
  });

  it('serves hashed assets for a year, immutable, and a missing one as a 404 problem', async () => {
    const res = await t.http.get('/assets/index-AbC123.js');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectProblem(await t.http.get('/assets/index-gone.js'), 404);
    const escape = await t.http.get('/assets/../index.html');
    expectProblem(escape, 403);
    expect(escape.text).not.toContain('id="root"');
  });

  it('serves the top-level favicon', async () => {
    const res = await t.http.get('/favicon.svg');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
  });

  it.each(['/v1/nope', '/v1', '/answer', '/healthz', '/docsx', '/elders', '/zaken.json'])(
    'leaves %s to the API: a 404 problem, never the app',
    async (path) => {
      const res = await t.http.get(path);
      expectProblem(res, 404);
      expect(res.text).not.toContain('id="root"');
    },
  );

  it('keeps the API, answer pages and docs under their own headers', async () => {
    const api = await t.http.get('/v1/workflow').set(t.auth('auditor'));
    expectStatus(api, 200);
    expect(api.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    expect(api.headers['cache-control']).toBe('no-store');
    const health = await t.http.get('/health');
    expectStatus(health, 200);
    expect(health.body).toEqual({ status: 'ok' });
    expect((await t.http.get('/answer/not-a-token')).headers['content-security-policy']).not.toBe(APP_CSP);
    expect((await t.http.get('/docs')).headers['content-security-policy']).toMatch(/unsafe-inline/);
  });

  it('tells the app to sign in with a code when OIDC is not configured', async () => {
    const res = await t.http.get('/staff-web/config.json');
    expectStatus(res, 200);
    expect(res.body).toEqual({ oidc: null });
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});

describe('the staff web app with OIDC configured', () => {
  let t: TestApp;
  const env = {
    TAFEL_OIDC_ISSUER: 'https://login.example.nl/realms/tafel',
    TAFEL_OIDC_JWKS_URL: 'https://login.example.nl/realms/tafel/certs',
    TAFEL_OIDC_AUDIENCE: 'tafel-admin-api',
  };
  afterEach(async () => t?.close());

  it('names the provider, the public client, the scopes and the resource to ask a token for', async () => {
    t = await startTestApp({
      env: {
        ...env,
        TAFEL_OIDC_AUDIENCE: 'urn:tafel:admin-api',
        TAFEL_OIDC_CLIENT_ID: 'tafel-staff-web',
        TAFEL_OIDC_SCOPE: 'tafel',
      },
    });
    expect((await t.http.get('/staff-web/config.json')).body).toEqual({
      oidc: {
        authority: 'https://login.example.nl/realms/tafel',
        clientId: 'tafel-staff-web',
        scope: 'openid profile tafel',
        resource: 'urn:tafel:admin-api',
      },
    });
    const page = await t.http.get('/inloggen');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' https://login.example.nl;");
    expect(page.headers['content-security-policy']).toContain("form-action 'self' https://login.example.nl");
  });

  it('leaves the resource out when the audience is a plain name (Keycloak: the client id)', async () => {
    t = await startTestApp({ env: { ...env, TAFEL_OIDC_CLIENT_ID: 'tafel-staff-web' } });
    expect((await t.http.get('/staff-web/config.json')).body.oidc).toEqual({
      authority: 'https://login.example.nl/realms/tafel',
      clientId: 'tafel-staff-web',
      scope: 'openid profile',
    });
  });

  it('keeps the app on codes when OIDC has no client id for it (bearer tokens still verified)', async () => {
    t = await startTestApp({ env });
    expect((await t.http.get('/staff-web/config.json')).body).toEqual({ oidc: null });
  });
});

describe('the staff web app not built', () => {
  it('still starts, and says in Dutch how to build the app', async () => {
    const t = await startTestApp({ env: { TAFEL_STAFF_WEB_DIR: join(tmpdir(), 'tafel-no-such-build') } });
    try {
      const res = await t.http.get('/zaken/iets');
      expectStatus(res, 503);
      expect(res.text).toContain('De medewerkersapp is nog niet gebouwd');
      expect(res.text).toContain('npm run build');
      expectProblem(await t.http.get('/assets/index.js'), 404);
      expectStatus(await t.http.get('/health'), 200);
    } finally {
      await t.close();
    }
  });
});
