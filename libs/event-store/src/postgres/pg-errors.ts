import { StoreUnavailable } from '../errors';

/** Codes raised by `tafel_append`, and the PostgreSQL codes the adapter reacts to. */
export const CODE = {
  conflict: 'TF001',
  staleHead: 'TF002',
  duplicateId: 'TF003',
  uniqueViolation: '23505',
} as const;

export interface PgError {
  code?: string;
  constraint?: string;
  message: string;
}

export const pgCode = (e: unknown): string | undefined => (e as PgError | undefined)?.code;

/** Any driver error that is not one of the store's own outcomes: the store cannot do the work. */
export function unavailable(what: string, e: unknown): StoreUnavailable {
  if (e instanceof StoreUnavailable) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new StoreUnavailable(`postgres: ${what} failed: ${reason}`, { cause: e });
}
