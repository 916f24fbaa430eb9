// The providers' JSON (the few fields the benchmark shows) and its mapping to the schema's member fields, written by hand.
import { memberId } from './ids.js';

/** The member fields the benchmark operations select, in the schema's terms. */
export interface MemberView {
  id: string;
  displayName: string | null;
  email: string | null;
  role: 'OWNER' | 'MEMBER' | null;
  status: string;
}

// --- GitBook ------------------------------------------------------------------------------------------------
export interface GitBookList<T> {
  items: T[];
  next?: { page: string };
}
export interface GitBookOrganization {
  id: string;
  title: string;
}
export interface GitBookTeam {
  id: string;
  title: string;
  members: number;
}
export interface GitBookTeamMember {
  organization: { id: string; disabled: boolean; user: { displayName: string; email?: string | null } };
  team: { role: string };
}

export function gitbookMember(organizationId: string, teamId: string, item: GitBookTeamMember): MemberView {
  return {
    id: memberId('GITBOOK', organizationId, teamId, item.organization.id),
    displayName: item.organization.user.displayName,
    email: item.organization.user.email ?? null,
    role: item.team.role === 'owner' ? 'OWNER' : 'MEMBER',
    status: item.organization.disabled ? 'BLOCKED' : 'ACTIVE',
  };
}

// --- Cloudflare ---------------------------------------------------------------------------------------------
export interface CloudflareList<T> {
  result: T[];
  result_info?: { total_pages?: number; total_count?: number };
}
export interface CloudflareAccount {
  id: string;
  name: string;
}
export interface CloudflareGroup {
  id: string;
  name: string;
}
export interface CloudflareGroupMember {
  id: string;
  email?: string | null;
  status?: string | null;
  user?: CloudflareUser | null;
}
export interface CloudflareUser {
  id?: string;
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
}
export interface CloudflareAccountMember {
  id: string;
  email?: string | null;
  status?: string | null;
  user?: CloudflareUser | null;
}

function cloudflareName(user: CloudflareUser | null | undefined): string | null {
  const name = [user?.first_name, user?.last_name].filter((part) => part !== null && part !== undefined && part !== '').join(' ');
  return name === '' ? null : name;
}

function cloudflareStatus(status: string | null | undefined): string {
  if (status === 'accepted') return 'ACTIVE';
  if (status === 'pending') return 'PENDING';
  return 'UNKNOWN';
}

/**
 * A group member, its name (and its e-mail, where the group's record has none) from the account's member record:
 * group member lists carry no names. A single member read (`user` inside) needs no account record.
 */
export function cloudflareMember(accountId: string, groupId: string, item: CloudflareGroupMember, account?: CloudflareAccountMember): MemberView {
  return {
    id: memberId('CLOUDFLARE', accountId, groupId, item.id),
    displayName: cloudflareName(item.user) ?? cloudflareName(account?.user),
    email: item.email ?? item.user?.email ?? account?.email ?? account?.user?.email ?? null,
    role: null,
    status: cloudflareStatus(item.status),
  };
}

// --- GoodAccess ---------------------------------------------------------------------------------------------
export interface GoodAccessGroup {
  id: string;
  name: string;
}
export interface GoodAccessMember {
  id: string;
  name: string;
  username?: string | null;
  is_user_blocked: boolean;
}

export function goodaccessMember(groupId: string, item: GoodAccessMember): MemberView {
  const login = item.username ?? null;
  return {
    id: memberId('GOODACCESS', 'tenant', groupId, item.id),
    displayName: item.name,
    // The login is an e-mail for most members; one created with a plain name has none.
    email: login !== null && /^[^@\s]+@[^@\s]+$/.test(login) ? login : null,
    role: null,
    status: item.is_user_blocked ? 'BLOCKED' : 'ACTIVE',
  };
}

// --- Bird ---------------------------------------------------------------------------------------------------
export interface BirdList<T> {
  results: T[];
  nextPageToken?: string | null;
}
export interface BirdTeam {
  id: string;
  name: string;
  activeMemberCount: number;
  pendingMemberCount: number;
}
export interface BirdMember {
  id: string;
  status: string;
}

const BIRD_STATUS: Record<string, string> = { active: 'ACTIVE', invited: 'INVITED', 'requested-to-join': 'REQUESTED_TO_JOIN' };

/** Bird memberships carry no name or e-mail. */
export function birdMember(organizationId: string, teamId: string, item: BirdMember): MemberView {
  return { id: memberId('BIRD', organizationId, teamId, item.id), displayName: null, email: null, role: null, status: BIRD_STATUS[item.status] ?? 'UNKNOWN' };
}

// --- Checkmarx ----------------------------------------------------------------------------------------------
export interface CheckmarxTeam {
  id: number;
  name: string;
}
export interface CheckmarxUser {
  id: number;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  active: boolean;
  teamIds?: number[] | null;
}

const text = (value: string | null | undefined): string | null => (value && value.trim() !== '' ? value : null);

export function checkmarxMember(teamId: string, user: CheckmarxUser): MemberView {
  const name = [text(user.firstName), text(user.lastName)].filter((part) => part !== null).join(' ');
  return {
    id: memberId('CHECKMARX', 'cxserver', teamId, String(user.id)),
    displayName: name === '' ? null : name,
    email: text(user.email),
    role: null,
    status: user.active ? 'ACTIVE' : 'BLOCKED',
  };
}
