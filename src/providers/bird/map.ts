// Maps Bird's wire records to teamgraph's unified organization, group and member records.
import { isoUtc } from '../iso-date.js';
import type { GroupRecord, JsonObject, MemberRecord, MemberStatus, OrganizationRecord } from '../types.js';
import type { TeamMemberWire, TeamWire } from './wire.js';

const STATUS: Record<string, MemberStatus> = {
  active: 'ACTIVE',
  invited: 'INVITED',
  'requested-to-join': 'REQUESTED_TO_JOIN',
};

/** Bird's status for a unified one; null where Bird has no such status (PENDING, BLOCKED, UNKNOWN). */
export function birdStatusFor(status: MemberStatus): string | null {
  return Object.entries(STATUS).find(([, unified]) => unified === status)?.[0] ?? null;
}

const iso = isoUtc;

/** Bird has no organization endpoint: the record is the configured id and name. */
export function toOrganizationRecord(id: string, name: string): OrganizationRecord {
  return { provider: 'BIRD', id, name, raw: { id, name } };
}

export function toGroupRecord(organizationId: string, team: TeamWire): GroupRecord {
  return {
    provider: 'BIRD',
    organizationId,
    id: team.id,
    kind: 'team',
    name: team.name,
    // Pending (invited and requested-to-join) members are members of the team too, just not yet active.
    memberCount: team.activeMemberCount + team.pendingMemberCount,
    parentId: null,
    path: null,
    createdAt: iso(team.createdAt),
    raw: { ...team } as JsonObject,
  };
}

/** The member id is the user id: Bird memberships have no id of their own, and no name or e-mail. */
export function toMemberRecord(organizationId: string, groupId: string, member: TeamMemberWire): MemberRecord {
  return {
    provider: 'BIRD',
    organizationId,
    groupId,
    memberId: member.id,
    userId: member.id,
    email: null,
    displayName: null,
    firstName: null,
    lastName: null,
    username: null,
    role: null,
    // [infer] A status Bird adds later reads as UNKNOWN rather than failing the page.
    status: STATUS[member.status] ?? 'UNKNOWN',
    mfaEnabled: null,
    lastLoginAt: null,
    // Bird's createdAt is when the membership (or its invitation) was made, not necessarily when the user joined.
    joinedAt: null,
    createdAt: iso(member.createdAt),
    updatedAt: iso(member.updatedAt),
    groupIds: null,
    raw: { ...member } as JsonObject,
  };
}
