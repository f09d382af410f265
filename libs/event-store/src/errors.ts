/** The store's own errors; adapters translate every driver error into one of these. */

export class ExpectedRevisionConflict extends Error {
  readonly code = 'STORE.EXPECTED_REVISION_CONFLICT';
  constructor(
    readonly stream: string,
    readonly expected: number | 'no-stream' | 'any',
    readonly actual: number,
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'ExpectedRevisionConflict';
  }
}

export class StoreUnavailable extends Error {
  readonly code = 'STORE.UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

/**
 * An append reuses event ids that are stored, but not as a plain repeat of an earlier append to the
 * same stream (some ids new, some known; an id known on another stream; an id twice in one call).
 */
export class DuplicateEventId extends Error {
  readonly code = 'STORE.DUPLICATE_EVENT_ID';
  constructor(
    readonly stream: string,
    readonly eventIds: string[],
  ) {
    super(`stream ${stream}: event ids already used elsewhere: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventId';
  }
}
