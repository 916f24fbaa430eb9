// Finds the objects a path names, answering 404 with the matching not-found code (a malformed id is simply not found).
import { CODE, notFound } from './envelope.js';
import { HEX_ID, type AccountMember, type AccountState, type UserGroup, type World } from './state.js';

export function accountOf(world: World, accountId: string | undefined): AccountState {
  const state = accountId !== undefined && HEX_ID.test(accountId) ? world.accounts.get(accountId) : undefined;
  if (!state) throw notFound(CODE.accountNotFound, 'Account not found');
  return state;
}

export function groupOf(state: AccountState, groupId: string | undefined): UserGroup {
  const group = groupId !== undefined && HEX_ID.test(groupId) ? state.groups.get(groupId) : undefined;
  if (!group) throw notFound(CODE.groupNotFound, 'User group not found');
  return group;
}

/** An account member by its membership id. [infer] 404 with 1003 on the single-member read. */
export function accountMemberOf(state: AccountState, memberId: string | undefined): AccountMember {
  const member = memberId !== undefined && HEX_ID.test(memberId) ? state.members.get(memberId) : undefined;
  if (!member) throw notFound(CODE.accountMemberNotFound, 'Account member not found');
  return member;
}

/** A member of a group: its account record and when it was added. */
export function groupMemberOf(state: AccountState, group: UserGroup, memberId: string | undefined): { member: AccountMember; addedAt: string } {
  const addedAt = memberId !== undefined && HEX_ID.test(memberId) ? group.members.get(memberId) : undefined;
  const member = addedAt !== undefined && memberId !== undefined ? state.members.get(memberId) : undefined;
  if (addedAt === undefined || !member) throw notFound(CODE.groupMemberNotFound, 'Member not found in user group');
  return { member, addedAt };
}
