import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { LeaderElection } from './leader-election.port';

/** The advisory-lock key of an election name: the first 8 bytes of its SHA-256, as a signed bigint. */
export function lockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/**
 * Leader election on PostgreSQL: the leader holds a session-level advisory lock on a connection of
 * its own. The lock lives exactly as long as that session, so a leader that dies (process or
 * connection) frees it for the next standby round; a leader that loses its connection learns so from
 * the client's error or from the next round's check, and steps down.
 */
export class PostgresLeaderElection implements LeaderElection {
  private client?: Client;
  private lost: (() => void)[] = [];
  private held = false;

  constructor(
    private readonly connectionString: string,
    private readonly name = 'tafel-worker',
  ) {}

  get leading(): boolean {
    return this.held;
  }

  /** The server process id of the election's connection (tests terminate it). */
  backendPid?: number;

  onLost(listener: () => void): void {
    this.lost.push(listener);
  }

  async campaign(): Promise<boolean> {
    try {
      const client = await this.connection();
      if (this.held) {
        await client.query('SELECT 1');
        return this.held;
      }
      const { rows } = await client.query<{ got: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS got',
        [lockKey(this.name)],
      );
      this.held = rows[0].got;
    } catch {
      this.drop();
    }
    return this.held;
  }

  async resign(): Promise<void> {
    const client = this.client;
    this.held = false;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    this.backendPid = rows[0].pid;
    this.client = client;
    return client;
  }

  /** The session is gone, and the lock with it. */
  private drop(client = this.client): void {
    if (client !== this.client && client !== undefined) return;
    const wasLeading = this.held;
    this.held = false;
    this.client = undefined;
    void client?.end().catch(() => undefined);
    if (wasLeading) this.lost.forEach((l) => l());
  }
}
