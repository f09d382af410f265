import { generateKeyPairSync } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './tafel-config';
import { parseDuration } from './duration';

describe('configuration', () => {
  it('gives the embedded defaults of API.md with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      store: 'sqlite',
      mailFrom: 'Eigen Kracht <noreply@localhost>',
      reminderOffsetsMs: [7 * 86_400_000, 86_400_000],
      answerNudgeAfterMs: 5 * 86_400_000,
      followUpAfterMs: 90 * 86_400_000,
      dispatchIntervalMs: 5_000,
      readyMaxLagMs: 60_000,
      worker: true,
      tokensFileIsDefault: true,
    });
    expect(config.sqlitePath).toBe(`${config.dataDir}/tafel.db`);
    expect(config.readSqlitePath).toBe(`${config.dataDir}/tafel-read.db`);
    expect(config.keysSqlitePath).toBe(`${config.dataDir}/tafel-keys.db`);
  });

  it.each([
    ['PORT', 'abc'],
    ['TAFEL_STORE', 'mysql'],
    ['TAFEL_POSTGRES_URL', 'not a url'],
    ['TAFEL_SMTP_URL', 'http://x'],
    ['TAFEL_REMINDER_OFFSETS', '7d,soon'],
    ['TAFEL_ANSWER_NUDGE_AFTER', '5 days'],
    ['TAFEL_FOLLOW_UP_AFTER', '0d'],
    ['TAFEL_DISPATCH_INTERVAL', '5'],
    ['TAFEL_DISPATCH_INTERVAL', '30000d'],
    ['TAFEL_FOLLOW_UP_AFTER', '99999999999999999d'],
    ['TAFEL_REMINDER_OFFSETS', '7d,4000d'],
    ['TAFEL_WORKER', 'maybe'],
    ['TAFEL_READY_MAX_LAG', 'a minute'],
    ['TAFEL_READY_MAX_LAG', '0s'],
    ['TAFEL_MAIL_FROM', 'nobody'],
    ['TAFEL_METRICS_TOKEN', 'too-short-to-be-a-secret'],
    ['TAFEL_METRICS_TOKEN', 'a token of more than thirty-two characters with spaces'],
    ['TAFEL_CHECKPOINT_EVERY', '0'],
    ['TAFEL_CHECKPOINT_EVERY', '1e3'],
    ['TAFEL_CHECKPOINT_INTERVAL', '10'],
    ['TAFEL_RETENTION', '20y'],
    ['TAFEL_RETENTION', '0d'],
    ['TAFEL_RETENTION', '36501d'],
    ['TAFEL_SIGNING_KEY', 'not a key'],
  ])('refuses a bad %s and names it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}:`));
  });

  it('requires a PostgreSQL URL for the postgres store', () => {
    expect(() => loadConfig({ TAFEL_STORE: 'postgres' })).toThrow(/^TAFEL_POSTGRES_URL:/);
  });

  it('keeps read models in SQLite by default, in PostgreSQL with the postgres store or TAFEL_READ_STORE', () => {
    const pg = { TAFEL_POSTGRES_URL: 'postgres://postgres@127.0.0.1:5432/tafel' };
    const esdb = { TAFEL_STORE: 'eventstoredb', TAFEL_EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false' };
    expect(loadConfig({}).readStore).toBe('sqlite');
    expect(loadConfig(esdb).readStore).toBe('sqlite');
    expect(loadConfig({ ...pg, TAFEL_STORE: 'postgres' }).readStore).toBe('postgres');
    expect(loadConfig({ ...esdb, ...pg, TAFEL_READ_STORE: 'postgres' }).readStore).toBe('postgres');
    expect(() => loadConfig({ ...esdb, TAFEL_READ_STORE: 'postgres' })).toThrow(/^TAFEL_POSTGRES_URL:/);
    expect(() => loadConfig({ TAFEL_READ_STORE: 'mysql' })).toThrow(/^TAFEL_READ_STORE:/);
  });

  it('accepts an EventStoreDB cluster connection string and refuses other URLs', () => {
    const esdb = (url: string) => loadConfig({ TAFEL_STORE: 'eventstoredb', TAFEL_EVENTSTORE_URL: url });
    const cluster = 'esdb://es-1:2113,es-2:2113,es-3:2113?tls=false';
    expect(esdb(cluster).eventStoreUrl).toBe(cluster);
    expect(esdb('esdb+discover://cluster.example:2113').eventStoreUrl).toBe(
      'esdb+discover://cluster.example:2113',
    );
    expect(() => esdb('http://es-1:2113')).toThrow(/^TAFEL_EVENTSTORE_URL:/);
    expect(() => esdb('esdb://')).toThrow(/^TAFEL_EVENTSTORE_URL:/);
  });

  it('serves the staff web app from ./dist/staff-web unless TAFEL_STAFF_WEB_DIR says otherwise', () => {
    expect(loadConfig({}).staffWebDir).toBe(resolve('dist/staff-web'));
    expect(loadConfig({ TAFEL_STAFF_WEB_DIR: '/srv/tafel/web' }).staffWebDir).toBe('/srv/tafel/web');
  });

  it('takes a 32-byte base64 master key, else keeps it in a key file, and never repeats a bad one', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ TAFEL_MASTER_KEY: key }).masterKey).toBe(key);
    const embedded = loadConfig({});
    expect(embedded.masterKey).toBeUndefined();
    expect(embedded.masterKeyFile).toBe(`${embedded.dataDir}/master.key`);
    for (const bad of [Buffer.alloc(16).toString('base64'), 'not base64!']) {
      const refuse = () => loadConfig({ TAFEL_MASTER_KEY: bad });
      expect(refuse).toThrow(ConfigError);
      expect(refuse).toThrow(/^TAFEL_MASTER_KEY: expected 32 bytes/);
      expect(refuse).not.toThrow(bad);
    }
  });

  it('keeps case data twenty years after the case ended, or TAFEL_RETENTION', () => {
    expect(loadConfig({}).retentionMs).toBe(7300 * 86_400_000);
    expect(loadConfig({ TAFEL_RETENTION: '9125d' }).retentionMs).toBe(9125 * 86_400_000);
    expect(loadConfig({ TAFEL_RETENTION: '36500d' }).retentionMs).toBe(36_500 * 86_400_000);
  });

  it('signs checkpoints every 1,000 events or 10 minutes, with an Ed25519 key from TAFEL_SIGNING_KEY or a key file', () => {
    const embedded = loadConfig({});
    expect(embedded).toMatchObject({ checkpointEvery: 1000, checkpointIntervalMs: 600_000 });
    expect(embedded.signingKey).toBeUndefined();
    expect(embedded.signingKeyFile).toBe(`${embedded.dataDir}/signing.key`);
    expect(loadConfig({ TAFEL_CHECKPOINT_EVERY: '50', TAFEL_CHECKPOINT_INTERVAL: '1h' })).toMatchObject({
      checkpointEvery: 50,
      checkpointIntervalMs: 3_600_000,
    });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    expect(loadConfig({ TAFEL_SIGNING_KEY: pem }).signingKey).toBe(pem.trim());
    expect(loadConfig({ TAFEL_SIGNING_KEY: der }).signingKey).toBe(der);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const refuse = () =>
      loadConfig({ TAFEL_SIGNING_KEY: rsa.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(refuse).toThrow(/^TAFEL_SIGNING_KEY: expected an Ed25519 key, got rsa$/);
  });

  it('parses every duration unit', () => {
    expect([parseDuration('30s'), parseDuration('15m'), parseDuration('2h'), parseDuration('7d')]).toEqual([
      30_000, 900_000, 7_200_000, 604_800_000,
    ]);
    expect(parseDuration('7w')).toBeUndefined();
  });

  it.each([
    ['TAFEL_POSTGRES_URL', 'postgres://tafel:s3cr#tpw@db.example.nl:5432/tafel', 's3cr#tpw'],
    ['TAFEL_POSTGRES_URL', 'postgres://tafel:p@ssw0rd@db example.nl/tafel', 'p@ssw0rd'],
    ['TAFEL_SMTP_URL', 'smtp://mailer:hunter2secret@mail.example.nl:58x7', 'hunter2secret'],
    ['TAFEL_EVENTSTORE_URL', 'esdb://admin:changeit now@esdb.example.nl:2113', 'changeit now'],
    ['TAFEL_OIDC_JWKS_URL', 'https://client:t0ps3cret@login.example.nl:99999/jwks', 't0ps3cret'],
  ])('refuses an invalid %s without repeating its password', (variable, value, password) => {
    const env = {
      [variable]: value,
      ...(variable.startsWith('TAFEL_OIDC') && {
        TAFEL_OIDC_ISSUER: 'https://login.example.nl',
        TAFEL_OIDC_AUDIENCE: 'tafel',
      }),
    };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^${variable}:`));
    for (const part of [password, ...password.split(/[ @#]/)].filter((p) => p.length > 2))
      expect(message).not.toContain(part);
    // Still says which URL it means: the user and the host.
    expect(message).toContain('***@');
  });

  it('allows plain SMTP on loopback only as itself; elsewhere the URL may not switch TLS off', () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '127.0.0.2']) {
      expect(loadConfig({ TAFEL_SMTP_URL: `smtp://${host}:1025` }).smtpUrl).toBe(`smtp://${host}:1025`);
      expect(loadConfig({ TAFEL_SMTP_URL: `smtp://${host}:1025?ignoreTLS=true` }).smtpUrl).toBeDefined();
    }
    expect(loadConfig({ TAFEL_SMTP_URL: 'smtp://mail.example.nl:587' }).smtpUrl).toBe(
      'smtp://mail.example.nl:587',
    );
    expect(loadConfig({ TAFEL_SMTP_URL: 'smtps://mail.example.nl' }).smtpUrl).toBe('smtps://mail.example.nl');
    for (const query of [
      'ignoreTLS=true',
      'requireTLS=false',
      'secure=false',
      'tls.rejectUnauthorized=false',
    ])
      expect(() => loadConfig({ TAFEL_SMTP_URL: `smtp://mail.example.nl:587?${query}` })).toThrow(
        /^TAFEL_SMTP_URL: mail off this machine goes over TLS/,
      );
  });

  it('takes a metrics token of at least 32 characters, and never repeats a refused one', () => {
    const token = 'x'.repeat(40);
    expect(loadConfig({ TAFEL_METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(() => loadConfig({ TAFEL_METRICS_TOKEN: 'hunter2hunter2' })).toThrow(
      /^TAFEL_METRICS_TOKEN: .*got 14$/,
    );
  });
});
