// GoodAccess native writes: group relations, member create/update/delete and VPN disconnect.
import {
  ProviderError,
  type GroupRef,
  type MemberChange,
  type MemberRecord,
  type MemberRef,
  type MemberRole,
  type MemberUpdateInput,
  type NewMemberInput,
} from '../types.js';
import type { GoodAccessApi } from './api.js';
import { assertTenant, assertUuid, notFound } from './ids.js';
import { memberFromDetail } from './map.js';

// Which of these calls are resent, and why: see GoodAccessApi (api.ts).

/** Checks the group and the member ref before any call; relations take member ids, never e-mails. */
function relationTarget(group: GroupRef, ref: MemberRef, role?: MemberRole): { groupId: string; teamMemberId: string } {
  assertTenant(group.organizationId);
  assertUuid('group id', group.groupId);
  if (!('memberId' in ref)) {
    throw new ProviderError('GOODACCESS', 'UNSUPPORTED', 'GoodAccess group relations take member ids, not e-mails', { field: 'email' });
  }
  assertUuid('member id', ref.memberId);
  if (role === 'OWNER') throw new ProviderError('GOODACCESS', 'UNSUPPORTED', 'GoodAccess groups have no owner role', { field: 'role' });
  return { groupId: group.groupId, teamMemberId: ref.memberId };
}

/** Reads back a member just written: a missing one is NOT_FOUND. */
async function readBack(api: GoodAccessApi, memberId: string): Promise<MemberRecord> {
  const member = await api.member(memberId);
  if (!member) throw notFound('member id', memberId);
  return memberFromDetail(member);
}

export async function addMember(api: GoodAccessApi, group: GroupRef, ref: MemberRef, role?: MemberRole): Promise<MemberChange> {
  const { groupId, teamMemberId } = relationTarget(group, ref, role);
  // 409 means the relation exists; 404 (unknown group or member) stays an error.
  const added = await api.addRelation(groupId, teamMemberId);
  return { ref, status: added ? 'ADDED' : 'ALREADY_MEMBER' };
}

/**
 * The relation DELETE answers 404 alike for "no such relation", "no such group" and "no such member". Only on
 * that 404 do two gets (in parallel) tell them apart: NOT_A_MEMBER when both exist, NOT_FOUND otherwise.
 */
export async function removeMember(api: GoodAccessApi, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  const params = relationTarget(group, ref);
  if (await api.deleteRelation(params.groupId, params.teamMemberId)) return { ref, status: 'REMOVED' };
  const [foundGroup, foundMember] = await Promise.all([api.group(params.groupId), api.member(params.teamMemberId)]);
  if (!foundGroup) throw notFound('group id', params.groupId);
  if (!foundMember) throw notFound('member id', params.teamMemberId);
  return { ref, status: 'NOT_A_MEMBER' };
}

/** One POST, never resent (a repeat would create a second member); then one GET reads the new member back. */
export async function createMember(api: GoodAccessApi, organizationId: string, input: NewMemberInput): Promise<MemberRecord> {
  assertTenant(organizationId);
  return readBack(api, await api.createMember(input.name, input.password));
}

/** A partial PUT of the fields given, then one GET for the record. */
export async function updateMember(api: GoodAccessApi, organizationId: string, memberId: string, input: MemberUpdateInput): Promise<MemberRecord> {
  assertTenant(organizationId);
  assertUuid('member id', memberId);
  const body: Record<string, string> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.password !== undefined) body.password = input.password;
  if (Object.keys(body).length === 0) {
    throw new ProviderError('GOODACCESS', 'INVALID', 'Nothing to update: give a name, a password or both', { field: 'input' });
  }
  await api.updateMember(memberId, body);
  return readBack(api, memberId);
}

export async function deleteMember(api: GoodAccessApi, organizationId: string, memberId: string): Promise<void> {
  assertTenant(organizationId);
  assertUuid('member id', memberId);
  await api.deleteMember(memberId);
}

/** Ends the member's VPN sessions; 200 even when there is none, so it is safe to resend. */
export async function disconnectMember(api: GoodAccessApi, organizationId: string, memberId: string): Promise<void> {
  assertTenant(organizationId);
  assertUuid('member id', memberId);
  await api.disconnectMember(memberId);
}
