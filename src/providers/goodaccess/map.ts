// GoodAccess JSON to unified records; the organization is the token's tenant, which the API never names.
import type { GroupRecord, JsonObject, MemberRecord, OrganizationRecord } from '../types.js';
import { TENANT_ID } from './ids.js';
import type { Group, ListMember, MemberDetail } from './wire.js';

export function tenantRecord(name: string): OrganizationRecord {
  // No upstream object exists for the tenant, so `raw` holds only what teamgraph knows.
  return { provider: 'GOODACCESS', id: TENANT_ID, name, raw: { id: TENANT_ID, name } };
}

/** Provider times without a zone (the documented "YYYY-MM-DD HH:MM:SS") are UTC. */
function isoFrom(value: string | null | undefined): string | null {
  if (!value) return null;
  const zoneless = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(value);
  return new Date(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : value).toISOString();
}

interface MemberFields {
  id: string;
  name: string;
  login: string | null | undefined;
  blocked: boolean;
  mfa: boolean;
  createdAt: string | null;
}

function memberRecord(fields: MemberFields, groupId: string | null, raw: JsonObject): MemberRecord {
  const login = fields.login ?? null;
  return {
    provider: 'GOODACCESS',
    organizationId: TENANT_ID,
    groupId,
    memberId: fields.id,
    userId: fields.id,
    // The login is an e-mail for most members; a member created with a plain name has none.
    email: login !== null && /^[^@\s]+@[^@\s]+$/.test(login) ? login : null,
    displayName: fields.name,
    firstName: null,
    lastName: null,
    username: login,
    role: null,
    status: fields.blocked ? 'BLOCKED' : 'ACTIVE',
    mfaEnabled: fields.mfa,
    lastLoginAt: null,
    joinedAt: null,
    createdAt: fields.createdAt,
    updatedAt: null,
    groupIds: null,
    raw,
  };
}

/** `raw` is the item as sent: the wire schemas are loose, so unknown fields stay. */
export function memberFromList(item: ListMember, groupId: string | null): MemberRecord {
  return memberRecord(
    {
      id: item.id,
      name: item.name,
      login: item.username,
      blocked: item.is_user_blocked,
      mfa: item.is_mfa_active,
      createdAt: isoFrom(item.created_at),
    },
    groupId,
    { ...item },
  );
}

/** The single get carries no `created_at`, so createdAt is null on records read this way. */
export function memberFromDetail(item: MemberDetail): MemberRecord {
  return memberRecord({ id: item.id, name: item.name, login: item.email, blocked: item.is_blocked, mfa: item.is_mfa_active, createdAt: null }, null, {
    ...item,
  });
}

export function groupFromWire(item: Group): GroupRecord {
  return {
    provider: 'GOODACCESS',
    organizationId: TENANT_ID,
    id: item.id,
    kind: 'userGroup',
    name: item.name,
    memberCount: null, // the group object does not say; counting would cost a relation call per group
    parentId: null,
    path: null,
    createdAt: null,
    raw: { ...item },
  };
}
