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

/** Who is acting: from a token (staff) or a verified answer link (participant). Recorded on every event. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** The actor of an answer given through a participant's own link: their id, no name of theirs. */
export const participantActor = (participantId: string): Actor => ({
  id: participantId,
  name: 'participant',
  role: 'participant',
});

/** True for the staff roles only: what tokens and OIDC claims may name. */
export const isStaffRole = (role: unknown): role is StaffRole => STAFF_ROLES.includes(role as StaffRole);
