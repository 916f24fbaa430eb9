// The simulated Cloudflare world in memory: accounts, their members, IAM user groups and group memberships.

export type AccountMemberStatus = 'accepted' | 'pending' | 'rejected';

export interface Account {
  id: string;
  name: string;
  type: 'standard' | 'enterprise';
  createdOn: string;
  enforceTwofactor: boolean;
}

export interface Role {
  id: string;
  name: string;
  description: string;
}

export interface AccountMember {
  /** The account-membership id: what the user-group endpoints take. */
  id: string;
  email: string;
  status: AccountMemberStatus;
  roles: Role[];
  user: {
    /** The user's own id, different from the membership id. */
    id: string;
    email: string;
    /** Null for invitees who have not filled in a profile yet. */
    firstName: string | null;
    lastName: string | null;
    twoFactor: boolean;
  };
}

export interface Policy {
  id: string;
  access: 'allow' | 'deny';
  permission_groups: Array<{ id: string; name: string }>;
  resource_groups: Array<{ id: string; name: string; scope: { key: string; objects: Array<{ key: string }> } }>;
}

export interface UserGroup {
  id: string;
  name: string;
  createdOn: string;
  modifiedOn: string;
  policies: Policy[];
  /** Account member id to the time it was added to the group (MemberGet `created_at`). */
  members: Map<string, string>;
}

export interface AccountState {
  account: Account;
  members: Map<string, AccountMember>;
  groups: Map<string, UserGroup>;
}

/** Ids a client (or a test) needs to begin with. */
export interface SeedIds {
  mainAccountId: string;
  smallAccountId: string;
  /** The user group with 600 members in the main account. */
  bigGroupId: string;
  /** A user group with no members in the main account. */
  emptyGroupId: string;
}

export interface World {
  /** In creation order, which is also the default listing order before sorting. */
  accounts: Map<string, AccountState>;
  ids: SeedIds;
  /** A fresh id for something created at run time (deterministic: it continues the seed's generator). */
  newId(): string;
}

/** Cloudflare ids: 32 lowercase hex characters. */
export const HEX_ID = /^[0-9a-f]{32}$/;

/** Group membership is only for members who accepted or are still invited (Member.status is accepted|pending). */
export function canJoinGroups(member: AccountMember): boolean {
  return member.status !== 'rejected';
}

/** What route handlers hold: the current world, swapped wholesale by `reset()`. */
export interface WorldRef {
  world: World;
}
