import type { CaseState } from './types';

/** Small predicates the rules' checks share. */
export const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
export const time = (iso: string): number => Date.parse(iso);
export const isInvited = (c: CaseState, id: string): boolean =>
  c.participants.some((p) => p.participantId === id);
