// A provider's lists as Relay connections (a group's members, an organization's members, its groups): one helper reads, filters and pages them alike.
import {
  ProviderError,
  type GroupKind,
  type GroupListFilter,
  type GroupRecord,
  type MemberListFilter,
  type MemberRecord,
  type OrganizationRecord,
  type ProviderId,
} from '../providers/types.js';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import {
  connectionFromPages,
  DEFAULT_FIRST,
  emptyConnection,
  firstFrom,
  firstPageOf,
  type Connection,
  type ConnectionArgs,
  type PagedList,
} from './connections.js';
import { MAX_CURSOR_PAGE_SIZE } from './cursor.js';
import { surfaced, toGraphQLError } from './errors.js';
import { groupFilters, memberFilters, type MemberFilterInput, type SplitFilter } from './filters.js';
import type { ReadContext } from './read-context.js';
import { argumentsOf, connectionItems, connectionItemsAt, named, type ConnectionItems } from './selection.js';

/** One provider list: where it is, what names it in its cursors, and its filter split between provider and here. */
interface ProviderList<T> {
  provider: ProviderId;
  kind: 'groups' | 'groupMembers' | 'organizationMembers';
  organizationId: string;
  /** Set for a group's members only. */
  groupId?: string;
  /** The list and its filters: cursors are only valid on the list that made them. */
  key: readonly unknown[];
  filter: SplitFilter<T, MemberListFilter | GroupListFilter>;
}

/** The list as a connection, its pages read through the request's loaders; provider errors as GraphQL errors. */
function providerConnection<T>(ctx: ReadContext, args: ConnectionArgs, list: ProviderList<T>): Promise<Connection<T>> {
  return surfaced(connectionFromPages(ctx.cursors, args, pagedList(ctx, list)));
}

/** How a connection reads the list: pages through the request's loaders, sized for the filter. */
function pagedList<T>(ctx: ReadContext, list: ProviderList<T>): PagedList<T> {
  const { provider, kind, organizationId, groupId } = list;
  const { server, keep } = list.filter;
  return {
    key: JSON.stringify(list.key),
    // The page key's fields in one order everywhere: it is the loaders' cache key.
    fetch: (token, size) =>
      ctx.loaders.page<T>({
        provider,
        kind,
        organizationId,
        ...(groupId !== undefined ? { groupId } : {}),
        token,
        size,
        ...(server ? { filter: server } : {}),
      }),
    pageSize: pageSizeFor(ctx, provider, keep !== undefined),
    ...(keep ? { keep } : {}),
    whole: whole(ctx, provider),
  };
}

function pageSizeFor(ctx: ReadContext, provider: ProviderId, filtered: boolean) {
  const { maxPageSize } = ctx.registry.adapter(provider).capabilities;
  // Whole-list APIs ignore the size (their maxPageSize is only the largest Int): a bounded one keeps cursors checkable.
  const largest = Math.min(maxPageSize, MAX_CURSOR_PAGE_SIZE);
  // A client-side filter discards items, so read full pages; otherwise read what was asked (plus nothing).
  return (first: number) => Math.min(largest, filtered ? largest : Math.max(first, 1));
}

function whole(ctx: ReadContext, provider: ProviderId): boolean {
  return ctx.registry.adapter(provider).capabilities.pagination === 'none';
}

/** A group's member list: where it is, and its filter split between the provider and here. */
function groupMembersList(ctx: ReadContext, group: GroupRecord, filter?: MemberFilterInput | null): ProviderList<MemberRecord> {
  const { provider, organizationId, id: groupId } = group;
  const split = memberFilters(ctx, provider, filter);
  return {
    provider,
    kind: 'groupMembers',
    organizationId,
    groupId,
    key: ['groupMembers', provider, organizationId, groupId, split.server ?? null, filter ?? null],
    filter: split,
  };
}

/**
 * A group's members. With the field's `info`, when its members are asked for person details their records lack
 * (Cloudflare's names), the organization's member list starts beside this page rather than after it.
 */
export function groupMembers(
  ctx: ReadContext,
  group: GroupRecord,
  args: ConnectionArgs,
  filter?: MemberFilterInput | null,
  info?: GraphQLResolveInfo,
): Promise<Connection<MemberRecord>> {
  firstFrom(args);
  const memberFields = info ? (connectionItems(info)?.fields ?? []) : [];
  // Started early; a failure is the connection's own read's to report (same page), never an unhandled rejection.
  if (wantsDetails(memberFields.map((f) => f.name.value))) startGroupMembers(ctx, group, args, filter, memberFields)?.catch(() => undefined);
  return providerConnection(ctx, args, groupMembersList(ctx, group, filter));
}

/**
 * Starts now the first member page `members(...)` of this group will read, and where `memberFields` ask for person
 * details the group's records lack, their reads beside it (see Loaders.expectDetails). Null when the connection
 * reads no page; throws what the field would throw for its arguments.
 */
export function startGroupMembers(
  ctx: ReadContext,
  group: GroupRecord,
  args: ConnectionArgs,
  filter: MemberFilterInput | null | undefined,
  memberFields: readonly FieldNode[],
): Promise<unknown> | null {
  const page = firstPageOf(ctx.cursors, args, pagedList(ctx, groupMembersList(ctx, group, filter)));
  if (page && wantsDetails(memberFields.map((f) => f.name.value))) {
    ctx.loaders.expectDetails(
      group.provider,
      group.organizationId,
      // Caught here: providers that need no names ignore it, and a failed page is the connection's to report.
      page
        .then((p) => p.items.map((m) => m.memberId))
        .catch(() => []),
    );
  }
  return page;
}

/**
 * The Member fields a group's member list lacks where `capabilities.memberDetailsFromOrganization` says so (user id,
 * names, MFA: Cloudflare's list carries the e-mail), which personDetail then reads from the organization's member.
 */
const PERSON_FIELDS: ReadonlySet<string> = new Set(['userId', 'displayName', 'firstName', 'lastName', 'username', 'mfaEnabled']);

/** Whether members asked for these fields need person details their group's list lacks. */
export function wantsDetails(memberFields: readonly string[]): boolean {
  return memberFields.some((name) => PERSON_FIELDS.has(name));
}

export async function organizationMembers(
  ctx: ReadContext,
  org: OrganizationRecord,
  args: ConnectionArgs,
  filter?: MemberFilterInput | null,
): Promise<Connection<MemberRecord>> {
  firstFrom(args);
  const { provider, id: organizationId } = org;
  const adapter = ctx.registry.adapter(provider);
  if (!adapter.capabilities.organizationMembers) {
    // An empty list would claim the organization has no members; say instead that this API cannot list them.
    const message = `${adapter.name}'s API has no list of an organization's own members: read them through its teams`;
    throw toGraphQLError(new ProviderError(provider, 'UNSUPPORTED', message));
  }
  const split = memberFilters(ctx, provider, filter);
  return providerConnection(ctx, args, {
    provider,
    kind: 'organizationMembers',
    organizationId,
    key: ['organizationMembers', provider, organizationId, split.server ?? null, filter ?? null],
    filter: split,
  });
}

function groupsList(ctx: ReadContext, org: OrganizationRecord, name?: string | null, parentId?: string): ProviderList<GroupRecord> {
  const { provider, id: organizationId } = org;
  const split = groupFilters(ctx, provider, name, parentId);
  return {
    provider,
    kind: 'groups',
    organizationId,
    key: ['groups', provider, organizationId, split.needle ?? null, parentId ?? null],
    filter: split,
  };
}

/**
 * An organization's teams or user groups. With the field's `info`, when the groups' members are asked for person
 * details their records lack (Cloudflare's names), the organization's member list starts beside the group list.
 */
export async function organizationGroups(
  ctx: ReadContext,
  org: OrganizationRecord,
  kind: GroupKind,
  args: ConnectionArgs,
  name?: string | null,
  /** Only the children of this group (hierarchical providers); undefined for every group. */
  parentId?: string,
  info?: GraphQLResolveInfo,
): Promise<Connection<GroupRecord>> {
  firstFrom(args);
  if (ctx.registry.adapter(org.provider).capabilities.groupKind !== kind) return emptyConnection(0);
  if (info && parentId === undefined) {
    const groups = connectionItems(info);
    // Started early; a failure is the connection's own read's to report (same page), never an unhandled rejection.
    if (groups && membersShownPerGroup(info, groups) > 0) startOrganizationGroups(ctx, org, args, name, info, groups)?.catch(() => undefined);
  }
  return providerConnection(ctx, args, groupsList(ctx, org, name, parentId));
}

/**
 * Starts now the first page `teams`/`userGroups(...)` of this organization will read. Where the groups' members
 * (`groups`: the items asked) want person details their records lack, the organization's member list starts beside
 * it, expecting as many members as the groups listed times the most each shows: the names are then read beside the
 * groups' member pages, not after them. Null when the connection reads no page; throws what the field would throw.
 */
export function startOrganizationGroups(
  ctx: ReadContext,
  org: OrganizationRecord,
  args: ConnectionArgs,
  name: string | null | undefined,
  info: GraphQLResolveInfo,
  groups: ConnectionItems | null,
): Promise<unknown> | null {
  firstFrom(args);
  const page = firstPageOf(ctx.cursors, args, pagedList(ctx, groupsList(ctx, org, name)));
  const perGroup = groups ? membersShownPerGroup(info, groups) : 0;
  if (page && perGroup > 0)
    ctx.loaders.expectDetails(
      org.provider,
      org.id,
      page.then((p) => p.items.length * perGroup).catch(() => 0),
    );
  return page;
}

/** The most members a group of this connection shows with person details asked (0: none asked). */
function membersShownPerGroup(info: GraphQLResolveInfo, groups: ConnectionItems): number {
  let most = 0;
  for (const members of named(groups.fields, 'members')) {
    const items = connectionItemsAt(info, [members], groups.typeName, 'members');
    if (!items || !wantsDetails(items.fields.map((f) => f.name.value))) continue;
    const first = argumentsOf(info, groups.typeName, members)?.first;
    most = Math.max(most, typeof first === 'number' ? first : DEFAULT_FIRST);
  }
  return most;
}

/** A team's direct sub-teams; an empty connection where the provider has no hierarchy (no call). */
export async function childTeams(ctx: ReadContext, team: GroupRecord, args: ConnectionArgs): Promise<Connection<GroupRecord>> {
  if (!ctx.registry.capabilities(team.provider).hierarchy) return emptyConnection<GroupRecord>(0);
  const org = { provider: team.provider, id: team.organizationId, name: '', raw: {} };
  return organizationGroups(ctx, org, 'team', args, null, team.id);
}
