// The JSON shapes the API returns for each object, exactly as docs/providers/cloudflare.md#contract lists them.
import type { Account, AccountMember, UserGroup } from './state.js';

/** Group timestamps carry four fractional digits (`2024-03-01T12:21:02.0000Z`), as in the API's examples. */
export function groupTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$10Z');
}

/** Member `created_at`: plain RFC 3339 to the second, the other form the API uses. */
export function memberTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function accountView(account: Account): Record<string, unknown> {
  return {
    id: account.id,
    name: account.name,
    type: account.type,
    created_on: account.createdOn,
    settings: { enforce_twofactor: account.enforceTwofactor, api_access_enabled: null, abuse_contact_email: null },
  };
}

/** An account member as `/accounts/{id}/members` lists it: `user.id` is not the membership id; [sdk] names may be null. */
export function accountMemberView(member: AccountMember): Record<string, unknown> {
  return {
    id: member.id,
    email: member.email,
    status: member.status,
    roles: member.roles.map((role) => ({ ...role, permissions: {} })),
    policies: [],
    user: {
      id: member.user.id,
      email: member.user.email,
      first_name: member.user.firstName,
      last_name: member.user.lastName,
      two_factor_authentication_enabled: member.user.twoFactor,
    },
  };
}

/** Member: what group-member lists and the write endpoints return. */
export function groupMemberView(member: AccountMember): Record<string, unknown> {
  return { id: member.id, email: member.email, status: member.status };
}

/**
 * MemberGet: the single-member read, with when it joined the group and the user's names. [sdk] Its
 * `user.first_name` / `last_name` are typed `string`, optional but never null (unlike the account member's
 * `string | null`), so a user without names yet has the fields left out.
 */
export function groupMemberGetView(member: AccountMember, addedAt: string): Record<string, unknown> {
  const user: Record<string, unknown> = { id: member.user.id, email: member.user.email };
  if (member.user.firstName !== null) user.first_name = member.user.firstName;
  if (member.user.lastName !== null) user.last_name = member.user.lastName;
  return { id: member.id, created_at: addedAt, email: member.email, status: member.status, user };
}

export function userGroupView(group: UserGroup): Record<string, unknown> {
  return {
    id: group.id,
    name: group.name,
    created_on: group.createdOn,
    modified_on: group.modifiedOn,
    policies: group.policies,
  };
}
