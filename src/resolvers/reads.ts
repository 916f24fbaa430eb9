// The read side of the API as plain functions over the provider interface: connections, lookups, filters.
import { PROVIDER_IDS } from '../providers/catalog.js';
import {
  ProviderError,
  type GroupKind,
  type GroupRecord,
  type MemberListFilter,
  type MemberRecord,
  type MemberRole,
  type OrganizationRecord,
  type ProviderId,
} from '../providers/types.js';
import { connectionFromPages, firstFrom, type Connection, type ConnectionArgs } from './connections.js';
import { listFingerprint, MAX_CURSOR_PAGE_SIZE, type CursorCodec } from './cursor.js';
import { surfaced, toGraphQLError, UserInputError } from './errors.js';
import { parseGlobalId, parseLocalId, type GroupKey, type MemberKey, type NodeKey, type NodeType } from './ids.js';
import type { Loaders } from './loaders.js';

export interface MemberFilterInput {
  status?: MemberListFilter['status'] | null;
  role?: MemberRole[] | null;
  emailContains?: string | null;
}

/** What a connection resolver needs from the request. */
export interface ReadContext {
  loaders: Loaders;
  /** The providers this gateway serves, in a stable order. */
  providers: readonly ProviderId[];
  /** Signs and checks connection cursors: one codec per gateway, so cursors hold across its requests. */
  cursors: CursorCodec;
}

/** Splits a filter into what the provider applies itself and what is applied here, so paging stays exact. */
function memberFilters(ctx: ReadContext, provider: ProviderId, input: MemberFilterInput | null | undefined) {
  const { filters } = ctx.loaders.adapter(provider).capabilities;
  const status = input?.status?.length ? input.status : undefined;
  const roles = input?.role?.length ? input.role : undefined;
  const email = input?.emailContains ? input.emailContains.toLowerCase() : undefined;
  const server: MemberListFilter = {};
  if (status && filters.status) server.status = status;
  if (email && filters.emailContains) server.emailContains = email;
  const localStatus = status && !filters.status ? status : undefined;
  const localEmail = email && !filters.emailContains ? email : undefined;
  const keep =
    localStatus || localEmail || roles
      ? (m: MemberRecord) =>
          (!localStatus || localStatus.includes(m.status)) &&
          (!localEmail || (m.email ?? '').toLowerCase().includes(localEmail)) &&
          (!roles || (m.role !== null && roles.includes(m.role)))
      : undefined;
  return { server: Object.keys(server).length ? server : undefined, keep };
}

function pageSizeFor(ctx: ReadContext, provider: ProviderId, filtered: boolean) {
  const { maxPageSize } = ctx.loaders.adapter(provider).capabilities;
  // Whole-list APIs ignore the size (their maxPageSize is only the largest Int): a bounded one keeps cursors checkable.
  const largest = Math.min(maxPageSize, MAX_CURSOR_PAGE_SIZE);
  // A client-side filter discards items, so read full pages; otherwise read what was asked (plus nothing).
  return (first: number) => Math.min(largest, filtered ? largest : Math.max(first, 1));
}

function whole(ctx: ReadContext, provider: ProviderId): boolean {
  return ctx.loaders.adapter(provider).capabilities.pagination === 'none';
}

export function groupMembers(ctx: ReadContext, group: GroupRecord, args: ConnectionArgs, filter?: MemberFilterInput | null): Promise<Connection<MemberRecord>> {
  firstFrom(args);
  const { provider, organizationId, id: groupId } = group;
  const { server, keep } = memberFilters(ctx, provider, filter);
  return surfaced(
    connectionFromPages(ctx.cursors, args, {
      key: JSON.stringify(['groupMembers', provider, organizationId, groupId, server ?? null, filter ?? null]),
      fetch: (token, size) => ctx.loaders.page<MemberRecord>({ provider, kind: 'groupMembers', organizationId, groupId, token, size, ...(server ? { filter: server } : {}) }),
      pageSize: pageSizeFor(ctx, provider, keep !== undefined),
      ...(keep ? { keep } : {}),
      whole: whole(ctx, provider),
    }),
  );
}

export async function organizationMembers(
  ctx: ReadContext,
  org: OrganizationRecord,
  args: ConnectionArgs,
  filter?: MemberFilterInput | null,
): Promise<Connection<MemberRecord>> {
  firstFrom(args);
  const { provider, id: organizationId } = org;
  const adapter = ctx.loaders.adapter(provider);
  if (!adapter.capabilities.organizationMembers) {
    // An empty list would claim the organization has no members; say instead that this API cannot list them.
    const message = `${adapter.name}'s API has no list of an organization's own members: read them through its teams`;
    throw toGraphQLError(new ProviderError(provider, 'UNSUPPORTED', message));
  }
  const { server, keep } = memberFilters(ctx, provider, filter);
  return surfaced(
    connectionFromPages(ctx.cursors, args, {
      key: JSON.stringify(['organizationMembers', provider, organizationId, server ?? null, filter ?? null]),
      fetch: (token, size) => ctx.loaders.page<MemberRecord>({ provider, kind: 'organizationMembers', organizationId, token, size, ...(server ? { filter: server } : {}) }),
      pageSize: pageSizeFor(ctx, provider, keep !== undefined),
      ...(keep ? { keep } : {}),
      whole: whole(ctx, provider),
    }),
  );
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
  const capabilities = ctx.loaders.adapter(provider).capabilities;
  if (capabilities.groupKind !== kind) return emptyConnection(0);
  const needle = name ? name.toLowerCase() : undefined;
  const serverName = needle && capabilities.filters.groupName ? needle : undefined;
  const localName = needle && !capabilities.filters.groupName ? needle : undefined;
  const keep =
    localName !== undefined || parentId !== undefined
      ? (g: GroupRecord) => (!localName || g.name.toLowerCase().includes(localName)) && (parentId === undefined || g.parentId === parentId)
      : undefined;
  return surfaced(
    connectionFromPages(ctx.cursors, args, {
      key: JSON.stringify(['groups', provider, organizationId, needle ?? null, parentId ?? null]),
      fetch: (token, size) => ctx.loaders.page<GroupRecord>({ provider, kind: 'groups', organizationId, token, size, ...(serverName ? { filter: { name: serverName } } : {}) }),
      pageSize: pageSizeFor(ctx, provider, keep !== undefined),
      ...(keep ? { keep } : {}),
      whole: whole(ctx, provider),
    }),
  );
}

/** An organization's record as a root field sees it: through the request's loader. */
export function organization(ctx: ReadContext, provider: ProviderId, organizationId: string): Promise<OrganizationRecord> {
  return surfaced(ctx.loaders.organizations.load({ provider, organizationId }));
}

export function group(ctx: ReadContext, key: GroupKey): Promise<GroupRecord> {
  return surfaced(ctx.loaders.groups.load(key));
}

export function member(ctx: ReadContext, key: MemberKey): Promise<MemberRecord> {
  return surfaced(ctx.loaders.members.load(key));
}

/** The organization member behind a group member, for the person details its group record lacks (one walk per request). */
export function memberDetails(ctx: ReadContext, key: MemberKey): Promise<MemberRecord> {
  return surfaced(ctx.loaders.memberDetails.load(key));
}

/** A node by its decoded key: null when the provider says it does not exist (Relay's convention), an error otherwise. */
export async function node(ctx: ReadContext, node: NodeKey): Promise<OrganizationRecord | GroupRecord | MemberRecord | null> {
  if (!ctx.providers.includes(node.key.provider)) return null;
  if (node.type === 'Team' || node.type === 'UserGroup') {
    // This API never issues a Team id for a provider of user groups (or the reverse): refuse it before any call.
    const adapter = ctx.loaders.adapter(node.key.provider);
    const kind = adapter.capabilities.groupKind;
    if (kind !== (node.type === 'Team' ? 'team' : 'userGroup')) {
      throw new UserInputError(`A ${node.type} id cannot name a ${adapter.name} group: ${adapter.name} has ${kind === 'team' ? 'teams' : 'user groups'}`, {
        argument: 'id',
      });
    }
  }
  const read = (): Promise<OrganizationRecord | GroupRecord | MemberRecord> => {
    switch (node.type) {
      case 'Organization':
        return ctx.loaders.organizations.load(node.key);
      case 'Member':
        return ctx.loaders.members.load(node.key);
      default:
        return ctx.loaders.groups.load(node.key);
    }
  };
  try {
    const record = await read();
    if (node.type === 'Team' && (record as GroupRecord).kind !== 'team') return null;
    if (node.type === 'UserGroup' && (record as GroupRecord).kind !== 'userGroup') return null;
    return record;
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return null;
    if (error instanceof ProviderError) throw toGraphQLError(error);
    throw error;
  }
}

/**
 * The entries node(id:) resolves to (through the relay plugin's loadMany), one per local id: the record, null
 * where the provider says it does not exist, or the error itself as a value. The plugin awaits a type's entries
 * together, so a rejection (one failing provider, one malformed path) would fail them all; graphql-js instead
 * reports an Error value at its own place.
 */
export function nodeEntries<T extends OrganizationRecord | GroupRecord | MemberRecord>(
  ctx: ReadContext,
  type: NodeType,
  localIds: readonly string[],
): Array<Promise<T | null>> {
  // An Error where a record goes: the plugin's types know no error entries, hence the cast.
  return localIds.map((id) => entry(() => node(ctx, parseLocalId(type, id))) as Promise<T | null>);
}

/** The most ids one nodes(ids:) takes: the cost limit counts its selection once, however many ids it is given. */
export const MAX_NODE_IDS = 100;

/** A node nodes(ids:) found, with the type its id named (the schema marks the record with it for the Node interface). */
export interface TypedNode {
  type: NodeType;
  record: OrganizationRecord | GroupRecord | MemberRecord;
}

/**
 * The entries nodes(ids:) resolves to, one per global id, each decoded and checked on its own: an id that does
 * not decode, names an unknown type or another API's object, or the wrong type for its provider is an Error
 * value at its own index (BAD_USER_INPUT, no upstream call), and null where the provider says it does not exist.
 * The valid ids start their loads in the same tick, so they batch through the request's loaders as node(id:) does.
 */
export function nodesByGlobalId(ctx: ReadContext, globalIds: readonly string[]): Array<Promise<TypedNode | null | Error>> {
  if (globalIds.length > MAX_NODE_IDS) {
    throw new UserInputError(`nodes(ids:) takes at most ${MAX_NODE_IDS} ids, got ${globalIds.length}: split them over several requests`, { argument: 'ids' });
  }
  return globalIds.map((globalId) =>
    entry(async () => {
      const key = parseGlobalId(globalId);
      const record = await node(ctx, key);
      return record && { type: key.type, record };
    }),
  );
}

/** One entry of a node list: what `read` gives, or its error as a value, so that it nulls only its own entry. */
async function entry<T>(read: () => Promise<T>): Promise<T | Error> {
  try {
    return await read();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** An organization edge, or the error of a provider that could not list its organizations (it nulls that edge only). */
export type OrganizationSlot = OrganizationRecord | { failed: ProviderError };

/**
 * Organizations across providers, in provider order. Each provider's list is read whole (organizations are
 * few); a cursor names the provider and the index in its list, so a failing provider never shifts the others.
 */
export async function organizations(ctx: ReadContext, args: ConnectionArgs, only?: ProviderId | null): Promise<Connection<OrganizationSlot>> {
  const first = firstFrom(args);
  const providers = ctx.providers.filter((p) => !only || p === only);
  const fingerprint = listFingerprint(JSON.stringify(['organizations', only ?? null]));
  const after = args.after != null ? ctx.cursors.decodeIndex(args.after, fingerprint) : null;
  const startProvider = after ? after.provider : 0;
  const slots: Array<{ slot: OrganizationSlot; cursor: string }> = [];
  let total = 0;
  // Every provider's list at once: the field waits for the slowest provider, not for the sum of them.
  const lists = await Promise.all(
    providers.map(async (provider): Promise<OrganizationSlot[]> => {
      try {
        return await allOrganizations(ctx, provider);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        return [{ failed: error }];
      }
    }),
  );
  for (const [index, items] of lists.entries()) {
    total += items.length;
    items.forEach((slot, i) => {
      const beyond = index > startProvider || (index === startProvider && (!after || i > after.index));
      if (beyond) slots.push({ slot, cursor: ctx.cursors.encodeIndex(fingerprint, { provider: index, index: i }) });
    });
  }
  const edges = slots.slice(0, first).map(({ slot, cursor }) => ({ node: slot, cursor }));
  return {
    edges,
    pageInfo: {
      hasNextPage: slots.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: total,
  };
}

async function allOrganizations(ctx: ReadContext, provider: ProviderId): Promise<OrganizationRecord[]> {
  const size = ctx.loaders.adapter(provider).capabilities.maxPageSize;
  const items: OrganizationRecord[] = [];
  let token: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: { items: OrganizationRecord[]; next: string | null } = await ctx.loaders.page<OrganizationRecord>({ provider, kind: 'organizations', token, size });
    items.push(...page.items);
    if (page.next === null) break;
    token = page.next;
  }
  return items;
}

export function configuredProviders(configured: Iterable<ProviderId>): ProviderId[] {
  const set = new Set(configured);
  return PROVIDER_IDS.filter((p) => set.has(p));
}

export function emptyConnection<T>(total: number | null): Connection<T> {
  return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: total };
}
