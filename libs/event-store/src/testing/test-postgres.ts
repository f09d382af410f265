import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { Client } from 'pg';

/**
 * The admin URL of the PostgreSQL server the tests run against: a database to connect to while
 * creating and dropping their own. `TAFEL_TEST_POSTGRES_URL`, by default user postgres on
 * 127.0.0.1:5432 (trust auth).
 */
export const TEST_POSTGRES_URL =
  process.env.TAFEL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of another database on the test server, with extra connection parameters if given. */
export function testDatabaseUrl(database: string, params: Record<string, string> = {}): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** The URL for messages: without a password. */
function shown(connectionString: string): string {
  const url = new URL(connectionString);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * Runs one statement on the test server, on its admin database unless another is named.
 * @throws Error saying PostgreSQL is not reachable (and how to fix that) when it cannot connect.
 */
export async function onTestServer(sql: string, database?: string): Promise<void> {
  const connectionString = database ? testDatabaseUrl(database) : TEST_POSTGRES_URL;
  const client = new Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${shown(connectionString)}: this spec cannot pass (${String(e)}). ` +
        'Start it, or point TAFEL_TEST_POSTGRES_URL at one (README, "Test it").',
      { cause: e },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database of one spec's own on the test server. */
export interface TestDatabase {
  name: string;
  url: string;
  /** Drops it, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh database named `<prefix>_<random>` on the test server.
 * @throws Error saying PostgreSQL is not reachable when it cannot connect.
 */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onTestServer(`CREATE DATABASE ${name}`);
  return {
    name,
    url: testDatabaseUrl(name),
    drop: () => onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The local cluster the fault tests restart: `TAFEL_TEST_POSTGRES_CLUSTER` ("<version> <name>"), default "15 main". */
const CLUSTER = (process.env.TAFEL_TEST_POSTGRES_CLUSTER ?? '15 main').split(' ');

function pgCtlCluster(action: 'restart' | 'start'): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(
      'pg_ctlcluster',
      ['--skip-systemctl-redirect', ...CLUSTER, action],
      { timeout: 60_000 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`pg_ctlcluster ${action} failed: ${stderr || String(error)}`)) : resolve(),
    ),
  );
}

/**
 * Restarts the local test PostgreSQL (`pg_ctlcluster … restart`, fast shutdown: every open
 * connection is dropped) and resolves once it accepts connections again. Whatever happens, it
 * tries to leave the server running.
 * @throws Error when the cluster cannot be restarted (not a local cluster, not root/postgres).
 */
export async function restartTestPostgres(): Promise<void> {
  try {
    await pgCtlCluster('restart');
  } catch (e) {
    await pgCtlCluster('start').catch(() => undefined);
    throw e;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await onTestServer('SELECT 1');
      return;
    } catch (e) {
      if (attempt >= 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
