// Reads: organizations, teams, team members and organization members, one page at a time or as batches by id.
import { readByIds } from '../batch.js';
import {
  ProviderError,
  type GroupListFilter,
  type GroupRecord,
  type GroupRef,
  type MemberRecord,
  type OrganizationRecord,
  type Page,
  type PageRequest,
} from '../types.js';
import type { GitBookApi, WirePage } from './api.js';
import { MAX_PAGE_SIZE } from './capabilities.js';
import { assertGroupRef, assertOrganizationId, assertTeamId, assertUserId, notFound } from './ids.js';
import { toGroup, toOrganization, toOrganizationMember, toTeamMember } from './map.js';

/** The page size to ask for: PageRequest.size clamped to 1..1000. */
function limitOf(page: PageRequest): number {
  const size = Number.isFinite(page.size) ? Math.floor(page.size) : MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, size));
}

/** The adapter's page token is GitBook's own `next.page` cursor, passed through untouched. */
function cursorOf(page: PageRequest): { after: string | null; limit: number } {
  return { after: page.after ? page.after : null, limit: limitOf(page) };
}

function toPage<W, R>(wire: WirePage<W>, map: (item: W) => R): Page<R> {
  return { items: wire.items.map(map), next: wire.next, totalCount: wire.count };
}

/** A batch walks a list at GitBook's largest page: one call serves 1,000 ids. */
const walkFrom = (after: string | null) => ({ after, limit: MAX_PAGE_SIZE });

/** A single get's 404 answers its id with GitBook's own NOT_FOUND; any other failure fails the batch. */
async function orNotFound<T>(call: Promise<T>): Promise<T | ProviderError> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return error;
    throw error;
  }
}

export async function listOrganizations(api: GitBookApi, page: PageRequest): Promise<Page<OrganizationRecord>> {
  return toPage(await api.listOrganizations(cursorOf(page)), toOrganization);
}

export function getOrganizations(api: GitBookApi, ids: readonly string[]): Promise<Array<OrganizationRecord | ProviderError>> {
  return readByIds(ids, {
    check: assertOrganizationId,
    page: (after) => api.listOrganizations(walkFrom(after)),
    keysOf: (org) => [org.id],
    get: (id) => orNotFound(api.getOrganization(id)),
    toRecord: toOrganization,
    notFound: (id) => notFound('organization', id),
  });
}

export async function listGroups(api: GitBookApi, organizationId: string, page: PageRequest, filter?: GroupListFilter): Promise<Page<GroupRecord>> {
  assertOrganizationId(organizationId);
  const title = filter?.name ? filter.name : undefined;
  return toPage(await api.listTeams(organizationId, cursorOf(page), title), (team) => toGroup(organizationId, team));
}

export async function getGroups(api: GitBookApi, organizationId: string, ids: readonly string[]): Promise<Array<GroupRecord | ProviderError>> {
  assertOrganizationId(organizationId);
  return readByIds(ids, {
    check: assertTeamId,
    page: (after) => api.listTeams(organizationId, walkFrom(after)),
    keysOf: (team) => [team.id],
    get: (id) => orNotFound(api.getTeam(organizationId, id)),
    toRecord: (team) => toGroup(organizationId, team),
    notFound: (id) => notFound('team', id),
  });
}

/** GitBook's member lists take no filters; capabilities say so and the resolvers filter. */
export async function listGroupMembers(api: GitBookApi, group: GroupRef, page: PageRequest): Promise<Page<MemberRecord>> {
  assertGroupRef(group);
  const wire = await api.listTeamMembers(group.organizationId, group.groupId, cursorOf(page));
  return toPage(wire, (item) => toTeamMember(group.organizationId, group.groupId, item));
}

/** GitBook has no read of one team member: the team's list is walked, stopping once every id is seen. */
export async function getGroupMembers(api: GitBookApi, group: GroupRef, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  assertGroupRef(group);
  return readByIds(ids, {
    check: assertUserId,
    page: (after) => api.listTeamMembers(group.organizationId, group.groupId, walkFrom(after)),
    keysOf: (item) => [item.organization.id],
    toRecord: (item) => toTeamMember(group.organizationId, group.groupId, item),
    notFound: (id) => notFound('member of this team with id', id),
  });
}

export async function listOrganizationMembers(api: GitBookApi, organizationId: string, page: PageRequest): Promise<Page<MemberRecord>> {
  assertOrganizationId(organizationId);
  return toPage(await api.listMembers(organizationId, cursorOf(page)), (member) => toOrganizationMember(organizationId, member));
}

export async function getOrganizationMembers(api: GitBookApi, organizationId: string, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  assertOrganizationId(organizationId);
  return readByIds(ids, {
    check: assertUserId,
    page: (after) => api.listMembers(organizationId, walkFrom(after)),
    keysOf: (member) => [member.id],
    get: (id) => orNotFound(api.getMember(organizationId, id)),
    toRecord: (member) => toOrganizationMember(organizationId, member),
    notFound: (id) => notFound('organization member with id', id),
  });
}
