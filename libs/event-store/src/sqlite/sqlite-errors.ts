import { StoreUnavailable } from '../errors';

/** Any driver error (busy past the timeout, I/O, closed handle, not a database) as the store's own. */
export function unavailable(e: unknown): StoreUnavailable {
  return e instanceof StoreUnavailable
    ? e
    : new StoreUnavailable(`sqlite: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}
