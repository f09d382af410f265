import { GuardFailed, type SqlDb, type SqlStatement, type SqlTx } from '@app/kernel';
import type { Clock } from '@app/config';
import { newKey, unwrapKey, wrapKey } from './field-crypto';
import type { CaseLink, PersonKeyStore, PersonStatus, RewrapOptions } from './key-store.port';
import { MasterKeyRefused } from './privacy-errors';

const CHECK_ID = '$check';
/** The row (beside the check value) that counts erasures: every process's cache follows it. */
const ERASURES_ID = '$erasures';
/** How a refusal names the master key a running process holds. */
const RUNNING = 'the key this process started with';
const CHUNK = 400;
const CACHE_LIMIT = 50_000;
/** How many live keys start-up unwraps besides the check value. */
export const START_SAMPLE = 20;

/** Creates the key store's tables (idempotent). */
export async function createKeySchema(db: SqlDb): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_person_keys (
    person_id TEXT PRIMARY KEY,
    wrapped_key TEXT,
    created_at TEXT NOT NULL,
    erased_at TEXT
  )`);
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_person_cases (
    case_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (case_id, person_id)
  )`);
  await db.run(`CREATE INDEX IF NOT EXISTS tafel_person_cases_person ON tafel_person_cases (person_id)`);
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_key_check (id TEXT PRIMARY KEY, check_value TEXT NOT NULL)`);
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The key store in SQL (SQLite beside the events, or PostgreSQL), over the `SqlDb` port. */
export class SqlKeyStore implements PersonKeyStore {
  /**
   * Unwrapped keys by person (`null`: erased), valid while the store's epoch (see `fresh`) stays the
   * one they were read in. Bounded: emptied when full.
   */
  private readonly unwrapped = new Map<string, Buffer | null>();
  private epoch?: string;
  /** The epoch read in flight, and the one queued after it (shared by the lookups that wait for it). */
  private reading?: Promise<void>;
  private next?: Promise<void>;
  /** SQLite's data version when the last epoch read began (see `fresh`). */
  private readAtVersion?: number;
  /** Key and link rows waiting for the next shared commit (one fsync for all that arrive together). */
  private queued: { rows: SqlStatement[]; done: () => void; failed: (e: unknown) => void }[] = [];
  /** The links known to be stored (`case|person`): linking them again writes nothing. Bounded. */
  private readonly linked = new Set<string>();

  private constructor(
    private readonly db: SqlDb,
    private master: Buffer,
    private readonly clock: Clock,
    /** The stored check value as this process knows it: a new key is only written while it holds. */
    private checkValue: string,
  ) {}

  /**
   * Opens the key store and proves the master key against the stored check value (or, on a fresh
   * store, records one) and against a random sample of up to START_SAMPLE live keys: a check value
   * that fits while the keys were wrapped under another master key (a half-restored backup, keys
   * copied between stores) is refused too. The database is closed again when the key is refused.
   * @throws MasterKeyRefused (naming the key's source, never a person)
   */
  static async open(db: SqlDb, master: Buffer, clock: Clock, source: string): Promise<SqlKeyStore> {
    try {
      await createKeySchema(db);
      const rows = await db.all<{ check_value: string }>(
        'SELECT check_value FROM tafel_key_check WHERE id = ?',
        [CHECK_ID],
      );
      if (rows[0]) {
        if (!opens(rows[0].check_value, CHECK_ID, master)) throw new MasterKeyRefused(source);
        const sample = await db.all<{ person_id: string; wrapped_key: string }>(
          `SELECT person_id, wrapped_key FROM tafel_person_keys WHERE wrapped_key IS NOT NULL
           ORDER BY RANDOM() LIMIT ${START_SAMPLE}`,
        );
        if (!sample.every((r) => opens(r.wrapped_key, r.person_id, master)))
          throw new MasterKeyRefused(source);
      } else {
        const some = await db.all<{ person_id: string; wrapped_key: string }>(
          'SELECT person_id, wrapped_key FROM tafel_person_keys WHERE wrapped_key IS NOT NULL LIMIT 1',
        );
        if (some[0] && !opens(some[0].wrapped_key, some[0].person_id, master))
          throw new MasterKeyRefused(source);
        await db.run(
          `INSERT INTO tafel_key_check (id, check_value) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`,
          [CHECK_ID, wrapKey(Buffer.alloc(32), CHECK_ID, master)],
        );
      }
      const [check] = await db.all<{ check_value: string }>(
        'SELECT check_value FROM tafel_key_check WHERE id = ?',
        [CHECK_ID],
      );
      return new SqlKeyStore(db, master, clock, check.check_value);
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
  }

  async keysOf(personIds: Iterable<string>, options: { create?: boolean } = {}) {
    const ids = [...new Set(personIds)];
    const keys = new Map<string, Buffer | null>();
    if (ids.length === 0) return keys;
    await this.fresh();
    const unknown = ids.filter((id) => !this.unwrapped.has(id));
    let rows = unknown.length > 0 ? await this.select(unknown) : new Map<string, string | null>();
    if (options.create && rows.size < unknown.length) {
      const missing = unknown.filter((id) => !rows.has(id));
      const now = this.clock.now().toISOString();
      await this.write(
        missing.map((id) => ({
          sql: `INSERT INTO tafel_person_keys (person_id, wrapped_key, created_at) VALUES (?, ?, ?)
             ON CONFLICT (person_id) DO NOTHING`,
          params: [id, wrapKey(newKey(), id, this.master), now],
        })),
      );
      rows = new Map([...rows, ...(await this.select(missing))]); // another process may have won
    }
    for (const id of ids)
      keys.set(id, this.unwrapped.get(id) ?? this.unwrap(id, rows.get(id), options.create === true));
    return keys;
  }

  /**
   * Empties the cache when the store's epoch moved: the check value (a master key rotation, in any
   * process) and the erasure count (`erase`, in any process, bumps it in the transaction that
   * destroys the key). One row read instead of one per person: a process never uses a key another
   * process erased, from the moment that erasure committed.
   *
   * Lookups that arrive while a read is in flight share the next read, which starts after it: one
   * read serves many steps under load, and each still sees every erasure committed before it asked.
   */
  private fresh(): Promise<void> {
    // SQLite: nobody else committed since the last epoch read began, so the epoch cannot have moved.
    const version = this.db.dataVersion?.();
    if (version !== undefined && version === this.readAtVersion && !this.reading && !this.next)
      return Promise.resolve();
    // A read in flight may have started before this lookup asked: share the one queued after it.
    if (this.next) return this.next;
    const read: Promise<void> = (this.reading ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        this.next = undefined; // in flight from here: later lookups queue another
        this.reading = read;
        return this.readEpoch();
      })
      .finally(() => {
        if (this.reading === read) this.reading = undefined;
      });
    this.next = read;
    return read;
  }

  private async readEpoch(): Promise<void> {
    const version = this.db.dataVersion?.();
    const rows = await this.db.all<{ check_value: string }>(
      'SELECT check_value FROM tafel_key_check WHERE id IN (?, ?) ORDER BY id',
      [CHECK_ID, ERASURES_ID],
    );
    const epoch = rows.map((r) => r.check_value).join('|');
    this.readAtVersion = version;
    if (epoch === this.epoch) return;
    this.unwrapped.clear();
    this.epoch = epoch;
  }

  private async select(ids: string[]): Promise<Map<string, string | null>> {
    const rows = new Map<string, string | null>();
    for (const part of chunks(ids)) {
      const found = await this.db.all<{ person_id: string; wrapped_key: string | null }>(
        `SELECT person_id, wrapped_key FROM tafel_person_keys WHERE person_id IN (${marks(part.length)})`,
        part,
      );
      for (const r of found) rows.set(r.person_id, r.wrapped_key);
    }
    return rows;
  }

  /**
   * The key of a row (`undefined`: no row; `null`: a tombstone, kept in the cache since an erasure is
   * for good). A row that does not open (moved, spoilt) reads as no key, except when sealing
   * (`strict`): then it means this process's master key is not the one the store holds (rotated
   * under it), and sealing must stop rather than store `ERASED` for good.
   */
  private unwrap(personId: string, wrapped: string | null | undefined, strict = false): Buffer | null {
    if (wrapped === undefined) return null;
    let key: Buffer | null = null;
    if (wrapped !== null) {
      try {
        key = unwrapKey(wrapped, personId, this.master);
      } catch {
        if (strict) throw new MasterKeyRefused(RUNNING);
        return null;
      }
    }
    if (this.unwrapped.size >= CACHE_LIMIT) this.unwrapped.clear();
    this.unwrapped.set(personId, key);
    return key;
  }

  /**
   * Group commit for new keys and links: rows that arrive together share one transaction (on the
   * database's writer thread, for SQLite), and each caller goes on only once it is durable. The
   * master key may have been rotated under this process, and a key wrapped under the old one would
   * never open again: the commit's guard is the check value this process knows.
   */
  private write(rows: SqlStatement[]): Promise<void> {
    return new Promise((done, failed) => {
      if (this.queued.push({ rows, done, failed }) > 1) return;
      setImmediate(() => {
        const batch = this.queued;
        this.queued = [];
        const guard = {
          sql: 'SELECT check_value FROM tafel_key_check WHERE id = ?',
          params: [CHECK_ID],
          equals: this.checkValue,
        };
        this.db
          .commit(
            batch.flatMap((w) => w.rows),
            guard,
          )
          .then(
            () => batch.forEach((w) => w.done()),
            (e: unknown) => {
              const refused = e instanceof GuardFailed ? new MasterKeyRefused(RUNNING) : e;
              batch.forEach((w) => w.failed(refused));
            },
          );
      });
    });
  }

  async link(links: CaseLink[]): Promise<void> {
    const fresh = links.filter((l) => !this.linked.has(`${l.caseId}|${l.personId}`));
    if (fresh.length === 0) return;
    await this.write(
      fresh.map((l) => ({
        sql: `INSERT INTO tafel_person_cases (case_id, person_id, role) VALUES (?, ?, ?)
           ON CONFLICT (case_id, person_id) DO NOTHING`,
        params: [l.caseId, l.personId, l.role],
      })),
    );
    if (this.linked.size + fresh.length > CACHE_LIMIT) this.linked.clear();
    for (const l of fresh) this.linked.add(`${l.caseId}|${l.personId}`);
  }

  async applicantOf(caseId: string): Promise<string | undefined> {
    const rows = await this.db.all<{ person_id: string }>(
      `SELECT person_id FROM tafel_person_cases WHERE case_id = ? AND role = 'applicant'`,
      [caseId],
    );
    return rows[0]?.person_id;
  }

  async casesOf(personId: string): Promise<string[]> {
    const rows = await this.db.all<{ case_id: string }>(
      'SELECT case_id FROM tafel_person_cases WHERE person_id = ? ORDER BY case_id',
      [personId],
    );
    return rows.map((r) => r.case_id);
  }

  async peopleOf(caseId: string): Promise<string[]> {
    const rows = await this.db.all<{ person_id: string }>(
      'SELECT person_id FROM tafel_person_cases WHERE case_id = ? ORDER BY person_id',
      [caseId],
    );
    return rows.map((r) => r.person_id);
  }

  async statusOf(personId: string): Promise<PersonStatus> {
    const rows = await this.db.all<{ erased_at: string | null }>(
      'SELECT erased_at FROM tafel_person_keys WHERE person_id = ?',
      [personId],
    );
    if (rows[0]) return rows[0].erased_at ? 'erased' : 'active';
    return (await this.casesOf(personId)).length > 0 ? 'active' : 'unknown';
  }

  async erase(personId: string, at: Date): Promise<string> {
    this.unwrapped.delete(personId);
    const when = at.toISOString();
    return this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO tafel_person_keys (person_id, wrapped_key, created_at, erased_at) VALUES (?, NULL, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET wrapped_key = NULL,
           erased_at = COALESCE(tafel_person_keys.erased_at, excluded.erased_at)`,
        [personId, when, when],
      );
      await tx.run(
        `INSERT INTO tafel_key_check (id, check_value) VALUES (?, '1') ON CONFLICT (id)
         DO UPDATE SET check_value = CAST(CAST(tafel_key_check.check_value AS INTEGER) + 1 AS TEXT)`,
        [ERASURES_ID],
      );
      const rows = await tx.all<{ erased_at: string }>(
        'SELECT erased_at FROM tafel_person_keys WHERE person_id = ?',
        [personId],
      );
      return rows[0].erased_at;
    });
  }

  async rewrap(newMaster: Buffer, options: RewrapOptions = {}): Promise<number> {
    const newCheck = wrapKey(Buffer.alloc(32), CHECK_ID, newMaster);
    const count = await this.db.transaction(async (tx) => {
      const rows = await tx.all<{ person_id: string; wrapped_key: string }>(
        'SELECT person_id, wrapped_key FROM tafel_person_keys WHERE wrapped_key IS NOT NULL',
      );
      for (const r of rows) await this.rewrapRow(tx, r.person_id, r.wrapped_key, newMaster);
      await tx.run('UPDATE tafel_key_check SET check_value = ? WHERE id = ?', [newCheck, CHECK_ID]);
      await options.beforeCommit?.();
      return rows.length;
    });
    this.master = newMaster;
    this.checkValue = newCheck;
    this.unwrapped.clear();
    return count;
  }

  private async rewrapRow(tx: SqlTx, personId: string, wrapped: string, newMaster: Buffer): Promise<void> {
    let key: Buffer;
    try {
      key = unwrapKey(wrapped, personId, this.master);
    } catch {
      // Names no person: the message reaches the operator's terminal and logs.
      throw new MasterKeyRefused('the current master key: a stored key does not open under it');
    }
    await tx.run('UPDATE tafel_person_keys SET wrapped_key = ? WHERE person_id = ?', [
      wrapKey(key, personId, newMaster),
      personId,
    ]);
  }

  async provenBy(master: Buffer): Promise<boolean> {
    const rows = await this.db.all<{ check_value: string }>(
      'SELECT check_value FROM tafel_key_check WHERE id = ?',
      [CHECK_ID],
    );
    return rows[0] !== undefined && opens(rows[0].check_value, CHECK_ID, master);
  }

  close(): Promise<void> {
    this.unwrapped.clear();
    return this.db.close();
  }
}

function opens(wrapped: string, personId: string, master: Buffer): boolean {
  try {
    unwrapKey(wrapped, personId, master);
    return true;
  } catch {
    return false;
  }
}
