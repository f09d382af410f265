import { createPrivateKey } from 'node:crypto';
import { resolve } from 'node:path';
import { parseDuration } from './duration';
import { isLoopbackHost, loadSecurityConfig, redactUrl, type SecurityConfig } from './security-config';

export type { OidcConfig, RateLimit, SecurityConfig } from './security-config';
export { isLoopbackHost, redactUrl } from './security-config';

export type StoreKind = 'sqlite' | 'postgres' | 'eventstoredb';
export type ReadStoreKind = 'sqlite' | 'postgres';

/** Every variable of API.md, parsed and checked; staff identity and hardening in SecurityConfig. */
export interface TafelConfig extends SecurityConfig {
  port: number;
  dataDir: string;
  store: StoreKind;
  /** Where read models, checkpoints and idempotency records live (TAFEL_READ_STORE). */
  readStore: ReadStoreKind;
  sqlitePath: string;
  /** Read models, checkpoints and idempotency records beside the SQLite store, in a file of their own. */
  readSqlitePath: string;
  /** `thread`: the SQLite store commits on a writer thread (default); `inline`: on the main thread. */
  sqliteWriter: 'thread' | 'inline';
  /**
   * Person keys (embedded shape): a file of their own beside the events, so creating a key never
   * waits for the event store's write lock.
   */
  keysSqlitePath: string;
  postgresUrl?: string;
  eventStoreUrl?: string;
  tokensFile: string;
  /** True when TAFEL_TOKENS_FILE was not given: the embedded default may create the file. */
  tokensFileIsDefault: boolean;
  smtpUrl?: string;
  mailFrom: string;
  /** Language of the mail to participants. */
  mailLanguage: 'nl' | 'en';
  reminderOffsetsMs: number[];
  answerNudgeAfterMs: number;
  followUpAfterMs: number;
  dispatchIntervalMs: number;
  /** `/health/ready` is degraded when a projection trails the log by more than this (TAFEL_READY_MAX_LAG). */
  readyMaxLagMs: number;
  worker: boolean;
  /** The master key that wraps the per-person keys (TAFEL_MASTER_KEY, base64 of 32 bytes), if given. */
  masterKey?: string;
  /** Where the embedded shape keeps its master key when TAFEL_MASTER_KEY is not set. */
  masterKeyFile: string;
  /** Base of the participants' answer links (TAFEL_PUBLIC_URL; default http://localhost:<PORT>). */
  publicUrl: string;
  /** The key that signs answer links (TAFEL_LINK_KEY, base64 of 32 bytes), if given. */
  linkKey?: string;
  /** Where the link key is kept when TAFEL_LINK_KEY is not set. */
  linkKeyFile: string;
  /** The organisation's phone number for the mail signature (TAFEL_ORGANISATION_PHONE), if given. */
  organisationPhone?: string;
  /** The Ed25519 key that signs the log's checkpoints (TAFEL_SIGNING_KEY: PKCS#8 PEM or base64 DER), if given. */
  signingKey?: string;
  /** Where the signing key is kept when TAFEL_SIGNING_KEY is not set (created on first start). */
  signingKeyFile: string;
  /** The built staff web app served at `/` (TAFEL_STAFF_WEB_DIR, default ./dist/staff-web). */
  staffWebDir: string;
  /** A signed checkpoint after this many new events (TAFEL_CHECKPOINT_EVERY)… */
  checkpointEvery: number;
  /** …or this long after the last one when anything new came (TAFEL_CHECKPOINT_INTERVAL). */
  checkpointIntervalMs: number;
  /**
   * How long a case's personal data and free text are kept after it ended — closed, declined or
   * withdrawn (TAFEL_RETENTION, default twenty years); then retention destroys their keys.
   */
  retentionMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DAY_MS = 86_400_000;
/** Ten years: longer than any conference schedule, and safely inside a JS date. */
const MAX_SCHEDULE_MS = 3650 * DAY_MS;
/** A timer cannot wait longer than 2^31-1 ms (~24.8 days); Node fires longer ones at once. */
const MAX_TIMER_MS = 24 * DAY_MS;
/** A hundred years: the longest retention term, still far inside a JS date. */
const MAX_RETENTION_MS = 36_500 * DAY_MS;

function duration(env: Env, name: string, fallback: string, max = MAX_SCHEDULE_MS): number {
  const ms = parseDuration(env[name] ?? fallback);
  if (ms === undefined || ms <= 0) {
    throw new ConfigError(name, `expected a duration like 30s, 15m, 2h or 7d, got "${env[name]}"`);
  }
  if (ms > max) throw new ConfigError(name, `at most ${max / DAY_MS}d, got "${env[name]}"`);
  return ms;
}

/** A URL of one of `protocols`; a message never repeats a password it holds. */
function url(env: Env, name: string, protocols: string[]): string | undefined {
  return parseUrl(env, name, protocols)?.value;
}

function parseUrl(env: Env, name: string, protocols: string[]): { value: string; parsed: URL } | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `not a valid URL: "${redactUrl(value)}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got "${parsed.protocol}"`);
  }
  return { value, parsed };
}

/** URL options that would let nodemailer send in clear (or unchecked) where TLS is required. */
const SMTP_TLS_OPTIONS = /^(ignoretls|requiretls|secure|tls)/i;

/**
 * `smtps://` anywhere; `smtp://` anywhere too, but off this machine the transport requires
 * STARTTLS (`requireTLS`), so the URL may not switch TLS off or loosen it.
 */
function smtpUrl(env: Env): string | undefined {
  const given = parseUrl(env, 'TAFEL_SMTP_URL', ['smtp:', 'smtps:']);
  if (!given || isLoopbackHost(given.parsed.hostname)) return given?.value;
  const loosened = [...given.parsed.searchParams.keys()].find((key) => SMTP_TLS_OPTIONS.test(key));
  if (loosened) {
    throw new ConfigError(
      'TAFEL_SMTP_URL',
      `mail off this machine goes over TLS (smtps://, or STARTTLS with smtp://); "${loosened}" is not allowed in the URL`,
    );
  }
  return given.value;
}

/** EventStoreDB connection strings list several `host:port` for a cluster, which `URL` refuses. */
function esdbUrl(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^(esdb|kurrentdb)(\+discover)?:\/\/[^/?,\s]+(:\d+)?(,[^/?,\s]+(:\d+)?)*\/?(\?\S*)?$/.test(value)) {
    throw new ConfigError(
      name,
      `expected esdb://host:port[,host:port...][?options], got "${redactUrl(value)}"`,
    );
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = (env[name] ?? fallback) as T;
  if (!allowed.includes(value))
    throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${value}"`);
  return value;
}

/** A base64 key of exactly 32 bytes; the message never repeats the value. */
function base64Key(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(value.trim()) ? Buffer.from(value.trim(), 'base64').length : 0;
  if (bytes !== 32)
    throw new ConfigError(name, `expected 32 bytes in base64 (openssl rand -base64 32), got ${bytes}`);
  return value.trim();
}

/** A whole number in [min, max]. */
function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name] ?? String(fallback);
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max)
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** An Ed25519 private key, PKCS#8 PEM or base64 of its DER; the message never repeats the value. */
function ed25519Key(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let type: string | undefined;
  try {
    const key = value.includes('-----BEGIN')
      ? createPrivateKey(value)
      : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
    type = key.asymmetricKeyType;
  } catch {
    throw new ConfigError(name, 'expected an Ed25519 private key, PKCS#8 PEM or base64 of its DER');
  }
  if (type !== 'ed25519') throw new ConfigError(name, `expected an Ed25519 key, got ${type}`);
  return value;
}

/** A phone number as people write it: digits, spaces, +, -, ( and ). */
function phone(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!/^\+?[0-9 ()-]{6,30}$/.test(value)) throw new ConfigError(name, `not a phone number: "${value}"`);
  return value;
}

/**
 * Reads the configuration from the environment.
 * @throws ConfigError naming the first variable with a bad value.
 */
export function loadConfig(env: Env = process.env): TafelConfig {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new ConfigError('PORT', `expected 0–65535, got "${portText}"`);

  const dataDir = resolve(env.TAFEL_DATA_DIR || './data');
  const store = oneOf(env, 'TAFEL_STORE', ['sqlite', 'postgres', 'eventstoredb'] as const, 'sqlite');
  const postgresUrl = url(env, 'TAFEL_POSTGRES_URL', ['postgres:', 'postgresql:']);
  const eventStoreUrl = esdbUrl(env, 'TAFEL_EVENTSTORE_URL');
  if (store === 'postgres' && !postgresUrl)
    throw new ConfigError('TAFEL_POSTGRES_URL', 'required when TAFEL_STORE=postgres');
  if (store === 'eventstoredb' && !eventStoreUrl) {
    throw new ConfigError('TAFEL_EVENTSTORE_URL', 'required when TAFEL_STORE=eventstoredb');
  }
  const readStore = oneOf(
    env,
    'TAFEL_READ_STORE',
    ['sqlite', 'postgres'] as const,
    store === 'postgres' ? 'postgres' : 'sqlite',
  );
  if (readStore === 'postgres' && !postgresUrl)
    throw new ConfigError('TAFEL_POSTGRES_URL', 'required when TAFEL_READ_STORE=postgres');
  const sqlitePath = resolve(env.TAFEL_SQLITE_PATH || `${dataDir}/tafel.db`);
  const mailFrom = env.TAFEL_MAIL_FROM ?? 'Eigen Kracht <noreply@localhost>';
  if (!/@/.test(mailFrom)) throw new ConfigError('TAFEL_MAIL_FROM', `not an address: "${mailFrom}"`);

  const offsets = (env.TAFEL_REMINDER_OFFSETS ?? '7d,1d').split(',').map((part) => {
    const ms = parseDuration(part);
    if (ms === undefined || ms <= 0 || ms > MAX_SCHEDULE_MS) {
      throw new ConfigError(
        'TAFEL_REMINDER_OFFSETS',
        `expected durations separated by commas, got "${part}"`,
      );
    }
    return ms;
  });

  return {
    port,
    dataDir,
    store,
    readStore,
    sqlitePath,
    sqliteWriter: oneOf(env, 'TAFEL_SQLITE_WRITER', ['thread', 'inline'] as const, 'thread'),
    readSqlitePath: sqlitePath.replace(/(\.db)?$/, '-read.db'),
    keysSqlitePath: sqlitePath.replace(/(\.db)?$/, '-keys.db'),
    postgresUrl,
    eventStoreUrl,
    tokensFile: resolve(env.TAFEL_TOKENS_FILE || `${dataDir}/tokens.json`),
    tokensFileIsDefault: !env.TAFEL_TOKENS_FILE,
    smtpUrl: smtpUrl(env),
    mailFrom,
    mailLanguage: oneOf(env, 'TAFEL_MAIL_LANGUAGE', ['nl', 'en'] as const, 'nl'),
    reminderOffsetsMs: offsets,
    answerNudgeAfterMs: duration(env, 'TAFEL_ANSWER_NUDGE_AFTER', '5d'),
    followUpAfterMs: duration(env, 'TAFEL_FOLLOW_UP_AFTER', '90d'),
    dispatchIntervalMs: duration(env, 'TAFEL_DISPATCH_INTERVAL', '5s', MAX_TIMER_MS),
    readyMaxLagMs: duration(env, 'TAFEL_READY_MAX_LAG', '60s'),
    worker: oneOf(env, 'TAFEL_WORKER', ['on', 'off'] as const, 'on') === 'on',
    masterKey: base64Key(env, 'TAFEL_MASTER_KEY'),
    masterKeyFile: `${dataDir}/master.key`,
    publicUrl:
      url(env, 'TAFEL_PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, '') ?? `http://localhost:${port}`,
    linkKey: base64Key(env, 'TAFEL_LINK_KEY'),
    linkKeyFile: `${dataDir}/link.key`,
    organisationPhone: phone(env, 'TAFEL_ORGANISATION_PHONE'),
    signingKey: ed25519Key(env, 'TAFEL_SIGNING_KEY'),
    signingKeyFile: `${dataDir}/signing.key`,
    staffWebDir: resolve(env.TAFEL_STAFF_WEB_DIR || './dist/staff-web'),
    checkpointEvery: integer(env, 'TAFEL_CHECKPOINT_EVERY', 1000, 1, 1_000_000_000),
    checkpointIntervalMs: duration(env, 'TAFEL_CHECKPOINT_INTERVAL', '10m'),
    retentionMs: duration(env, 'TAFEL_RETENTION', '7300d', MAX_RETENTION_MS),
    ...loadSecurityConfig(env, (variable, message) => {
      throw new ConfigError(variable, message);
    }),
  };
}
