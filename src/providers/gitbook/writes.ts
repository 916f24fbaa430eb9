// Team membership writes: one bulk PUT for many, DELETE for one, the upsert PUT for roles; classified from a read.
import { findByKeys, shownId } from '../batch.js';
import { ProviderError, type GroupRef, type MemberChange, type MemberRef, type MemberRole } from '../types.js';
import type { GitBookApi } from './api.js';
import { MAX_BULK_SIZE, MAX_PAGE_SIZE } from './capabilities.js';
import { assertGroupRef, assertMemberRef, assertOrganizationId, assertUserId } from './ids.js';
import { toWireRole } from './map.js';
import type { WireTeamMember, WireTeamMembersUpdate } from './wire.js';

/** How a ref is matched against the team's members: by user id, or by e-mail ignoring case. */
function refKey(ref: MemberRef): string {
  return 'memberId' in ref ? `id:${ref.memberId}` : `email:${ref.email.toLowerCase()}`;
}

function memberKeys(item: WireTeamMember): string[] {
  const keys = [`id:${item.organization.id}`];
  if (item.organization.user.email) keys.push(`email:${item.organization.user.email.toLowerCase()}`);
  return keys;
}

function refValue(ref: MemberRef): string {
  return 'memberId' in ref ? ref.memberId : ref.email;
}

function checkRefs(group: GroupRef, refs: readonly MemberRef[]): void {
  assertGroupRef(group);
  if (refs.length > MAX_BULK_SIZE) {
    throw new ProviderError('GITBOOK', 'INVALID', `At most ${MAX_BULK_SIZE} members per bulk call; got ${refs.length}`, { field: 'members' });
  }
  refs.forEach(assertMemberRef);
}

/** The current members among `refs`, keyed by refKey: the team's list (no single read), walked until every ref is seen. */
function currentMembers(api: GitBookApi, group: GroupRef, refs: readonly MemberRef[]): Promise<Map<string, WireTeamMember>> {
  return findByKeys(refs.map(refKey), {
    page: (after) => api.listTeamMembers(group.organizationId, group.groupId, { after, limit: MAX_PAGE_SIZE }),
    keysOf: memberKeys,
  });
}

/**
 * One bulk PUT with every ref in `add` (so each ends up a member even if someone removed them since the
 * read) and, with a role, `memberships` for each. The atomic call fails INVALID if any ref is not an
 * organization member.
 */
export async function addMembers(api: GitBookApi, group: GroupRef, refs: readonly MemberRef[], role?: MemberRole): Promise<MemberChange[]> {
  checkRefs(group, refs);
  if (refs.length === 0) return [];
  const current = await currentMembers(api, group, refs);
  const update: WireTeamMembersUpdate = { add: [...new Set(refs.map(refValue))] };
  if (role !== undefined) {
    const wireRole = toWireRole(role);
    // Membership keys are user ids; [infer] an e-mail not yet in the team goes in as the key, like in `add`.
    update.memberships = Object.fromEntries(refs.map((ref) => [current.get(refKey(ref))?.organization.id ?? refValue(ref), { role: wireRole }]));
  }
  await api.updateTeamMembers(group.organizationId, group.groupId, update);
  return refs.map((ref) => ({ ref, status: current.has(refKey(ref)) ? 'ALREADY_MEMBER' : 'ADDED' }));
}

/**
 * One bulk PUT with `remove` for the refs the read found in the team; the others are NOT_A_MEMBER and are
 * not sent, since one ref that is not an organization member would fail the whole (atomic) call.
 */
export async function removeMembers(api: GitBookApi, group: GroupRef, refs: readonly MemberRef[]): Promise<MemberChange[]> {
  checkRefs(group, refs);
  if (refs.length === 0) return [];
  const current = await currentMembers(api, group, refs);
  const remove = [...new Set([...current.values()].map((item) => item.organization.id))];
  if (remove.length > 0) await api.updateTeamMembers(group.organizationId, group.groupId, { remove });
  return refs.map((ref) => ({ ref, status: current.has(refKey(ref)) ? 'REMOVED' : 'NOT_A_MEMBER' }));
}

/** DELETE by user id: 205 removed, 204 not a member. An e-mail ref goes through the bulk call. */
export async function removeMember(api: GitBookApi, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  if (!('memberId' in ref)) return (await removeMembers(api, group, [ref]))[0] as MemberChange;
  assertGroupRef(group);
  assertUserId(ref.memberId);
  const removed = await api.deleteTeamMember(group.organizationId, group.groupId, ref.memberId);
  return { ref, status: removed ? 'REMOVED' : 'NOT_A_MEMBER' };
}

/** Confirms membership first (the upsert would otherwise add a non-member), then PUT `{role}`. */
export async function setMemberRole(api: GitBookApi, group: GroupRef, memberId: string, role: MemberRole): Promise<void> {
  assertGroupRef(group);
  assertUserId(memberId);
  const current = await currentMembers(api, group, [{ memberId }]);
  if (current.size === 0) {
    throw new ProviderError('GITBOOK', 'NOT_FOUND', `User ${shownId(memberId)} is not a member of team ${shownId(group.groupId)}`, { status: 404 });
  }
  await api.putTeamMember(group.organizationId, group.groupId, memberId, toWireRole(role));
}

/**
 * The organization-member DELETE. A 202 means GitBook only asked the organization's admins to remove the user, who
 * stays a member until one approves: not a removal, so it is a CONFLICT that says so rather than REMOVED.
 */
export async function removeOrganizationMember(api: GitBookApi, organizationId: string, userId: string): Promise<MemberChange> {
  assertOrganizationId(organizationId);
  assertUserId(userId);
  const ref = { memberId: userId };
  const outcome = await api.deleteMember(organizationId, userId);
  if (outcome === 'requested') {
    const message = `GitBook sent the removal of user ${shownId(userId)} to the organization's admins for approval; the user stays a member until then`;
    throw new ProviderError('GITBOOK', 'CONFLICT', message, { status: 202 });
  }
  return { ref, status: outcome === 'removed' ? 'REMOVED' : 'NOT_A_MEMBER' };
}
