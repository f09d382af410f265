import type { EventStore } from '../event-store.port';

/** One fresh, empty store for one test, plus the levers the contract needs to pull on it. */
export interface ContractHandle {
  store: EventStore;
  /** Opens a second, independent instance on the same storage, as a restarted process would. */
  reopen(): Promise<EventStore>;
  /** Alters the stored data of one event behind the store's back, leaving its hash as it was. */
  tamper(stream: string, revision: number): Promise<void>;
  /** Storage-level consistency check (SQLite: `PRAGMA integrity_check`); resolves to the problems found. */
  integrityCheck?(): Promise<string[]>;
  /** JSON-serialisable options that `ContractFactory.child`'s opener takes to open this same store. */
  childOptions?: unknown;
  /** Closes whatever is still open and removes the storage. */
  cleanup(): Promise<void>;
}

export interface ContractFactory {
  create(): Promise<ContractHandle>;
  /**
   * How a child process opens the store: `require(module)[exportName](childOptions)` must return the
   * store (or a promise of it). `module` may be a `.ts` file: children load TypeScript through swc.
   * Without it the multi-process and kill -9 cases are skipped.
   */
  child?: { module: string; exportName: string };
  /**
   * Makes the next `count` page reads of `store`'s subscriptions fail with `StoreUnavailable`, as a
   * dropped connection would (the store's other calls are untouched). Without it the read-error case
   * is skipped.
   */
  failPageReads?(store: EventStore, count: number): void;
  /**
   * Restarts the storage under the open stores (PostgreSQL: the server itself) and resolves once it
   * answers again. Without it the restart case is skipped.
   */
  restartStorage?(): Promise<void>;
  /** A store whose storage cannot be reached: opening it throws `StoreUnavailable`, or its calls do. */
  openUnreachable?(): Promise<EventStore>;
}
