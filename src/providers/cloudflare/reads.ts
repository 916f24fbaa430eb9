// Reads: accounts, user groups, group members and account members, one page at a time or as batches by id.
import { z } from 'zod';
import { routePath, type RoutePath } from '../route-path.js';
import type {
  GroupListFilter,
  GroupRecord,
  GroupRef,
  MemberListFilter,
  MemberRecord,
  OrganizationRecord,
  Page,
  PageRequest,
  ProviderError,
} from '../types.js';
import { hintsParentMissing, PARENT_MISSING_HINTS, ROUTES, type CloudflareApi } from './api.js';
import { assertHexId, batchRead } from './ids.js';
import { CLOUDFLARE_STATUSES, toAccountMember, toGroup, toGroupMember, toOrganization } from './map.js';
import { findInPages, GROUP_MEMBER_PAGES, LIST_PAGES, sliceWindow, walkPages, windowFor, type PageWindow } from './paging.js';
import * as wire from './wire.js';

/** Batches of at most this many ids are read one GET each; larger ones page the list instead. */
const GETS_BEFORE_LISTING = 3;

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
  return { items: slice.items.map(toRecord), next: slice.next, totalCount: info.total_count };
}

/** Single GETs in flight at once (a refused bulk write may look up more than a few ids). */
const GET_CONCURRENCY = 8;

/** Any object with an id: all a read of a parent needs to show it exists. */
const exists = wire.envelope(z.looseObject({ id: z.string() }));

/** Where a single GET's 404 may come from besides the item itself, and the sandbox hints that say so. */
interface Parent {
  path: RoutePath;
  hints: readonly number[];
}

/** Runs `task` over `items`, at most `limit` at once. */
async function eachBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Throws NOT_FOUND (the read's own 404) when the parent at `path` does not exist. */
async function assertExists(api: CloudflareApi, path: RoutePath): Promise<void> {
  await api.call({ method: 'GET', path, idempotent: true }, exists);
}

/**
 * Single GETs of a few ids. A 404 means "not there", by its status: the API documents no code that tells a
 * missing item from a missing parent. [infer] Only when a 404 carries the sandbox's parent-missing hint, and
 * no other GET of the batch proved the parent is there, one read of the parent decides; a missing parent
 * fails the whole call with NOT_FOUND. Without the hint (the real API) a missing parent reads as items not found.
 */
async function getEach<S extends z.ZodType>(
  api: CloudflareApi,
  ids: readonly string[],
  pathOf: (id: string) => RoutePath,
  schema: S,
  parent: Parent | null,
): Promise<Map<string, z.output<S>>> {
  const found = new Map<string, z.output<S>>();
  let hinted = false;
  await eachBounded(ids, GET_CONCURRENCY, async (id) => {
    const answer = await api.attempt({ method: 'GET', path: pathOf(id), idempotent: true }, wire.envelope(schema), [404]);
    if (answer.ok) found.set(id, answer.value.result as z.output<S>);
    else if (parent && hintsParentMissing(answer, parent.hints)) hinted = true;
  });
  if (hinted && found.size === 0 && parent) await assertExists(api, parent.path);
  return found;
}

// --- accounts -------------------------------------------------------------------------------------------

export async function listOrganizations(api: CloudflareApi, request: PageRequest): Promise<Page<OrganizationRecord>> {
  return readPage(api, routePath(ROUTES.accounts), wire.account, windowFor(request, LIST_PAGES), {}, toOrganization);
}

export async function getOrganizations(api: CloudflareApi, ids: readonly string[]): Promise<Array<OrganizationRecord | ProviderError>> {
  return batchRead('account id', ids, async (valid) => {
    const found =
      valid.length <= GETS_BEFORE_LISTING
        ? await getEach(api, valid, (id) => routePath(ROUTES.account, { account_id: id }), wire.account, null)
        : await findInPages(new Set(valid), LIST_PAGES.max, (page, perPage) =>
            fetchPage(api, routePath(ROUTES.accounts), wire.account, page, perPage),
          );
    return new Map([...found].map(([id, account]) => [id, toOrganization(account)]));
  });
}

/** An account, as the parent of its groups and members: a 404 hinted "account not found" makes a read check it. */
function accountParent(accountId: string): Parent {
  return { path: routePath(ROUTES.account, { account_id: accountId }), hints: [PARENT_MISSING_HINTS.account] };
}

// --- user groups ----------------------------------------------------------------------------------------

export async function listGroups(
  api: CloudflareApi,
  organizationId: string,
  request: PageRequest,
  filter: GroupListFilter = {},
): Promise<Page<GroupRecord>> {
  assertHexId('account id', organizationId);
  const window = windowFor(request, LIST_PAGES);
  const path = routePath(ROUTES.userGroups, { account_id: organizationId });
  return readPage(api, path, wire.userGroup, window, { fuzzyName: filter.name || undefined }, (group) => toGroup(organizationId, group));
}

export async function getGroups(api: CloudflareApi, organizationId: string, ids: readonly string[]): Promise<Array<GroupRecord | ProviderError>> {
  assertHexId('account id', organizationId);
  return batchRead('user group id', ids, async (valid) => {
    const found =
      valid.length <= GETS_BEFORE_LISTING
        ? await getEach(
            api,
            valid,
            (id) => routePath(ROUTES.userGroup, { account_id: organizationId, user_group_id: id }),
            wire.userGroup,
            accountParent(organizationId),
          )
        : await findInPages(new Set(valid), LIST_PAGES.max, (page, perPage) =>
            fetchPage(api, routePath(ROUTES.userGroups, { account_id: organizationId }), wire.userGroup, page, perPage),
          );
    return new Map([...found].map(([id, group]) => [id, toGroup(organizationId, group)]));
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

export async function listGroupMembers(
  api: CloudflareApi,
  group: GroupRef,
  request: PageRequest,
  filter: MemberListFilter = {},
): Promise<Page<MemberRecord>> {
  const path = groupMembersPath(group);
  const window = windowFor(request, GROUP_MEMBER_PAGES);
  // `fuzzyEmail` is the one server-side filter; status is left to the caller (capabilities.filters.status false).
  return readPage(api, path, wire.groupMember, window, { fuzzyEmail: filter.emailContains || undefined }, (member) =>
    toGroupMember(group.organizationId, group.groupId, member),
  );
}

/** The wire members of a group among `ids`: one GET for a single id, else the list paged at 500 until all are seen. */
export async function findGroupMembers(api: CloudflareApi, group: GroupRef, ids: readonly string[]): Promise<Map<string, wire.GroupMember>> {
  const path = groupMembersPath(group);
  const [only] = ids;
  if (ids.length === 1 && only !== undefined) {
    const memberPath = (id: string) =>
      routePath(ROUTES.groupMember, { account_id: group.organizationId, user_group_id: group.groupId, member_id: id });
    return getEach(api, [only], memberPath, wire.groupMemberGet, {
      path: groupPath(group),
      hints: [PARENT_MISSING_HINTS.group, PARENT_MISSING_HINTS.account],
    });
  }
  return findInPages(new Set(ids), GROUP_MEMBER_PAGES.max, (page, perPage) => fetchPage(api, path, wire.groupMember, page, perPage));
}

export async function getGroupMembers(api: CloudflareApi, group: GroupRef, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  groupMembersPath(group);
  return batchRead('member id', ids, async (valid) => {
    const found = await findGroupMembers(api, group, valid);
    return new Map([...found].map(([id, member]) => [id, toGroupMember(group.organizationId, group.groupId, member)]));
  });
}

/** Every member id of a group, walking the list at the largest page. */
export async function allGroupMemberIds(api: CloudflareApi, group: GroupRef): Promise<string[]> {
  const path = groupMembersPath(group);
  const ids = new Set<string>();
  await walkPages(
    GROUP_MEMBER_PAGES.max,
    (page, perPage) => fetchPage(api, path, wire.groupMember, page, perPage),
    (items) => {
      for (const item of items) ids.add(item.id);
      return 'more';
    },
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

export async function getOrganizationMembers(
  api: CloudflareApi,
  organizationId: string,
  ids: readonly string[],
): Promise<Array<MemberRecord | ProviderError>> {
  assertHexId('account id', organizationId);
  return batchRead('member id', ids, async (valid) => {
    const found =
      valid.length === 1
        ? await getEach(
            api,
            valid,
            (id) => routePath(ROUTES.accountMember, { account_id: organizationId, member_id: id }),
            wire.accountMember,
            accountParent(organizationId),
          )
        : await findInPages(new Set(valid), LIST_PAGES.max, (page, perPage) =>
            fetchPage(api, routePath(ROUTES.accountMembers, { account_id: organizationId }), wire.accountMember, page, perPage),
          );
    return new Map([...found].map(([id, member]) => [id, toAccountMember(organizationId, member)]));
  });
}

/**
 * The account members among `ids`, for telling which ids a refused bulk write could not take: the refusal's
 * codes are not documented, so the account's own state decides. As few calls as it can: up to 3 ids, a GET
 * each. More: the first page of the list (50, the API's largest), which also gives the total; then, for the
 * ids still unseen, whichever is fewer: a GET each, or the remaining pages. An unknown id is never seen in the
 * list, so a walk would read every page; a GET per id wins whenever there are fewer ids left than pages.
 */
export async function findAccountMembers(
  api: CloudflareApi,
  accountId: string,
  ids: readonly string[],
): Promise<Map<string, wire.AccountMember>> {
  assertHexId('account id', accountId);
  const wanted = [...new Set(ids)];
  const listPath = routePath(ROUTES.accountMembers, { account_id: accountId });
  const memberPath = (id: string) => routePath(ROUTES.accountMember, { account_id: accountId, member_id: id });
  if (wanted.length <= GETS_BEFORE_LISTING) return getEach(api, wanted, memberPath, wire.accountMember, accountParent(accountId));

  const perPage = LIST_PAGES.max;
  const first = await fetchPage(api, listPath, wire.accountMember, 1, perPage);
  const want = new Set(wanted);
  const found = new Map(first.items.filter((m) => want.has(m.id)).map((m) => [m.id, m] as const));
  const unseen = wanted.filter((id) => !found.has(id));
  const lastPage = Math.ceil(first.info.total_count / perPage);
  if (unseen.length === 0 || lastPage <= 1) return found;
  if (unseen.length <= lastPage - 1) {
    // The first page proved the account exists: these 404s can only mean "not a member of it".
    for (const [id, member] of await getEach(api, unseen, memberPath, wire.accountMember, null)) found.set(id, member);
    return found;
  }
  for (let page = 2; page <= lastPage && found.size < want.size; page++) {
    const { items } = await fetchPage(api, listPath, wire.accountMember, page, perPage);
    if (items.length === 0) break;
    for (const item of items) if (want.has(item.id)) found.set(item.id, item);
  }
  return found;
}
