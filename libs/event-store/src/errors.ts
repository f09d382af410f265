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
