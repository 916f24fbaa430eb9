// What a person reaches in one simulator, read from its live state by e-mail: the ground truth tests compare with.

export interface SimulatedAccess {
  /** The organization's id in the provider's API; null where the API has none (a tenant the token stands for, a server). */
  organizationId: string | null;
  /** The team or user group; null for the organization-level membership. */
  group: { id: string; name: string } | null;
  /** The member's id in the provider's API (what its membership routes take). */
  memberId: string;
}

/** E-mails are one address whatever their case or surrounding blanks, as the directory and a person join treat them. */
export function sameEmail(held: string | null | undefined, wanted: string): boolean {
  return typeof held === 'string' && held.trim().toLowerCase() === wanted.trim().toLowerCase();
}
