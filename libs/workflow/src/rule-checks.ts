import type { CaseState, Participant } from './types';

/** Small predicates the rules' checks share. */
export const blank = (s: string | null | undefined): boolean => typeof s !== 'string' || s.trim() === '';
export const time = (iso: string): number => Date.parse(iso);
export const isInvited = (c: CaseState, id: string): boolean =>
  c.participants.some((p) => p.participantId === id);
export const isRemoved = (c: CaseState, id: string): boolean =>
  c.participants.some((p) => p.participantId === id && p.removed === true);
export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));

/*
 * Checks that more than one step (or version) shares, typed by the part of the proposal they read, so
 * that a later version can declare a rule for more steps with the very same check (see `widen`).
 */
type Data<T> = { data: T };
export const hasReason = (_: CaseState, p: Data<{ reason: string }>): boolean => !blank(p.data.reason);
export const namesInvited = (c: CaseState, p: Data<{ participantId: string }>): boolean =>
  isInvited(c, p.data.participantId);
export const isScheduled = (c: CaseState): boolean => c.schedule !== undefined;
export const isDistributed = (c: CaseState): boolean => c.distribution !== undefined;
export const hasAttendees = (_: CaseState, p: Data<{ attendees: string[] }>): boolean =>
  p.data.attendees.length > 0;
export const attendeesInvited = (c: CaseState, p: Data<{ attendees: string[] }>): boolean =>
  p.data.attendees.every((id) => isInvited(c, id));
export const heldByNow = (_: CaseState, p: Data<{ at: string; heldAt: string }>): boolean =>
  time(p.data.heldAt) <= time(p.data.at);
export const heldSinceScheduled = (c: CaseState, p: Data<{ heldAt: string }>): boolean =>
  c.schedule === undefined || time(p.data.heldAt) >= time(c.schedule.scheduledAt);

/** Everyone who attended the conference: its last meeting and any meeting that was adjourned. */
export const attendedAny = (c: CaseState): string[] => [
  ...new Set([...(c.adjournments ?? []).flatMap((a) => a.attendees), ...(c.conference?.attendees ?? [])]),
];

/**
 * Who gets the plan (version 2): every participant who attended and every one who accepted but could
 * not come, in the order they were invited; never one who was removed.
 */
export function planRecipients(c: CaseState): string[] {
  const attended = attendedAny(c);
  const gets = (p: Participant) =>
    !p.removed && (attended.includes(p.participantId) || p.answer === 'accepted');
  return c.participants.filter(gets).map((p) => p.participantId);
}
