// Cloudflare JSON to unified records: accounts to organizations, user groups, group and account members.
import { isoUtc } from '../iso-date.js';
import type { GroupRecord, MemberRecord, MemberStatus, OrganizationRecord } from '../types.js';
import type { Account, AccountMember, GroupMember, UserGroup } from './wire.js';

const PROVIDER = 'CLOUDFLARE' as const;

/** The account member's status: accepted, pending (invited) or rejected (a declined invitation). */
function memberStatusOf(status: string | null | undefined): MemberStatus {
  if (status === 'accepted') return 'ACTIVE';
  if (status === 'pending') return 'PENDING';
  return 'UNKNOWN';
}

/** The Cloudflare statuses that map to a unified one (for the account-member `status` filter). */
export const CLOUDFLARE_STATUSES: Readonly<Partial<Record<MemberStatus, string>>> = {
  ACTIVE: 'accepted',
  PENDING: 'pending',
  UNKNOWN: 'rejected',
};

function iso(value: string | null | undefined): string | null {
  return value ? isoUtc(value) : null;
}

function displayName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((part) => part !== null && part !== '').join(' ');
  return name === '' ? null : name;
}

export function toOrganization(account: Account): OrganizationRecord {
  return { provider: PROVIDER, id: account.id, name: account.name, raw: account };
}

export function toGroup(organizationId: string, group: UserGroup): GroupRecord {
  return {
    provider: PROVIDER,
    organizationId,
    id: group.id,
    kind: 'userGroup',
    name: group.name,
    memberCount: null, // user groups do not say how many members they have
    parentId: null,
    path: null,
    createdAt: iso(group.created_on),
    raw: group,
  };
}

function member(
  organizationId: string,
  groupId: string | null,
  item: GroupMember | AccountMember,
  extra: { createdAt: string | null; mfaEnabled: boolean | null },
): MemberRecord {
  const user = item.user ?? null;
  const firstName = user?.first_name ?? null;
  const lastName = user?.last_name ?? null;
  return {
    provider: PROVIDER,
    organizationId,
    groupId,
    memberId: item.id,
    // Only reads that carry `user` know the user's id; it is never the membership id.
    userId: user?.id ?? null,
    email: item.email ?? user?.email ?? null,
    displayName: displayName(firstName, lastName),
    firstName,
    lastName,
    username: null,
    role: null,
    status: memberStatusOf(item.status),
    mfaEnabled: extra.mfaEnabled,
    lastLoginAt: null,
    // MemberGet's created_at is when the member was added to the group: both its creation and its joining.
    joinedAt: extra.createdAt,
    createdAt: extra.createdAt,
    updatedAt: null,
    groupIds: null,
    raw: item,
  };
}

/** A group member from a list (`{id, email, status}`) or the single read (MemberGet, with `user` and `created_at`). */
export function toGroupMember(organizationId: string, groupId: string, item: GroupMember): MemberRecord {
  return member(organizationId, groupId, item, { createdAt: iso(item.created_at), mfaEnabled: null });
}

export function toAccountMember(organizationId: string, item: AccountMember): MemberRecord {
  return member(organizationId, null, item, {
    createdAt: null,
    mfaEnabled: item.user?.two_factor_authentication_enabled ?? null,
  });
}
