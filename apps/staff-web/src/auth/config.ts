export interface OidcConfig {
  authority: string;
  clientId: string;
  scope: string;
  /** RFC 8707: the API the access token is for (some providers issue a JWT only with it). */
  resource?: string;
}

/** What the server tells the app at `/staff-web/config.json`. */
export interface AppConfig {
  oidc: OidcConfig | null;
}

/** The runtime configuration; without one (or when it cannot be read) staff sign in with a code. */
export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  try {
    const response = await fetchImpl('/staff-web/config.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) return { oidc: null };
    const body = (await response.json()) as Partial<AppConfig>;
    return { oidc: body.oidc ?? null };
  } catch {
    return { oidc: null };
  }
}
