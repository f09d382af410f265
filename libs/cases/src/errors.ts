/** Application errors: a stable code and a category that the one exception filter maps to HTTP. */
export type ErrorCategory =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'unprocessable'
  | 'unavailable';

export class TafelError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TafelError';
  }
}

export const caseNotFound = (id: string) =>
  new TafelError('CASE.NOT_FOUND', 'not-found', `No case with id ${id}.`);

export const forbidden = (message: string) => new TafelError('ACCESS.FORBIDDEN', 'forbidden', message);

/** A list's `cursor` that the service did not give out (each list encodes its own). */
export function cursorRefused(): TafelError {
  const message = 'not a cursor this service gave out; start again without one';
  return new TafelError('REQUEST.INVALID', 'validation', `cursor: ${message}`, {
    errors: [{ field: 'cursor', message }],
  });
}
