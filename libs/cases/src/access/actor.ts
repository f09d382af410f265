export const ROLES = ['admin', 'region-manager', 'coordinator', 'researcher', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: from a token. Recorded on every event. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}
