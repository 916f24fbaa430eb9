// GoodAccess native writes: group relations, member create/update/delete and VPN disconnect.
import type { HttpClient } from '../http.js';
import { routePath } from '../route-path.js';
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
import { parseResponse } from '../validate.js';
import { assertTenant, assertUuid, notFound } from './ids.js';
import { fetchMember, findGroup, findMember, ROUTES } from './reads.js';
import * as wire from './wire.js';

/**
 * Idempotency, as docs/providers/goodaccess.md#contract has it: a call is resent only where a repeat answers the same. A repeated
 * member POST creates a second member and a repeated DELETE gives 404, so neither is retried; the relation
 * POST (409 on a repeat, like Bird's) and DELETE (404 on a repeat) follow the same rule. PUT and disconnect
 * answer 200 every time, so they are retried.
 */

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

export async function addMember(http: HttpClient, group: GroupRef, ref: MemberRef, role?: MemberRole): Promise<MemberChange> {
  const params = relationTarget(group, ref, role);
  // 409 means the relation exists; 404 (unknown group or member) stays an error.
  const res = await http.request({ method: 'POST', path: routePath(ROUTES.relation, params), idempotent: false, accept: [409] });
  return { ref, status: res.status === 409 ? 'ALREADY_MEMBER' : 'ADDED' };
}

/**
 * The relation DELETE answers 404 alike for "no such relation", "no such group" and "no such member". Only on
 * that 404 do two gets (in parallel) tell them apart: NOT_A_MEMBER when both exist, NOT_FOUND otherwise.
 */
export async function removeMember(http: HttpClient, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  const params = relationTarget(group, ref);
  const res = await http.request({ method: 'DELETE', path: routePath(ROUTES.relation, params), idempotent: false, accept: [404] });
  if (res.status !== 404) return { ref, status: 'REMOVED' };
  const [foundGroup, foundMember] = await Promise.all([findGroup(http, params.groupId), findMember(http, params.teamMemberId)]);
  if (!foundGroup) throw notFound('group id', params.groupId);
  if (!foundMember) throw notFound('member id', params.teamMemberId);
  return { ref, status: 'NOT_A_MEMBER' };
}

/** One POST, never resent (a repeat would create a second member); then one GET reads the new member back. */
export async function createMember(http: HttpClient, organizationId: string, input: NewMemberInput): Promise<MemberRecord> {
  assertTenant(organizationId);
  const res = await http.request({
    method: 'POST',
    path: routePath(ROUTES.createMember),
    json: { name: input.name, password: input.password },
    idempotent: false,
    sensitive: [input.password],
  });
  const { created_id: createdId } = parseResponse('GOODACCESS', wire.created, res.body, res.route);
  return fetchMember(http, createdId);
}

/** A partial PUT of the fields given, then one GET for the record. */
export async function updateMember(
  http: HttpClient,
  organizationId: string,
  memberId: string,
  input: MemberUpdateInput,
): Promise<MemberRecord> {
  assertTenant(organizationId);
  assertUuid('member id', memberId);
  const body: Record<string, string> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.password !== undefined) body.password = input.password;
  if (Object.keys(body).length === 0) {
    throw new ProviderError('GOODACCESS', 'INVALID', 'Nothing to update: give a name, a password or both', { field: 'input' });
  }
  await http.request({
    method: 'PUT',
    path: routePath(ROUTES.member, { teamMemberId: memberId }),
    json: body,
    idempotent: true,
    sensitive: input.password === undefined ? [] : [input.password],
  });
  return fetchMember(http, memberId);
}

export async function deleteMember(http: HttpClient, organizationId: string, memberId: string): Promise<void> {
  assertTenant(organizationId);
  assertUuid('member id', memberId);
  await http.request({ method: 'DELETE', path: routePath(ROUTES.member, { teamMemberId: memberId }), idempotent: false });
}

/** Ends the member's VPN sessions; 200 even when there is none, so it is safe to resend. */
export async function disconnectMember(http: HttpClient, organizationId: string, memberId: string): Promise<void> {
  assertTenant(organizationId);
  assertUuid('member id', memberId);
  await http.request({ method: 'POST', path: routePath(ROUTES.disconnect, { teamMemberId: memberId }), idempotent: true });
}
