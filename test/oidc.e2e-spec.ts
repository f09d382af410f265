import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { buildCase, CaseApi, requestBody } from './support/case-builder';
import { expectProblem, expectStatus } from './support/http-expect';
import { startTestApp, TEST_ACTORS, type TestApp } from './support/test-app';

const ISSUER = 'https://login.example.nl/realms/tafel';
const AUDIENCE = 'tafel-admin-api';
const MINUTE = 60_000;

/** An identity provider's key endpoint on loopback: the test signs tokens, the app fetches keys here. */
async function serveJwks(keys: object[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url !== '/jwks') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, server };
}

const oidcEnv = (jwksUrl: string) => ({
  TAFEL_OIDC_ISSUER: ISSUER,
  TAFEL_OIDC_JWKS_URL: jwksUrl,
  TAFEL_OIDC_AUDIENCE: AUDIENCE,
});

describe('staff identity from OIDC bearer tokens', () => {
  let t: TestApp;
  let jwks: Server;
  let key: CryptoKey;
  let rogue: CryptoKey;

  /** A token as the provider would issue it at the test clock's now, valid for five minutes. */
  const token = (
    claims: JWTPayload,
    options: { kid?: string; signWith?: CryptoKey; lifetimeMs?: number; typ?: string } = {},
  ) => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    return new SignJWT({
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now,
      exp: now + (options.lifetimeMs ?? 5 * MINUTE) / 1000,
      ...claims,
    })
      .setProtectedHeader({
        alg: 'ES256',
        kid: options.kid ?? 'k1',
        ...(options.typ !== undefined && { typ: options.typ }),
      })
      .sign(options.signWith ?? key);
  };
  const bearer = async (claims: JWTPayload, options?: Parameters<typeof token>[1]) => ({
    Authorization: `Bearer ${await token(claims, options)}`,
  });
  const admin = { sub: 'u-4711', name: 'Mirjam de Vries', tafel_role: 'admin' };

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    rogue = (await generateKeyPair('ES256')).privateKey;
    const served = await serveJwks([
      { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' },
    ]);
    jwks = served.server;
    t = await startTestApp({ env: oidcEnv(served.url) });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('accepts a valid token and records the actor it names on the event', async () => {
    const res = await t.http
      .post('/v1/cases')
      .set(await bearer(admin))
      .send(requestBody());
    expectStatus(res, 201);
    const history = await new CaseApi(t, 'auditor').get(`/v1/cases/${res.body.id}/history`);
    expect(history.body.events[0].actor).toMatchObject({ id: 'u-4711', role: 'admin' });
  });

  it("takes a coordinator's sub as their coordinatorId", async () => {
    const mine = await buildCase(t, 'preparing', { coordinatorId: 'u-0815' });
    const other = await buildCase(t, 'preparing', { coordinatorId: TEST_ACTORS.coordinator.id });
    const coordinator = await bearer({
      sub: 'u-0815',
      preferred_username: 'jbakker',
      tafel_role: 'coordinator',
    });
    expectStatus(await t.http.get(`/v1/cases/${mine.id}`).set(coordinator), 200);
    expectProblem(await t.http.get(`/v1/cases/${other.id}`).set(coordinator), 403);
  });

  it("scopes a region manager to the regions claim, and ignores another role's", async () => {
    const north = await buildCase(t, 'requested', { region: 'Noord-Holland' });
    const south = await buildCase(t, 'requested', { region: 'Limburg' });
    const manager = { sub: 'u-0042', tafel_role: 'region-manager' };
    const scoped = await bearer({ ...manager, tafel_regions: ['Noord-Holland'] });
    expectStatus(await t.http.get(`/v1/cases/${north.id}`).set(scoped), 200);
    expectProblem(await t.http.get(`/v1/cases/${south.id}`).set(scoped), 403);
    const one = await bearer({ ...manager, tafel_regions: 'Limburg' });
    expectStatus(await t.http.get(`/v1/cases/${south.id}`).set(one), 200);
    expectProblem(await t.http.get(`/v1/cases/${north.id}`).set(one), 403);
    const unscoped = await bearer(manager);
    expectStatus(await t.http.get(`/v1/cases/${south.id}`).set(unscoped), 200);
    const scopedAdmin = await bearer({ ...admin, tafel_regions: ['Noord-Holland'] });
    expectStatus(await t.http.get(`/v1/cases/${south.id}`).set(scopedAdmin), 200);
    const bad = await t.http
      .get(`/v1/cases/${north.id}`)
      .set(await bearer({ ...manager, tafel_regions: [42] }));
    expectProblem(bad, 403);
    expect(bad.body.detail).toMatch(/tafel_regions is not a list of region names/);
  });

  it('keeps accepting the static tokens beside OIDC', async () => {
    expectStatus(await new CaseApi(t, 'auditor').get('/v1/workflow'), 200);
  });

  it('refuses a token once it has expired by the clock, and one not yet valid', async () => {
    const soon = await bearer(admin, { lifetimeMs: 5 * MINUTE });
    expectStatus(await t.http.get('/v1/workflow').set(soon), 200);
    t.clock.advance(6 * MINUTE);
    expectRefused(await t.http.get('/v1/workflow').set(soon));
    const nbf = Math.floor(t.clock.now().getTime() / 1000) + 600;
    expectRefused(await t.http.get('/v1/workflow').set(await bearer({ ...admin, nbf })));
  });

  it.each<[string, JWTPayload, { kid?: string; forged?: boolean }]>([
    ['another issuer', { iss: 'https://login.example.org/realms/tafel' }, {}],
    ['another audience', { aud: 'some-other-api' }, {}],
    ['a key the JWKS does not hold', {}, { kid: 'k2' }],
    ["a forged signature under the provider's key id", {}, { forged: true }],
    ['no subject', { sub: undefined }, {}],
    ['no expiry (it would be good for ever)', { exp: undefined }, {}],
  ])('refuses a token from %s with 401 and a detail that does not say why', async (_, claims, options) => {
    const signWith = options.forged ? rogue : undefined;
    const res = await t.http
      .get('/v1/workflow')
      .set(await bearer({ ...admin, ...claims }, { kid: options.kid, signWith }));
    expectRefused(res);
  });

  it.each(['at+jwt', 'application/at+jwt', 'JWT'])(
    'accepts an access token whose typ header is %s',
    async (typ) => {
      expectStatus(await t.http.get('/v1/workflow').set(await bearer(admin, { typ })), 200);
    },
  );

  it.each<[string, string | undefined, JWTPayload]>([
    ['typ header id_token+jwt', 'id_token+jwt', {}],
    ['typ header dpop+jwt', 'dpop+jwt', {}],
    ["an ID token's typ claim (Keycloak)", 'JWT', { typ: 'ID' }],
  ])('refuses an ID token or another kind of JWT used as an access token: %s', async (_, typ, claims) => {
    expectRefused(await t.http.get('/v1/workflow').set(await bearer({ ...admin, ...claims }, { typ })));
  });

  it('refuses a token signed with a shared secret (HS256), whatever it claims', async () => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const hs = await new SignJWT({ ...admin, iss: ISSUER, aud: AUDIENCE, exp: now + 300 })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
    expectRefused(await t.http.get('/v1/workflow').set({ Authorization: `Bearer ${hs}` }));
  });

  it.each([
    ['no role claim', { tafel_role: undefined }],
    ['an unknown role', { tafel_role: 'boss' }],
    ['the participant role (answer links only, never a claim)', { tafel_role: 'participant' }],
    ['two roles at once', { tafel_role: ['admin', 'auditor'] }],
  ])('refuses a valid token with %s with 403', async (_, claims) => {
    const res = await t.http.get('/v1/workflow').set(await bearer({ ...admin, ...claims }));
    expectProblem(res, 403);
    expect(res.body.detail).toMatch(/no Tafel role/);
  });
});

function expectRefused(res: Parameters<typeof expectProblem>[0]): void {
  expectProblem(res, 401);
  expect(res.body.detail).toBe('The token is not valid.');
}

describe('OIDC with the provider unreachable', () => {
  it('answers 503 instead of calling a good token bad', async () => {
    const { url, server } = await serveJwks([]);
    await new Promise((resolve) => server.close(resolve));
    const t = await startTestApp({ env: oidcEnv(url) });
    try {
      const { privateKey } = await generateKeyPair('ES256');
      const jwt = await new SignJWT({ sub: 'u-1', tafel_role: 'admin', iss: ISSUER, aud: AUDIENCE })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .sign(privateKey);
      expectProblem(await t.http.get('/v1/workflow').set({ Authorization: `Bearer ${jwt}` }), 503);
    } finally {
      await t.close();
    }
  });
});
