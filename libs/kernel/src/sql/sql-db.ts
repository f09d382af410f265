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
 * The read database cannot be reached (connection refused or lost, server shutting down): the
 * request may succeed later. SQL errors of the query itself are not this.
 */
export class ReadStoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadStoreUnavailable';
  }
}
