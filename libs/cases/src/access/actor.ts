/**
 * The roles a staff token or an OIDC claim may carry: the only ones the tokens file and the OIDC
 * verifier accept. `participant` is deliberately not among them.
 */
export const STAFF_ROLES = ['admin', 'region-manager', 'coordinator', 'researcher', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Every role an actor can have: the staff roles, and `participant` — someone answering through
 * their personal answer link. A participant actor is made only by {@link participantActor}, from a
 * verified link; never from a token or a claim.
 */
export type Role = StaffRole | 'participant';

/**
 * Who is acting: from a token (staff) or a verified answer link (participant). Recorded on every event
 * as `{ id, name, role }` only.
 */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  /**
   * The regions a region manager is scoped to (tokens file `actor.regions`, or the OIDC regions
   * claim); absent: every region. Only a region manager carries it: the other roles' is dropped where
   * actors are made. Never recorded on an event.
   */
  regions?: readonly string[];
}

/** The actor of an answer given through a participant's own link: their id, no name of theirs. */
export const participantActor = (participantId: string): Actor => ({
  id: participantId,
  name: 'participant',
  role: 'participant',
});

/** True for the staff roles only: what tokens and OIDC claims may name. */
export const isStaffRole = (role: unknown): role is StaffRole => STAFF_ROLES.includes(role as StaffRole);

/**
 * A list of regions as a tokens file or an OIDC claim gives it: non-blank strings (duplicates
 * dropped), or `undefined` when the value is not such a list.
 */
export function regionList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (!value.every((r): r is string => typeof r === 'string' && r.trim() !== '')) return undefined;
  return [...new Set(value)];
}

/** A staff actor as a token or a claim makes it: `regions` kept for a region manager only. */
export function staffActor(id: string, name: string, role: StaffRole, regions?: readonly string[]): Actor {
  return role === 'region-manager' && regions !== undefined
    ? { id, name, role, regions }
    : { id, name, role };
}
