import type { OidcConfig } from './config';

export interface Session {
  token: string;
  /** The signed-in person's name, when the sign-in told it (OIDC profile). */
  name?: string;
}

/** How staff sign in: with a personal code, or through the organisation's sign-in service. */
export interface SignIn {
  mode: 'token' | 'oidc';
  /** The session kept in this tab, if any. */
  restore(): Promise<Session | null>;
  /** OIDC: goes to the sign-in service (Authorization Code + PKCE). */
  redirect(): Promise<void>;
  /** OIDC: finishes the sign-in on `/aanmelden/terug`. */
  callback(): Promise<Session>;
  /** Token mode: keeps the code in this tab only. */
  keep(token: string): Session;
  forget(): Promise<void>;
}

const TOKEN_KEY = 'tafel.token';

export function tokenSignIn(storage: Storage = sessionStorage): SignIn {
  const unsupported = () => Promise.reject(new Error('OIDC is not configured'));
  return {
    mode: 'token',
    restore: async () => {
      const token = storage.getItem(TOKEN_KEY);
      return token ? { token } : null;
    },
    redirect: unsupported,
    callback: unsupported,
    keep: (token) => {
      storage.setItem(TOKEN_KEY, token);
      return { token };
    },
    forget: async () => storage.removeItem(TOKEN_KEY),
  };
}

/** OIDC with oidc-client-ts, loaded only when configured; the user is kept in sessionStorage. */
export function oidcSignIn(config: OidcConfig): SignIn {
  let manager: Promise<import('oidc-client-ts').UserManager> | undefined;
  const users = () =>
    (manager ??= import('oidc-client-ts').then(
      ({ UserManager, WebStorageStateStore }) =>
        new UserManager({
          authority: config.authority,
          client_id: config.clientId,
          scope: config.scope,
          redirect_uri: `${location.origin}/aanmelden/terug`,
          post_logout_redirect_uri: `${location.origin}/inloggen`,
          response_type: 'code',
          // The resource goes with the authorization request and with the code's exchange for tokens.
          ...(config.resource
            ? { resource: config.resource, extraTokenParams: { resource: config.resource } }
            : {}),
          userStore: new WebStorageStateStore({ store: sessionStorage }),
          stateStore: new WebStorageStateStore({ store: sessionStorage }),
        }),
    ));
  const sessionOf = (user: { access_token: string; profile: { name?: string } }): Session => ({
    token: user.access_token,
    name: user.profile.name,
  });
  return {
    mode: 'oidc',
    restore: async () => {
      const user = await (await users()).getUser();
      return user && !user.expired ? sessionOf(user) : null;
    },
    redirect: async () => (await users()).signinRedirect(),
    callback: async () => sessionOf(await (await users()).signinRedirectCallback()),
    keep: () => {
      throw new Error('OIDC sessions come from the sign-in service');
    },
    forget: async () => (await users()).removeUser(),
  };
}
