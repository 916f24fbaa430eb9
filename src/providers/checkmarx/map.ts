// Checkmarx users and teams to unified records: string ids, the team path, active to ACTIVE/BLOCKED.
import type { GroupRecord, JsonObject, MemberRecord, OrganizationRecord } from '../types.js';
import { SERVER_ORG_ID } from './ids.js';
import { isoFromDotNet, type WireTeam, type WireUser } from './wire.js';

export function serverRecord(name: string): OrganizationRecord {
  return { provider: 'CHECKMARX', id: SERVER_ORG_ID, name, raw: {} };
}

function iso(value: string | null | undefined): string | null {
  return value ? isoFromDotNet(value) : null;
}

function text(value: string | null | undefined): string | null {
  return value && value.trim() !== '' ? value : null;
}

/**
 * memberCount is null: no team read says how many members a team has, and counting from the users'
 * teamIds would cost a GET /auth/Users that getGroups does not make. A team's member list comes whole,
 * so listGroupMembers' totalCount is exact.
 */
export function teamRecord(team: WireTeam, raw: JsonObject): GroupRecord {
  return {
    provider: 'CHECKMARX',
    organizationId: SERVER_ORG_ID,
    id: String(team.id),
    kind: 'team',
    name: team.name,
    memberCount: null,
    parentId: team.parentId === 0 ? null : String(team.parentId),
    path: team.fullName,
    createdAt: null,
    raw,
  };
}

export function memberRecord(user: WireUser, raw: JsonObject, groupId: string | null): MemberRecord {
  const firstName = text(user.firstName);
  const lastName = text(user.lastName);
  const displayName = [firstName, lastName].filter((part) => part !== null).join(' ');
  return {
    provider: 'CHECKMARX',
    organizationId: SERVER_ORG_ID,
    groupId,
    memberId: String(user.id),
    userId: String(user.id),
    email: text(user.email),
    displayName: displayName === '' ? null : displayName,
    firstName,
    lastName,
    username: text(user.userName ?? user.username),
    role: null,
    status: user.active ? 'ACTIVE' : 'BLOCKED',
    mfaEnabled: null,
    lastLoginAt: iso(user.lastLoginDate),
    joinedAt: null,
    createdAt: iso(user.creationDate),
    updatedAt: null,
    groupIds: user.teamIds ? user.teamIds.map(String) : null,
    raw,
  };
}
