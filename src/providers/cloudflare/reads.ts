// Reads: accounts, user groups, group members and account members, one page at a time or as batches by id.
import { z } from 'zod';
import { findByKeys, readByIds, walkList, type ListPage, type Lookup } from '../batch.js';
import { routePath, type RoutePath } from '../route-path.js';
import type { GroupListFilter, GroupRecord, GroupRef, MemberListFilter, MemberRecord, OrganizationRecord, Page, PageRequest, ProviderError } from '../types.js';
import { hintsParentMissing, PARENT_MISSING_HINTS, ROUTES, type CloudflareApi } from './api.js';
import { assertHexId, notFoundError } from './ids.js';
import { CLOUDFLARE_STATUSES, toAccountMember, toGroup, toGroupMember, toOrganization } from './map.js';
import { GROUP_MEMBER_PAGES, LIST_PAGES, sliceWindow, walkPage, windowFor, type PageWindow } from './paging.js';
import * as wire from './wire.js';

async function fetchPage<S extends z.ZodType>(
  api: CloudflareApi,
  path: RoutePath,
  item: S,
  page: number,
  perPage: number,
  query: Record<string, string | undefined> = {},
) {
  const body = await api.call({ method: 'GET', path, query: { ...query, page, per_page: perPage }, idempotent: true }, wire.listEnvelope(item));
  return { items: body.result as Array<z.output<S>>, info: body.result_info };
}

/** One unified page out of the upstream page that holds it. */
async function readPage<S extends z.ZodType, R>(
  api: CloudflareApi,
  path: RoutePath,
  item: S,
  window: PageWindow,
  query: Record<string, string | undefined>,
  toRecord: (item: z.output<S>) => R,
): Promise<Page<R>> {
  const { items, info } = await fetchPage(api, path, item, window.page, window.perPage, query);
  const slice = sliceWindow(window, items, info);
  return { items: slice.items.map(toRecord), next: slice.next, totalCount: info.total_count, ...(slice.following ? { following: slice.following } : {}) };
}

/** Page `page` (null: the first) of a list at `perPage`, as a batch walks it. */
async function walkAt<S extends z.ZodType>(
  api: CloudflareApi,
  path: RoutePath,
  item: S,
  perPage: number,
  page: number | null,
): Promise<ListPage<z.output<S>, number>> {
  const number = page ?? 1;
  const { items, info } = await fetchPage(api, path, item, number, perPage);
  return walkPage(number, perPage, items, info);
}

/** Any object with an id: all a read of a parent needs to show it exists. */
const exists = wire.envelope(z.object({ id: z.string() }));

/** Where a single GET's 404 may come from besides the item itself, and the sandbox hints that say so. */
interface Parent {
  path: RoutePath;
  hints: readonly number[];
}

/**
 * The single GETs of one batch. A 404 means "not there", by its status: the API documents no code that tells a
 * missing item from a missing parent. [infer] Only when a 404 carries the sandbox's parent-missing hint, and no
 * other GET of the batch found its item, one read of the parent decides; a missing parent fails the whole call
 * with NOT_FOUND (the read's own 404). Without the hint (the real API) a missing parent reads as items not found.
 */
function singleGets<S extends z.ZodType>(
  api: CloudflareApi,
  pathOf: (id: string) => RoutePath,
  schema: S,
  parent: Parent | null,
): Pick<Lookup<unknown, number, z.output<S>>, 'get' | 'afterGets'> {
  let hinted = false;
  return {
    get: async (id) => {
      const answer = await api.attempt({ method: 'GET', path: pathOf(id), idempotent: true }, wire.envelope(schema), [404]);
      if (answer.ok) return (answer.value as { result: z.output<S> }).result;
      if (parent && hintsParentMissing(answer, parent.hints)) hinted = true;
      return null;
    },
    afterGets: async (answers) => {
      if (hinted && parent && answers.every((answer) => answer === null)) {
        await api.call({ method: 'GET', path: parent.path, idempotent: true }, exists);
      }
    },
  };
}

// --- accounts -------------------------------------------------------------------------------------------

export async function listOrganizations(api: CloudflareApi, request: PageRequest): Promise<Page<OrganizationRecord>> {
  return readPage(api, routePath(ROUTES.accounts), wire.account, windowFor(request, LIST_PAGES), {}, toOrganization);
}

export async function getOrganizations(api: CloudflareApi, ids: readonly string[]): Promise<Array<OrganizationRecord | ProviderError>> {
  return readByIds(ids, {
    check: (id) => assertHexId('account id', id),
    page: (page: number | null) => walkAt(api, routePath(ROUTES.accounts), wire.account, LIST_PAGES.max, page),
    keysOf: (account) => [account.id],
    ...singleGets(api, (id) => routePath(ROUTES.account, { account_id: id }), wire.account, null),
    toRecord: toOrganization,
    notFound: (id) => notFoundError('account id', id),
  });
}

/** An account, as the parent of its groups and members: a 404 hinted "account not found" makes a read check it. */
function accountParent(accountId: string): Parent {
  return { path: routePath(ROUTES.account, { account_id: accountId }), hints: [PARENT_MISSING_HINTS.account] };
}

// --- user groups ----------------------------------------------------------------------------------------

export async function listGroups(api: CloudflareApi, organizationId: string, request: PageRequest, filter: GroupListFilter = {}): Promise<Page<GroupRecord>> {
  assertHexId('account id', organizationId);
  const window = windowFor(request, LIST_PAGES);
  const path = routePath(ROUTES.userGroups, { account_id: organizationId });
  return readPage(api, path, wire.userGroup, window, { fuzzyName: filter.name || undefined }, (group) => toGroup(organizationId, group));
}

export async function getGroups(api: CloudflareApi, organizationId: string, ids: readonly string[]): Promise<Array<GroupRecord | ProviderError>> {
  assertHexId('account id', organizationId);
  return readByIds(ids, {
    check: (id) => assertHexId('user group id', id),
    page: (page: number | null) => walkAt(api, routePath(ROUTES.userGroups, { account_id: organizationId }), wire.userGroup, LIST_PAGES.max, page),
    keysOf: (group) => [group.id],
    ...singleGets(api, (id) => routePath(ROUTES.userGroup, { account_id: organizationId, user_group_id: id }), wire.userGroup, accountParent(organizationId)),
    toRecord: (group) => toGroup(organizationId, group),
    notFound: (id) => notFoundError('user group id', id),
  });
}

// --- group members --------------------------------------------------------------------------------------

/** The user group itself (`GET` answers 404 when it, or its account, is missing). */
export function groupPath(group: GroupRef): RoutePath {
  assertHexId('account id', group.organizationId);
  assertHexId('user group id', group.groupId);
  return routePath(ROUTES.userGroup, { account_id: group.organizationId, user_group_id: group.groupId });
}

export function groupMembersPath(group: GroupRef): RoutePath {
  assertHexId('account id', group.organizationId);
  assertHexId('user group id', group.groupId);
  return routePath(ROUTES.groupMembers, { account_id: group.organizationId, user_group_id: group.groupId });
}

export async function listGroupMembers(api: CloudflareApi, group: GroupRef, request: PageRequest, filter: MemberListFilter = {}): Promise<Page<MemberRecord>> {
  const path = groupMembersPath(group);
  const window = windowFor(request, GROUP_MEMBER_PAGES);
  // `fuzzyEmail` is the one server-side filter; status is left to the caller (capabilities.filters.status false).
  return readPage(api, path, wire.groupMember, window, { fuzzyEmail: filter.emailContains || undefined }, (member) =>
    toGroupMember(group.organizationId, group.groupId, member),
  );
}

/**
 * How a batch finds a group's members: one GET for a single id, else the list at 500 a page until all are seen.
 * One, not the kit's three: member ids come in batches (the gateway's nodes(ids:) groups them by group, a bulk
 * write classifies its ids with one read), and from two on a page of 500 serves them in one call in all but the
 * largest groups (test/gateway/call-counts.test.ts and the Cloudflare bulk-write tests count on it).
 */
function groupMemberLookup(api: CloudflareApi, group: GroupRef) {
  const path = groupMembersPath(group);
  const memberPath = (id: string) => routePath(ROUTES.groupMember, { account_id: group.organizationId, user_group_id: group.groupId, member_id: id });
  return {
    page: (page: number | null) => walkAt(api, path, wire.groupMember, GROUP_MEMBER_PAGES.max, page),
    keysOf: (member: { id: string }) => [member.id],
    ...singleGets(api, memberPath, wire.groupMemberGet, {
      path: groupPath(group),
      hints: [PARENT_MISSING_HINTS.group, PARENT_MISSING_HINTS.account],
    }),
    maxSingleGets: 1,
  };
}

/** The wire members of a group among `ids`. */
export async function findGroupMembers(api: CloudflareApi, group: GroupRef, ids: readonly string[]): Promise<Map<string, wire.GroupMember>> {
  return findByKeys(ids, groupMemberLookup(api, group));
}

export async function getGroupMembers(api: CloudflareApi, group: GroupRef, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  return readByIds(ids, {
    ...groupMemberLookup(api, group),
    check: (id) => assertHexId('member id', id),
    toRecord: (member) => toGroupMember(group.organizationId, group.groupId, member),
    notFound: (id) => notFoundError('member id', id),
  });
}

/** Every member id of a group, at the largest page: the first, then every other at once. */
export async function allGroupMemberIds(api: CloudflareApi, group: GroupRef): Promise<string[]> {
  const path = groupMembersPath(group);
  const ids = new Set<string>();
  await walkList(
    (page: number | null) => walkAt(api, path, wire.groupMember, GROUP_MEMBER_PAGES.max, page),
    ({ items }) => {
      for (const item of items) ids.add(item.id);
      return 'more';
    },
    true,
  );
  return [...ids];
}

// --- account members ------------------------------------------------------------------------------------

export async function listOrganizationMembers(
  api: CloudflareApi,
  organizationId: string,
  request: PageRequest,
  filter: MemberListFilter = {},
): Promise<Page<MemberRecord>> {
  assertHexId('account id', organizationId);
  const path = routePath(ROUTES.accountMembers, { account_id: organizationId });
  const window = windowFor(request, LIST_PAGES);
  // The API filters one status; a wider status set is left to the caller, as capabilities.filters.status says.
  const statuses = new Set((filter.status ?? []).map((s) => CLOUDFLARE_STATUSES[s]).filter((s) => s !== undefined));
  const status = statuses.size === 1 ? [...statuses][0] : undefined;
  const page = await readPage(api, path, wire.accountMember, window, { status }, (member) => toAccountMember(organizationId, member));
  const needle = filter.emailContains?.toLowerCase();
  if (!needle) return page;
  // This list has no e-mail filter upstream: filter the page here; pages may come back short, the walk stays whole.
  return { ...page, items: page.items.filter((m) => m.email?.toLowerCase().includes(needle)), totalCount: null };
}

/** How a batch finds an account's members: a GET each, or the list at 50 a page (the API's largest). */
function accountMemberLookup(api: CloudflareApi, accountId: string) {
  return {
    page: (page: number | null) => walkAt(api, routePath(ROUTES.accountMembers, { account_id: accountId }), wire.accountMember, LIST_PAGES.max, page),
    keysOf: (member: { id: string }) => [member.id],
    ...singleGets(api, (id) => routePath(ROUTES.accountMember, { account_id: accountId, member_id: id }), wire.accountMember, accountParent(accountId)),
  };
}

/**
 * Up to three ids: a GET each (the kit's default). More: the first page of the list (50, the API's largest), then
 * for the ids still unseen whichever is fewer: a GET each, or every remaining page at once. (The gateway's own
 * lookups of names go through its request's page cache instead: resolvers/details-directory.ts.)
 */
export async function getOrganizationMembers(api: CloudflareApi, organizationId: string, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  assertHexId('account id', organizationId);
  return readByIds(ids, {
    ...accountMemberLookup(api, organizationId),
    getUnseenWhenCheaper: true,
    check: (id) => assertHexId('member id', id),
    toRecord: (member) => toAccountMember(organizationId, member),
    notFound: (id) => notFoundError('member id', id),
  });
}

/**
 * The account members among `ids`, for telling which ids a refused bulk write could not take: the refusal's
 * codes are not documented, so the account's own state decides. As few calls as it can: up to 3 ids (the kit's
 * default), a GET each. More: the first page of the list (50, the API's largest), which also gives the total;
 * then, for the ids still unseen, whichever is fewer: a GET each, or the remaining pages. An unknown id is never
 * seen in the list, so a walk would read every page; a GET per id wins whenever there are no more ids left than pages.
 */
export async function findAccountMembers(api: CloudflareApi, accountId: string, ids: readonly string[]): Promise<Map<string, wire.AccountMember>> {
  assertHexId('account id', accountId);
  return findByKeys(ids, { ...accountMemberLookup(api, accountId), getUnseenWhenCheaper: true });
}
