import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The admin URL of the PostgreSQL server the tests run against: a database to connect to while
 * creating and dropping their own. `TAFEL_TEST_POSTGRES_URL`, by default user postgres on
 * 127.0.0.1:5432 (trust auth).
 */
export const TEST_POSTGRES_URL =
  process.env.TAFEL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of another database on the test server (or `server`), with extra connection parameters if given. */
export function testDatabaseUrl(
  database: string,
  params: Record<string, string> = {},
  server = TEST_POSTGRES_URL,
): string {
  const url = new URL(server);
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
export async function onTestServer(
  sql: string,
  database?: string,
  server = TEST_POSTGRES_URL,
): Promise<void> {
  const connectionString = database ? testDatabaseUrl(database, {}, server) : server;
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
 * Creates a fresh database named `<prefix>_<random>` on the test server (or on `server`, e.g. a
 * private one's URL).
 * @throws Error saying PostgreSQL is not reachable when it cannot connect.
 */
export async function createTestDatabase(prefix: string, server = TEST_POSTGRES_URL): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onTestServer(`CREATE DATABASE ${name}`, undefined, server);
  return {
    name,
    url: testDatabaseUrl(name, {}, server),
    drop: () => onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, undefined, server),
  };
}

/** Where the PostgreSQL server programs are (`initdb`, `pg_ctl`): TAFEL_TEST_POSTGRES_BIN, default Debian's 15. */
const PG_BIN = process.env.TAFEL_TEST_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server of one spec's own, which it may restart and kill without touching anyone else's tests. */
export interface PrivatePostgres {
  /** The admin URL (user postgres, trust, on loopback). */
  url: string;
  /** Restarts it (fast shutdown: every open connection drops) and resolves once it answers again. */
  restart(): Promise<void>;
  /** Stops it and deletes its files. */
  stop(): Promise<void>;
}

function run(command: string, args: string[], asPostgres: boolean): Promise<string> {
  const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return new Promise((resolve, reject) =>
    execFile(file, argv, { timeout: 120_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || String(error)}`))
        : resolve(stdout),
    ),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function answering(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await onTestServer('SELECT 1', undefined, url);
      return;
    } catch (e) {
      if (attempt >= 200) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Starts a PostgreSQL server of the caller's own (initdb in a temporary directory, a free loopback
 * port, trust auth) — for the tests that restart a server: restarting the shared test server would
 * break every other spec running beside them. As root, the server runs as the `postgres` user.
 * @throws Error naming the step that failed (no server programs at TAFEL_TEST_POSTGRES_BIN, …).
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tafel-pg-'));
  if (asPostgres) {
    const [uid, gid] = [
      await run('id', ['-u', 'postgres'], false),
      await run('id', ['-g', 'postgres'], false),
    ];
    chownSync(dir, Number(uid.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await run(
    join(PG_BIN, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    asPostgres,
  );
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
  const pgCtl = (...args: string[]) =>
    run(
      join(PG_BIN, 'pg_ctl'),
      ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, ...args],
      asPostgres,
    );
  await pgCtl('start');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await answering(url);
  return {
    url,
    async restart() {
      await pgCtl('-m', 'fast', 'restart');
      await answering(url);
    },
    async stop() {
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
