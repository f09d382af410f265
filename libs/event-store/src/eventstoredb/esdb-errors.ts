import { StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { DuplicateEventId, ExpectedRevisionConflict, StoreUnavailable } from '../errors';

export const isWrongExpectedVersion = (e: unknown): e is WrongExpectedVersionError =>
  e instanceof WrongExpectedVersionError;

export const isStreamNotFound = (e: unknown): boolean => e instanceof StreamNotFoundError;

/** The stream's actual revision a `WrongExpectedVersionError` reports (`-1` for no stream). */
export function actualRevisionOf(e: WrongExpectedVersionError): number {
  return typeof e.actualVersion === 'bigint' ? Number(e.actualVersion) : -1;
}

/**
 * Every error that is not one of the store's own outcomes means the store cannot do the work right
 * now: unreachable node, lost leader, deadline, access denied, a closed client.
 */
export function unavailable(what: string, e: unknown): Error {
  if (
    e instanceof StoreUnavailable ||
    e instanceof ExpectedRevisionConflict ||
    e instanceof DuplicateEventId
  ) {
    return e;
  }
  const reason = e instanceof Error ? e.message : String(e);
  return new StoreUnavailable(`eventstoredb: ${what} failed: ${reason}`, { cause: e });
}
