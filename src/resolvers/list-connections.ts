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
import { connectionFromPages, emptyConnection, firstFrom, type Connection, type ConnectionArgs } from './connections.js';
import { MAX_CURSOR_PAGE_SIZE } from './cursor.js';
import { surfaced, toGraphQLError } from './errors.js';
import { groupFilters, memberFilters, type MemberFilterInput, type SplitFilter } from './filters.js';
import type { ReadContext } from './read-context.js';

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
  const { provider, kind, organizationId, groupId } = list;
  const { server, keep } = list.filter;
  return surfaced(
    connectionFromPages(ctx.cursors, args, {
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
    }),
  );
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

export function groupMembers(ctx: ReadContext, group: GroupRecord, args: ConnectionArgs, filter?: MemberFilterInput | null): Promise<Connection<MemberRecord>> {
  firstFrom(args);
  const { provider, organizationId, id: groupId } = group;
  const split = memberFilters(ctx, provider, filter);
  return providerConnection(ctx, args, {
    provider,
    kind: 'groupMembers',
    organizationId,
    groupId,
    key: ['groupMembers', provider, organizationId, groupId, split.server ?? null, filter ?? null],
    filter: split,
  });
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

export async function organizationGroups(
  ctx: ReadContext,
  org: OrganizationRecord,
  kind: GroupKind,
  args: ConnectionArgs,
  name?: string | null,
  /** Only the children of this group (hierarchical providers); undefined for every group. */
  parentId?: string,
): Promise<Connection<GroupRecord>> {
  firstFrom(args);
  const { provider, id: organizationId } = org;
  if (ctx.registry.adapter(provider).capabilities.groupKind !== kind) return emptyConnection(0);
  const split = groupFilters(ctx, provider, name, parentId);
  return providerConnection(ctx, args, {
    provider,
    kind: 'groups',
    organizationId,
    key: ['groups', provider, organizationId, split.needle ?? null, parentId ?? null],
    filter: split,
  });
}

/** A team's direct sub-teams; an empty connection where the provider has no hierarchy (no call). */
export async function childTeams(ctx: ReadContext, team: GroupRecord, args: ConnectionArgs): Promise<Connection<GroupRecord>> {
  if (!ctx.registry.capabilities(team.provider).hierarchy) return emptyConnection<GroupRecord>(0);
  const org = { provider: team.provider, id: team.organizationId, name: '', raw: {} };
  return organizationGroups(ctx, org, 'team', args, null, team.id);
}
