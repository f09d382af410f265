import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface OidcAccount {
  name: string;
  tafel_role: string;
  tafel_regions?: string[];
}

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>`: the issuer, also the base of its pages and endpoints. */
  issuer: string;
  jwksUrl: string;
  /** The env that points the admin API at this provider (issuer, JWKS, audience, client id). */
  env: Record<string, string>;
  /** Registers the staff web app at `appOrigin` (its `/aanmelden/terug`) as the public client; then the provider answers. */
  allow(appOrigin: string): Promise<void>;
  /** An access token signed with the provider's own key: `claims` on top of `iss`, `iat`, `exp`. */
  sign(claims: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export interface TestOidcProviderOptions {
  audience: string;
  clientId?: string;
  /** By login name (the `sub`): what the dev login page accepts. */
  accounts: Record<string, OidcAccount>;
}

type Message = { port?: number; issuer?: string; signed?: { id: number; token: string } };

/**
 * oidc-provider 9 (ESM-only, so in a child process of plain node) on a free loopback port: one public
 * client with PKCE, the dev login and consent pages, JWT access tokens for `audience` carrying
 * `tafel_role` (and `tafel_regions`).
 */
export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const child = fork(join(__dirname, 'oidc-provider.child.mjs'), [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Its warnings (Node 20, the in-memory adapter, dev interactions) are what a test rig is.
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8').on('data', (text: string) => {
      const rest = text.split('\n').filter((line) => line && !/^oidc-provider (WARNING|NOTICE):/.test(line));
      if (rest.length) process.stderr.write(`${rest.join('\n')}\n`);
    });
  }
  const next = <K extends keyof Message>(key: K) =>
    new Promise<NonNullable<Message[K]>>((resolve, reject) => {
      const onMessage = (m: Message) => {
        if (m[key] === undefined) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m[key] as NonNullable<Message[K]>);
      };
      const onExit = (code: number | null) => reject(new Error(`the OIDC provider exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const issuer = `http://127.0.0.1:${await next('port')}`;
  const clientId = options.clientId ?? 'tafel-staff-web';
  let signed = 0;
  return {
    issuer,
    async allow(appOrigin) {
      const ready = next('issuer');
      child.send({
        configure: {
          redirectUri: `${appOrigin}/aanmelden/terug`,
          postLogoutRedirectUri: `${appOrigin}/inloggen`,
          clientId,
          audience: options.audience,
          accounts: options.accounts,
        },
      });
      await ready;
    },
    jwksUrl: `${issuer}/jwks`,
    env: {
      TAFEL_OIDC_ISSUER: issuer,
      TAFEL_OIDC_JWKS_URL: `${issuer}/jwks`,
      TAFEL_OIDC_AUDIENCE: options.audience,
      TAFEL_OIDC_CLIENT_ID: clientId,
    },
    async sign(claims) {
      const id = ++signed;
      const answer = next('signed');
      child.send({ sign: { id, claims } });
      return (await answer).token;
    },
    close: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}
