import { isIP } from 'node:net';
import { parseDuration } from './duration';

/** Staff identity from an OpenID Connect provider: JWT bearer tokens checked against its JWKS. */
export interface OidcConfig {
  issuer: string;
  jwksUrl: string;
  audience: string;
  /** Claim holding one of the five roles; a dotted path reaches into nested claims. */
  roleClaim: string;
  /** Claim holding a region manager's regions (a list of strings); a dotted path as the role claim. */
  regionsClaim: string;
  /** The staff web app's public client id at the provider (TAFEL_OIDC_CLIENT_ID); absent: the app signs in with a token only. */
  clientId?: string;
  /** Scopes the staff web app asks for besides `openid profile` (TAFEL_OIDC_SCOPE), space-separated. */
  extraScope?: string;
}

/** At most `limit` requests per token (or per IP without one) in each window of `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface SecurityConfig {
  /** Absent: only the hashed static tokens. */
  oidc?: OidcConfig;
  /** Absent: TAFEL_RATE_LIMIT=off. */
  rateLimit?: RateLimit;
  /** Origins allowed to call the API from a browser; empty: CORS closed. */
  corsOrigins: string[];
  /** The bearer token a Prometheus scraper sends to `GET /metrics` (TAFEL_METRICS_TOKEN); absent: no /metrics. */
  metricsToken?: string;
}

type Env = Record<string, string | undefined>;
type Refuse = (variable: string, message: string) => never;

export const DEFAULT_RATE_LIMIT = '100000/1m';

const OIDC_VARIABLES = ['TAFEL_OIDC_ISSUER', 'TAFEL_OIDC_JWKS_URL', 'TAFEL_OIDC_AUDIENCE'] as const;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** This machine: `localhost`, 127.0.0.0/8 or ::1 (a URL's `hostname`, with or without brackets). */
export const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK.has(hostname.toLowerCase()) || (isIP(hostname) === 4 && hostname.startsWith('127.'));

/**
 * A URL as it may appear in a message: whatever stands between the user name and the host (a
 * password, or a mistyped one holding `@`) replaced by `***`.
 */
export const redactUrl = (value: string): string => value.replace(/^([^:/?#]*:\/*[^:@/?#]*):.*@/, '$1:***@');

/** https anywhere; plain http only to this machine (a provider in a test or beside the app). */
function providerUrl(env: Env, name: string, refuse: Refuse): string {
  const value = env[name] as string;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse(name, `not a valid URL: "${redactUrl(value)}"`);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    refuse(name, `expected an https URL (http only on loopback), got "${redactUrl(value)}"`);
  }
  return value;
}

/** A claim name, or a dotted path into nested claims. */
function claimPath(env: Env, name: string, fallback: string, refuse: Refuse): string {
  const path = env[name] || fallback;
  if (!/^[A-Za-z0-9_:\-/]+(\.[A-Za-z0-9_:\-/]+)*$/.test(path)) {
    refuse(name, `expected a claim name or dotted path, got "${path}"`);
  }
  return path;
}

function oidc(env: Env, refuse: Refuse): OidcConfig | undefined {
  const given = OIDC_VARIABLES.filter((name) => env[name]);
  if (given.length === 0) {
    if (env.TAFEL_OIDC_ROLE_CLAIM) refuse('TAFEL_OIDC_ROLE_CLAIM', 'set without TAFEL_OIDC_ISSUER');
    if (env.TAFEL_OIDC_REGIONS_CLAIM) refuse('TAFEL_OIDC_REGIONS_CLAIM', 'set without TAFEL_OIDC_ISSUER');
    if (env.TAFEL_OIDC_CLIENT_ID) refuse('TAFEL_OIDC_CLIENT_ID', 'set without TAFEL_OIDC_ISSUER');
    if (env.TAFEL_OIDC_SCOPE) refuse('TAFEL_OIDC_SCOPE', 'set without TAFEL_OIDC_ISSUER');
    return undefined;
  }
  const missing = OIDC_VARIABLES.find((name) => !env[name]);
  if (missing)
    refuse(missing, `required with ${given.join(', ')} (OIDC needs issuer, JWKS URL and audience)`);
  const roleClaim = claimPath(env, 'TAFEL_OIDC_ROLE_CLAIM', 'tafel_role', refuse);
  const regionsClaim = claimPath(env, 'TAFEL_OIDC_REGIONS_CLAIM', 'tafel_regions', refuse);
  return {
    issuer: providerUrl(env, 'TAFEL_OIDC_ISSUER', refuse),
    jwksUrl: providerUrl(env, 'TAFEL_OIDC_JWKS_URL', refuse),
    audience: (env.TAFEL_OIDC_AUDIENCE as string).trim(),
    roleClaim,
    regionsClaim,
    clientId: clientId(env, refuse),
    extraScope: extraScope(env, refuse),
  };
}

/** A client id as providers make them: printable, no spaces (a UUID, `tafel-staff-web`, …). */
function clientId(env: Env, refuse: Refuse): string | undefined {
  const value = env.TAFEL_OIDC_CLIENT_ID?.trim();
  if (!value) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value))
    refuse('TAFEL_OIDC_CLIENT_ID', `expected a client id without spaces, got "${value}"`);
  return value;
}

/** Scope tokens (RFC 6749 §3.3) separated by spaces; `openid` and `profile` are asked for anyway. */
function extraScope(env: Env, refuse: Refuse): string | undefined {
  const words = env.TAFEL_OIDC_SCOPE?.trim().split(/\s+/).filter(Boolean) ?? [];
  const bad = words.find((word) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(word));
  if (bad !== undefined) refuse('TAFEL_OIDC_SCOPE', `not a scope: "${bad}"`);
  const extra = words.filter((word) => word !== 'openid' && word !== 'profile');
  return extra.length ? [...new Set(extra)].join(' ') : undefined;
}

function rateLimit(env: Env, refuse: Refuse): RateLimit | undefined {
  const text = env.TAFEL_RATE_LIMIT || DEFAULT_RATE_LIMIT;
  if (text === 'off') return undefined;
  const match = /^(\d+)\/(\S+)$/.exec(text);
  const windowMs = match ? parseDuration(match[2]) : undefined;
  if (!match || Number(match[1]) < 1 || !windowMs) {
    return refuse('TAFEL_RATE_LIMIT', `expected <requests>/<duration> like 600/1m, or off; got "${text}"`);
  }
  return { limit: Number(match[1]), windowMs };
}

function corsOrigins(env: Env, refuse: Refuse): string[] {
  const text = env.TAFEL_CORS_ORIGINS?.trim();
  if (!text) return [];
  return text.split(',').map((part) => {
    const origin = part.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // refused below
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      refuse(
        'TAFEL_CORS_ORIGINS',
        `expected origins like https://staff.example.nl separated by commas, got "${origin}"`,
      );
    }
    return origin;
  });
}

const MIN_METRICS_TOKEN = 32;

/** Long enough not to be guessed; the message never repeats it. */
function metricsToken(env: Env, refuse: Refuse): string | undefined {
  const token = env.TAFEL_METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < MIN_METRICS_TOKEN || !/^[\x21-\x7e]+$/.test(token)) {
    refuse(
      'TAFEL_METRICS_TOKEN',
      `expected at least ${MIN_METRICS_TOKEN} printable characters without spaces (openssl rand -base64 32), got ${token.length}`,
    );
  }
  return token;
}

/**
 * Staff identity and hardening settings: OIDC, rate limit, CORS, the metrics token.
 * @throws whatever `refuse` throws, naming the first variable with a bad value.
 */
export function loadSecurityConfig(env: Env, refuse: Refuse): SecurityConfig {
  return {
    oidc: oidc(env, refuse),
    rateLimit: rateLimit(env, refuse),
    corsOrigins: corsOrigins(env, refuse),
    metricsToken: metricsToken(env, refuse),
  };
}
