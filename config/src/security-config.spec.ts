import { ConfigError, loadConfig } from './tafel-config';

const OIDC = {
  TAFEL_OIDC_ISSUER: 'https://login.example.nl/realms/tafel',
  TAFEL_OIDC_JWKS_URL: 'https://login.example.nl/realms/tafel/certs',
  TAFEL_OIDC_AUDIENCE: 'tafel-admin-api',
};

describe('staff identity and hardening configuration', () => {
  it('has no OIDC, a generous rate limit and closed CORS by default', () => {
    const config = loadConfig({});
    expect(config.oidc).toBeUndefined();
    expect(config.rateLimit).toEqual({ limit: 100_000, windowMs: 60_000 });
    expect(config.corsOrigins).toEqual([]);
  });

  it('takes OIDC from issuer, JWKS URL and audience, the role claim defaulting to tafel_role', () => {
    expect(loadConfig(OIDC).oidc).toEqual({
      issuer: OIDC.TAFEL_OIDC_ISSUER,
      jwksUrl: OIDC.TAFEL_OIDC_JWKS_URL,
      audience: 'tafel-admin-api',
      roleClaim: 'tafel_role',
      regionsClaim: 'tafel_regions',
    });
    expect(loadConfig({ ...OIDC, TAFEL_OIDC_REGIONS_CLAIM: 'org.regions' }).oidc?.regionsClaim).toBe(
      'org.regions',
    );
    expect(loadConfig({ ...OIDC, TAFEL_OIDC_ROLE_CLAIM: 'realm_access.tafel' }).oidc?.roleClaim).toBe(
      'realm_access.tafel',
    );
  });

  it("takes the staff web app's client id and extra scopes, leaving out openid and profile", () => {
    const oidc = loadConfig({
      ...OIDC,
      TAFEL_OIDC_CLIENT_ID: ' tafel-staff-web ',
      TAFEL_OIDC_SCOPE: 'openid  tafel offline_access profile tafel',
    }).oidc;
    expect(oidc).toMatchObject({ clientId: 'tafel-staff-web', extraScope: 'tafel offline_access' });
    expect(loadConfig({ ...OIDC, TAFEL_OIDC_SCOPE: 'openid' }).oidc?.extraScope).toBeUndefined();
    expect(loadConfig(OIDC).oidc?.clientId).toBeUndefined();
  });

  it('accepts plain http for a provider on loopback only', () => {
    const local = { ...OIDC, TAFEL_OIDC_JWKS_URL: 'http://127.0.0.1:8080/jwks' };
    expect(loadConfig(local).oidc?.jwksUrl).toBe('http://127.0.0.1:8080/jwks');
    expect(loadConfig({ ...OIDC, TAFEL_OIDC_ISSUER: 'http://localhost:8080' }).oidc?.issuer).toBe(
      'http://localhost:8080',
    );
    expect(() => loadConfig({ ...OIDC, TAFEL_OIDC_JWKS_URL: 'http://login.example.nl/certs' })).toThrow(
      /^TAFEL_OIDC_JWKS_URL: expected an https URL/,
    );
  });

  it.each([
    [{ TAFEL_OIDC_ISSUER: OIDC.TAFEL_OIDC_ISSUER }, 'TAFEL_OIDC_JWKS_URL'],
    [{ ...OIDC, TAFEL_OIDC_AUDIENCE: '' }, 'TAFEL_OIDC_AUDIENCE'],
    [{ TAFEL_OIDC_ROLE_CLAIM: 'role' }, 'TAFEL_OIDC_ROLE_CLAIM'],
    [{ ...OIDC, TAFEL_OIDC_ISSUER: 'login.example.nl' }, 'TAFEL_OIDC_ISSUER'],
    [{ ...OIDC, TAFEL_OIDC_ROLE_CLAIM: 'a b' }, 'TAFEL_OIDC_ROLE_CLAIM'],
    [{ TAFEL_OIDC_REGIONS_CLAIM: 'regions' }, 'TAFEL_OIDC_REGIONS_CLAIM'],
    [{ ...OIDC, TAFEL_OIDC_REGIONS_CLAIM: 'a..b' }, 'TAFEL_OIDC_REGIONS_CLAIM'],
    [{ TAFEL_OIDC_CLIENT_ID: 'tafel-staff-web' }, 'TAFEL_OIDC_CLIENT_ID'],
    [{ ...OIDC, TAFEL_OIDC_CLIENT_ID: 'tafel staff web' }, 'TAFEL_OIDC_CLIENT_ID'],
    [{ TAFEL_OIDC_SCOPE: 'tafel' }, 'TAFEL_OIDC_SCOPE'],
    [{ ...OIDC, TAFEL_OIDC_SCOPE: 'tafel "quoted"' }, 'TAFEL_OIDC_SCOPE'],
    [{ TAFEL_RATE_LIMIT: 'lots' }, 'TAFEL_RATE_LIMIT'],
    [{ TAFEL_RATE_LIMIT: '0/1m' }, 'TAFEL_RATE_LIMIT'],
    [{ TAFEL_RATE_LIMIT: '600/minute' }, 'TAFEL_RATE_LIMIT'],
    [{ TAFEL_CORS_ORIGINS: '*' }, 'TAFEL_CORS_ORIGINS'],
    [{ TAFEL_CORS_ORIGINS: 'https://staff.example.nl/app' }, 'TAFEL_CORS_ORIGINS'],
  ])('refuses %p and names %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });

  it('reads a rate limit per window, or none with off', () => {
    expect(loadConfig({ TAFEL_RATE_LIMIT: '600/1m' }).rateLimit).toEqual({ limit: 600, windowMs: 60_000 });
    expect(loadConfig({ TAFEL_RATE_LIMIT: '5/10s' }).rateLimit).toEqual({ limit: 5, windowMs: 10_000 });
    expect(loadConfig({ TAFEL_RATE_LIMIT: 'off' }).rateLimit).toBeUndefined();
  });

  it('lists the CORS origins it is given', () => {
    expect(
      loadConfig({ TAFEL_CORS_ORIGINS: 'https://staff.example.nl, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://staff.example.nl', 'http://localhost:5173']);
  });
});
