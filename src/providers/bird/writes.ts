// Native membership writes: add one member (POST, never retried) and remove one (DELETE, idempotent).
import { routePath } from '../route-path.js';
import type { GroupRef, MemberChange, MemberRef, MemberRole } from '../types.js';
import { ProviderError } from '../types.js';
import { parseResponse } from '../validate.js';
import { PROVIDER, assertUuid, type BirdContext } from './context.js';
import { missingTeam } from './groups.js';
import { MEMBER, MEMBERS, assertGroup } from './members.js';
import { TeamMemberAddedWire } from './wire.js';

/** Bird adds by user id only (`refsByEmail` false). */
function memberIdOf(ref: MemberRef): string {
  if (!('memberId' in ref)) {
    throw new ProviderError(PROVIDER, 'UNSUPPORTED', 'Bird adds and removes team members by user id, not by e-mail', {
      field: 'email',
    });
  }
  assertUuid('memberId', ref.memberId);
  return ref.memberId;
}

/**
 * POST `{type: "user", id}`. Not idempotent (a repeat is a 409), so it is sent exactly once: a timeout
 * surfaces as UNAVAILABLE with `outcomeUnknown`, and the caller reads the team before trying again.
 */
export async function addMember(ctx: BirdContext, group: GroupRef, ref: MemberRef, role?: MemberRole): Promise<MemberChange> {
  assertGroup(ctx, group);
  const userId = memberIdOf(ref);
  // [infer] Bird teams have no member roles: every member is a plain member, so only OWNER is refused.
  if (role === 'OWNER') {
    throw new ProviderError(PROVIDER, 'UNSUPPORTED', 'Bird teams have no owner role', { field: 'role' });
  }
  const response = await ctx.http.request({
    method: 'POST',
    path: routePath(MEMBERS, { organizationId: ctx.organizationId, teamId: group.groupId }),
    json: { type: 'user', id: userId },
    idempotent: false,
    accept: [409],
  });
  if (response.status === 409) return { ref, status: 'ALREADY_MEMBER' };
  parseResponse(PROVIDER, TeamMemberAddedWire, response.body, `POST ${MEMBERS}`);
  return { ref, status: 'ADDED' };
}

/**
 * DELETE: a 2xx is REMOVED. A 404 is ambiguous (the user is not in the team, or the team or organization is
 * missing) and Bird documents no code that tells which, so one read of the team decides, on that path only:
 * the team is there, NOT_A_MEMBER; it is not, NOT_FOUND is thrown.
 */
export async function removeMember(ctx: BirdContext, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  assertGroup(ctx, group);
  const userId = memberIdOf(ref);
  const response = await ctx.http.request({
    method: 'DELETE',
    path: routePath(MEMBER, { organizationId: ctx.organizationId, teamId: group.groupId, teamMemberId: userId }),
    idempotent: true,
    accept: [404],
  });
  if (response.status === 404) {
    const missing = await missingTeam(ctx, group.groupId);
    if (missing) throw missing;
    return { ref, status: 'NOT_A_MEMBER' };
  }
  return { ref, status: 'REMOVED' };
}
