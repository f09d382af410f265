// A real OpenID Connect provider (oidc-provider 9, ESM-only) on loopback, for the staff web app's
// sign-in test. Run by test/support/oidc-provider.ts with fork(); it talks over IPC:
//   child → { port }                 listening on 127.0.0.1:<port>, not configured yet
//   parent → { configure: { redirectUri, postLogoutRedirectUri, clientId, audience, accounts } }
//   child → { issuer }               ready
//   parent → { sign: { id, claims } } child → { signed: { id, token } }   (an access token with its own key)
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider, { errors } from 'oidc-provider';

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'tafel-test', alg: 'RS256', use: 'sig' };
let handler = (_req, res) => res.writeHead(503).end('not configured');
const server = createServer((req, res) => handler(req, res));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
process.send({ port: server.address().port });

function configure({ redirectUri, postLogoutRedirectUri, clientId, audience, accounts }) {
  const appOrigin = new URL(redirectUri).origin;
  const account = (id) => accounts[id] && { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount: (_ctx, id) => account(id),
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    // The ID token carries the name too (the app shows who is signed in without calling userinfo).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // The app calls the token endpoint and the key set from its own origin, and only it may.
    clientBasedCORS: (_ctx, origin) => origin === appOrigin,
    ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The app need not send `resource`: every token of this client is for the admin API.
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== audience) throw new errors.InvalidTarget();
          return {
            scope: 'tafel',
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The role (and a region manager's regions) in the access token, as Tafel reads them.
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken') return undefined;
      const { name, tafel_role, tafel_regions } = accounts[token.accountId] ?? {};
      return { name, tafel_role, ...(tafel_regions && { tafel_regions }) };
    },
  });
  provider.on('server_error', (_ctx, e) => console.error('oidc-provider:', e));
  handler = provider.callback();
}

process.on('message', async (message) => {
  if (message.configure) {
    configure(message.configure);
    process.send({ issuer });
  } else if (message.sign) {
    const { id, claims } = message.sign;
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: issuer, iat: now, exp: now + 600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt' })
      .sign(privateKey);
    process.send({ signed: { id, token } });
  }
});
process.on('disconnect', () => process.exit(0));
