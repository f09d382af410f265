/**
 * A small SQL port for the read side (projections, checkpoints, idempotency records): one dialect-neutral
 * surface over SQLite and PostgreSQL. Placeholders are written `?`; the PostgreSQL side numbers them.
 */
export interface SqlDb {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** Runs `fn` in one transaction; everything it does through `tx` commits or rolls back together. */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  /**
   * Runs `statements` in one transaction once `guard` holds, and resolves when that is durable. Unlike
   * `transaction`, the work is data, so SQLite can commit it on a writer thread: its fsync then never
   * blocks the event loop.
   * @throws GuardFailed when the guard's value differs (nothing is written)
   */
  commit(statements: SqlStatement[], guard?: SqlGuard): Promise<void>;
  /**
   * SQLite only: a number that changes once any other connection, of this process or another, has
   * committed to the database (`PRAGMA data_version`, read from shared memory, no disk I/O). Lets a
   * cache skip re-reading what nobody else can have changed.
   */
  dataVersion?(): number;
  close(): Promise<void>;
}

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** A precondition of a `commit`: the first column of the first row `sql` answers (null for none) equals `equals`. */
export interface SqlGuard extends SqlStatement {
  equals: string | null;
}

/** A `commit` whose guard did not hold; it wrote nothing. */
export class GuardFailed extends Error {
  constructor() {
    super('the guard of a commit did not hold');
    this.name = 'GuardFailed';
  }
}

/** `commit` as one `transaction` on the caller's own connection. */
export function commitInTransaction(db: SqlDb, statements: SqlStatement[], guard?: SqlGuard): Promise<void> {
  return db.transaction(async (tx) => {
    if (guard) {
      const [row] = await tx.all<Record<string, unknown>>(guard.sql, guard.params);
      const value = row === undefined ? null : Object.values(row)[0];
      if ((value ?? null) !== guard.equals) throw new GuardFailed();
    }
    for (const s of statements) await tx.run(s.sql, s.params);
  });
}

export type SqlTx = Pick<SqlDb, 'all' | 'run' | 'dialect'>;

export const READ_DB = Symbol('READ_DB');

/**
 * The read database cannot be reached or cannot write (PostgreSQL down or restarting, a dropped
 * connection; SQLite: disk full, I/O error, locked too long). The API answers 503, as for the event
 * store; the message names the kind of fault, never the driver's text.
 */
export class ReadStoreUnavailable extends Error {
  readonly code = 'READ_STORE.UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadStoreUnavailable';
  }
}
