// Native membership writes: add one (POST), remove one (DELETE), replace the set (one PUT), classified by a read.
import type { GroupRef, MemberChange, MemberRef } from '../types.js';
import type { CheckmarxApi } from './api.js';
import { checkId, checkOrganization, refUserId } from './ids.js';

function target(group: GroupRef): number {
  checkOrganization(group.organizationId);
  return checkId('groupId', group.groupId);
}

async function memberIds(api: CheckmarxApi, teamId: number): Promise<Set<number>> {
  return new Set((await api.teamUsers(teamId)).map(({ item }) => item.id));
}

/** POST answers 204 whether or not the user was already there, so the read before it tells which. */
export async function addMember(api: CheckmarxApi, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  const teamId = target(group);
  const userId = refUserId(ref);
  const before = await memberIds(api, teamId);
  // Sent either way: it is idempotent, and it makes the outcome certain even if the team changed since the read.
  await api.addTeamUser(teamId, userId);
  return { ref, status: before.has(userId) ? 'ALREADY_MEMBER' : 'ADDED' };
}

/** DELETE refuses a non-member with 400, so the read decides; a 400 after it is confirmed by reading again. */
export async function removeMember(api: CheckmarxApi, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  const teamId = target(group);
  const userId = refUserId(ref);
  if (!(await memberIds(api, teamId)).has(userId)) return { ref, status: 'NOT_A_MEMBER' };
  const refusal = await api.removeTeamUser(teamId, userId);
  if (refusal === null) return { ref, status: 'REMOVED' };
  // Someone else removed the user between our read and our DELETE, or the 400 meant something else.
  if (!(await memberIds(api, teamId)).has(userId)) return { ref, status: 'NOT_A_MEMBER' };
  throw refusal;
}

/**
 * One read (none when the caller passes the set it has just read), then one PUT of the whole list, unless the set
 * already is the one asked: ADDED / ALREADY_MEMBER per ref, then REMOVED for each dropped member.
 */
export async function replaceMembers(api: CheckmarxApi, group: GroupRef, refs: readonly MemberRef[], current?: readonly string[]): Promise<MemberChange[]> {
  const teamId = target(group);
  const wanted = refs.map(refUserId);
  const before = current ? new Set(current.map((id) => checkId('memberId', id))) : await memberIds(api, teamId);
  const distinct = [...new Set(wanted)];
  const unchanged = distinct.length === before.size && distinct.every((id) => before.has(id));
  if (!unchanged) await api.replaceTeamUsers(teamId, distinct);
  const changes: MemberChange[] = refs.map((ref, i) => ({ ref, status: before.has(wanted[i] as number) ? 'ALREADY_MEMBER' : 'ADDED' }));
  const kept = new Set(distinct);
  for (const id of [...before].sort((a, b) => a - b)) {
    if (!kept.has(id)) changes.push({ ref: { memberId: String(id) }, status: 'REMOVED' });
  }
  return changes;
}

/**
 * The server is the organization, so leaving it is deleting the user (DELETE /auth/Users/{id} [sdk]), which ends
 * their team memberships too. A user already gone answers 404: NOT_A_MEMBER, so a repeat is harmless.
 */
export async function removeOrganizationMember(api: CheckmarxApi, organizationId: string, memberId: string): Promise<MemberChange> {
  checkOrganization(organizationId);
  const userId = checkId('memberId', memberId);
  const deleted = await api.deleteUser(userId);
  return { ref: { memberId }, status: deleted ? 'REMOVED' : 'NOT_A_MEMBER' };
}
