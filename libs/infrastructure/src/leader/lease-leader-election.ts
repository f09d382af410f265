import type { SqlDb } from '@app/kernel';
import { randomUUID } from 'node:crypto';
import type { Clock } from '@app/config';
import type { LeaderElection } from './leader-election.port';

const TABLE = `CREATE TABLE IF NOT EXISTS tafel_leader_leases (
  name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)`;

/** Takes the lease if it is free, expired or already ours, in one statement (atomic in SQLite and PostgreSQL). */
const TAKE = `INSERT INTO tafel_leader_leases (name, holder, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE tafel_leader_leases.holder = excluded.holder OR tafel_leader_leases.expires_at <= ?`;

/**
 * Leader election by lease, for processes that share the SQLite read database: the leader renews a
 * row with an expiry (time from the injected clock) each round; a standby takes it once it expired.
 * A leader whose renewal finds another holder has lost the post. Rounds must come well within the
 * lease (the worker runs one every few seconds against a lease of `leaseMs`).
 */
export class LeaseLeaderElection implements LeaderElection {
  readonly holder = randomUUID();
  private held = false;
  private ready?: Promise<void>;
  private lost: (() => void)[] = [];
  private opened?: SqlDb;

  /** `db`: a database to use, or a function that opens one the election owns (and closes on `resign`). */
  constructor(
    private readonly db: SqlDb | (() => SqlDb),
    private readonly clock: Clock,
    private readonly leaseMs = 30_000,
    private readonly name = 'tafel-worker',
  ) {}

  get leading(): boolean {
    return this.held;
  }

  onLost(listener: () => void): void {
    this.lost.push(listener);
  }

  async campaign(): Promise<boolean> {
    const wasLeading = this.held;
    try {
      const db = this.database();
      await (this.ready ??= db.run(TABLE));
      const now = this.clock.now().getTime();
      await db.run(TAKE, [this.name, this.holder, now + this.leaseMs, now]);
      const rows = await db.all<{ holder: string }>('SELECT holder FROM tafel_leader_leases WHERE name = ?', [
        this.name,
      ]);
      this.held = rows[0]?.holder === this.holder;
    } catch {
      this.held = false;
    }
    if (wasLeading && !this.held) this.lost.forEach((l) => l());
    return this.held;
  }

  async resign(): Promise<void> {
    if (this.held) {
      this.held = false;
      await this.database()
        .run('DELETE FROM tafel_leader_leases WHERE name = ? AND holder = ?', [this.name, this.holder])
        .catch(() => undefined);
    }
    const opened = this.opened;
    this.opened = undefined;
    this.ready = undefined;
    await opened?.close();
  }

  private database(): SqlDb {
    if (typeof this.db !== 'function') return this.db;
    return (this.opened ??= this.db());
  }
}
