// The JSON shapes GoodAccess answers with: the list item and the single get name the same fields differently.
import type { GroupState, MemberState } from './state.js';

/** "YYYY-MM-DD HH:MM:SS", no zone, as in the docs; the sandbox writes UTC. [infer: the zone is undocumented] */
export function formatCreatedAt(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** `GET /members` and the relation list: `username`, `avatar`, `is_user_blocked`, with `created_at`. */
export function memberListItem(member: MemberState): Record<string, unknown> {
  return {
    id: member.id,
    created_at: formatCreatedAt(member.createdAt),
    avatar: member.avatar,
    name: member.name,
    username: member.username,
    is_user_blocked: member.blocked,
    is_mfa_active: member.mfaActive,
  };
}

/** `GET /member/{id}`: `email`, `avatar_url`, `is_blocked`, and no `created_at`. */
export function memberDetail(member: MemberState): Record<string, unknown> {
  return {
    id: member.id,
    name: member.name,
    email: member.username,
    avatar_url: member.avatar,
    is_mfa_active: member.mfaActive,
    is_blocked: member.blocked,
  };
}

export function groupItem(group: GroupState): Record<string, unknown> {
  return {
    id: group.id,
    name: group.name,
    forced_always_on_included: group.forcedAlwaysOnIncluded,
    forced_always_on_excluded: group.forcedAlwaysOnExcluded,
    geo_restriction_included: group.geoRestrictionIncluded,
  };
}
