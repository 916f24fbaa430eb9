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

function memberFields(member: WireOrganizationMember) {
  return {
    provider: 'GITBOOK' as const,
    memberId: member.id,
    userId: member.id,
    email: member.user.email ?? null,
    displayName: member.user.displayName,
    firstName: null,
    lastName: null,
    username: null,
    // GitBook has no invitation state on members: a disabled member is blocked, everyone else active.
    status: member.disabled ? ('BLOCKED' as const) : ('ACTIVE' as const),
    mfaEnabled: null,
    lastLoginAt: iso(member.lastSeenAt),
    joinedAt: iso(member.joinedAt),
    createdAt: null,
    updatedAt: null,
    groupIds: null,
  };
}

/** A team member; `raw` is the whole OrganizationTeamMember (organization, team, permissions). */
export function toTeamMember(organizationId: string, teamId: string, item: WireTeamMember): MemberRecord {
  return {
    ...memberFields(item.organization),
    organizationId,
    groupId: teamId,
    role: toMemberRole(item.team.role),
    raw: item as JsonObject,
  };
}

/** An organization member: no team, so no team role. */
export function toOrganizationMember(organizationId: string, member: WireOrganizationMember): MemberRecord {
  return { ...memberFields(member), organizationId, groupId: null, role: null, raw: member as JsonObject };
}
