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
  close(): Promise<void>;
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
