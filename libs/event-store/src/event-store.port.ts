/**
 * The event-store port. Events are opaque to the store: it keeps type, schema version, data and
 * metadata, assigns revision and global position, and chains hashes per stream.
 */

export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * The same log as stored, personal data still encrypted: for whatever must see the stored bytes
 * (hash-chain verification, archive export). `EVENT_STORE` is the decrypting view for everything else.
 */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');

/** A number (the revision of the last event the writer saw), `no-stream`, or `any`. */
export type ExpectedRevision = number | 'no-stream' | 'any';

export interface EventMetadata {
  /** ISO 8601 time the event happened (the command's clock). */
  occurredAt: string;
  actor: { id: string; role: string; name?: string };
  correlationId?: string;
  causationId?: string;
  commandId?: string;
  workflowVersion?: number;
  [key: string]: unknown;
}

/** What a writer hands to `append`. */
export interface NewEvent {
  /** UUID; appending an id the store already holds is a no-op that reports the first result. */
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** What a reader gets back. */
export interface StoredEvent extends NewEvent {
  stream: string;
  /** 0-based position within the stream. */
  revision: number;
  /** Global position; strictly increasing in commit order across all streams. */
  position: number;
  /** Time the store recorded it (ISO 8601). */
  recordedAt: string;
  /** Hash of the previous event of the stream (`null` for revision 0). */
  prevHash: string | null;
  /** SHA-256 hex over the canonical encoding of this event and `prevHash`. */
  hash: string;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append (`-1` for an empty stream). */
  nextRevision: number;
  /** Global positions of the appended (or, for a repeat, the earlier stored) events. */
  positions: number[];
}

export interface ReadOptions {
  fromRevision?: number;
  /** Inclusive. */
  toRevision?: number;
  /** Inclusive: events whose `metadata.occurredAt` is at or before this instant. */
  toTime?: Date;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. Default: from the start. */
  fromPosition?: number;
  limit?: number;
}

export interface SubscribeOptions {
  /** Exclusive, like `readAll`. */
  fromPosition?: number;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler call is running. */
  stop(): Promise<void>;
}

export type EventHandler = (event: StoredEvent) => void | Promise<void>;

export interface EventStore {
  /**
   * Appends events atomically to one stream.
   * @throws ExpectedRevisionConflict when the stream's revision differs from `expectedRevision`.
   * @throws StoreUnavailable when the store cannot be reached or the write cannot be made durable.
   */
  append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /**
   * Reads one stream in revision order; an unknown stream reads as empty.
   * @throws StoreUnavailable
   */
  read(stream: string, options?: ReadOptions): Promise<StoredEvent[]>;

  /**
   * Reads all streams in global order.
   * @throws StoreUnavailable
   */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;

  /**
   * Catch-up subscription: delivers every event after `fromPosition`, then new ones as they commit,
   * each exactly once and in global order, one handler call at a time. A handler that throws stops
   * the subscription and the error reaches `onError`.
   */
  subscribe(
    handler: EventHandler,
    options?: SubscribeOptions & { onError?: (e: unknown) => void },
  ): Subscription;

  /** The revision of a stream's last event, or `-1` when it has none. @throws StoreUnavailable */
  streamRevision(stream: string): Promise<number>;

  /** Cheap readiness probe for `/health/ready`: resolves when the store answers. */
  ping(): Promise<void>;

  /**
   * False once this store can no longer write whatever the database says: it was closed, or (SQLite)
   * its writer thread has stopped. Never waits and never touches the database.
   */
  alive(): boolean;

  close(): Promise<void>;
}
