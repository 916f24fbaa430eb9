// GitBook's JSON to unified records: organizations, teams, and members (team-level and organization-level).
import { isoUtc } from '../iso-date.js';
import type { GroupRecord, JsonObject, MemberRecord, MemberRole, OrganizationRecord } from '../types.js';
import type { WireOrganization, WireOrganizationMember, WireTeam, WireTeamMember, WireTeamRole } from './wire.js';

const iso = (value: string | null | undefined): string | null => (value ? isoUtc(value) : null);

export function toOrganization(org: WireOrganization): OrganizationRecord {
  return { provider: 'GITBOOK', id: org.id, name: org.title, raw: org as JsonObject };
}

export function toGroup(organizationId: string, team: WireTeam): GroupRecord {
  return {
    provider: 'GITBOOK',
    organizationId,
    id: team.id,
    kind: 'team',
    name: team.title,
    memberCount: team.members,
    parentId: null,
    path: null,
    createdAt: iso(team.createdAt),
    raw: team as JsonObject,
  };
}

/** `owner` manages the team; any other value (today `member`, once `participant`) is a plain member. */
function toMemberRole(role: string): MemberRole {
  return role === 'owner' ? 'OWNER' : 'MEMBER';
}

export function toWireRole(role: MemberRole): WireTeamRole {
  return role === 'OWNER' ? 'owner' : 'member';
}

/** One record, built in one literal (no spread of a partial one): made for every member of every page read. */
function member(organizationId: string, groupId: string | null, role: MemberRole | null, wire: WireOrganizationMember, raw: JsonObject): MemberRecord {
  return {
    provider: 'GITBOOK',
    organizationId,
    groupId,
    memberId: wire.id,
    userId: wire.id,
    email: wire.user.email ?? null,
    displayName: wire.user.displayName,
    firstName: null,
    lastName: null,
    username: null,
    role,
    // GitBook has no invitation state on members: a disabled member is blocked, everyone else active.
    status: wire.disabled ? 'BLOCKED' : 'ACTIVE',
    mfaEnabled: null,
    lastLoginAt: iso(wire.lastSeenAt),
    joinedAt: iso(wire.joinedAt),
    createdAt: null,
    updatedAt: null,
    groupIds: null,
    raw,
  };
}

/** A team member; `raw` is the whole OrganizationTeamMember (organization, team, permissions). */
export function toTeamMember(organizationId: string, teamId: string, item: WireTeamMember): MemberRecord {
  return member(organizationId, teamId, toMemberRole(item.team.role), item.organization, item as JsonObject);
}

/** An organization member: no team, so no team role. */
export function toOrganizationMember(organizationId: string, wire: WireOrganizationMember): MemberRecord {
  return member(organizationId, null, null, wire, wire as JsonObject);
}
