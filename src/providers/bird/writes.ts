// Native membership writes: add one member (POST, never retried) and remove one (DELETE, idempotent).
import { ProviderError, type GroupRef, type MemberChange, type MemberRef, type MemberRole } from '../types.js';
import type { BirdApi } from './api.js';
import { assertGroup, assertUuid } from './ids.js';

/** Bird adds by user id only (`refsByEmail` false). */
function memberIdOf(ref: MemberRef): string {
  if (!('memberId' in ref)) {
    throw new ProviderError('BIRD', 'UNSUPPORTED', 'Bird adds and removes team members by user id, not by e-mail', {
      field: 'email',
    });
  }
  assertUuid('memberId', ref.memberId);
  return ref.memberId;
}

/**
 * POST, sent exactly once (see BirdApi.addMember): a timeout surfaces as UNAVAILABLE with `outcomeUnknown`, and
 * the caller reads the team before trying again. A 409 is ALREADY_MEMBER.
 */
export async function addMember(api: BirdApi, group: GroupRef, ref: MemberRef, role?: MemberRole): Promise<MemberChange> {
  assertGroup(group, api.organizationId);
  const userId = memberIdOf(ref);
  // [infer] Bird teams have no member roles: every member is a plain member, so only OWNER is refused.
  if (role === 'OWNER') {
    throw new ProviderError('BIRD', 'UNSUPPORTED', 'Bird teams have no owner role', { field: 'role' });
  }
  return { ref, status: (await api.addMember(group.groupId, userId)) ? 'ADDED' : 'ALREADY_MEMBER' };
}

/**
 * DELETE: a 2xx is REMOVED. A 404 is ambiguous (the user is not in the team, or the team or organization is
 * missing) and Bird documents no code that tells which, so one read of the team decides, on that path only:
 * the team is there, NOT_A_MEMBER; it is not, NOT_FOUND is thrown.
 */
export async function removeMember(api: BirdApi, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  assertGroup(group, api.organizationId);
  const userId = memberIdOf(ref);
  if (await api.removeMember(group.groupId, userId)) return { ref, status: 'REMOVED' };
  const missing = await api.missingTeam(group.groupId);
  if (missing) throw missing;
  return { ref, status: 'NOT_A_MEMBER' };
}
