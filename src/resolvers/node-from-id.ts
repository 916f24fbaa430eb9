// node(id:) answered from the id itself where the query asks nothing the object's own read would add.
import type { GraphQLResolveInfo } from 'graphql';
import { ProviderError, type GroupRecord, type OrganizationRecord } from '../providers/types.js';
import { toGraphQLError } from './errors.js';
import { parseLocalId, type NodeKey, type NodeType } from './ids.js';
import { startGroupMembers, startOrganizationGroups } from './list-connections.js';
import type { ReadContext } from './read-context.js';
import { argumentsOf, connectionItemsAt, fieldsOn, named } from './selection.js';

/** Fields of a group the id answers (or that read only what the id carries): anything else needs the group's read. */
const GROUP_FIELDS_FROM_ID: ReadonlySet<string> = new Set(['__typename', 'id', 'provider', 'externalId', 'organization', 'members', 'children']);
/** Fields of an organization the id answers, or its lists read by it. */
const ORGANIZATION_FIELDS_FROM_ID: ReadonlySet<string> = new Set(['__typename', 'id', 'provider', 'externalId', 'teams', 'userGroups', 'members']);

/**
 * A Team, UserGroup or Organization node without reading it, where the id carries all the query asks of it and the
 * query also reads one of its lists: that list's first page is then the only call, and proves the object exists
 * (its 404 is the object's: null, as node(id:) answers for a missing object). Undefined where this does not
 * apply (a field such as `name` is asked, no list is, the id is in another case than the provider writes it):
 * node(id:) then reads the object as usual. The team page `node(id:) { ... on Team { members { ... } } }` costs
 * one call in one level instead of two in two.
 */
export function nodeFromId(
  ctx: ReadContext,
  type: string,
  localId: string,
  info: GraphQLResolveInfo,
): Promise<GroupRecord | OrganizationRecord | null> | undefined {
  let node: NodeKey;
  try {
    node = parseLocalId(type as NodeType, localId);
  } catch {
    // A malformed id: node(id:) refuses it as usual.
    return undefined;
  }
  if (node.type === 'Member' || node.type === 'Person' || !ctx.providers.includes(node.key.provider)) return undefined;
  const adapter = ctx.registry.adapter(node.key.provider);
  // An id in another case than the provider's own would come back in that case: read the object instead.
  const { provider: _provider, ...ids } = node.key;
  if (adapter.ids.ignoreCase && Object.values(ids).some((part) => part !== part.toLowerCase())) return undefined;
  const fields = fieldsOn(info, info.fieldNodes, node.type);
  try {
    if (node.type === 'Organization') {
      if (adapter.capabilities.organizations !== 'list' || fields.some((f) => !ORGANIZATION_FIELDS_FROM_ID.has(f.name.value))) return undefined;
      const org: OrganizationRecord = { provider: node.key.provider, id: node.key.organizationId, name: '', raw: {} };
      const kind = adapter.capabilities.groupKind === 'team' ? 'teams' : 'userGroups';
      const list = named(fields, kind)[0];
      const args = list && argumentsOf(info, node.type, list);
      if (!args) return undefined;
      const groups = connectionItemsAt(info, [list], node.type, kind);
      const page = startOrganizationGroups(ctx, org, args, args.name as string | null | undefined, info, groups);
      return page ? existing(page, org) : undefined;
    }
    if (adapter.capabilities.groupKind !== (node.type === 'Team' ? 'team' : 'userGroup')) return undefined;
    if (fields.some((f) => !GROUP_FIELDS_FROM_ID.has(f.name.value))) return undefined;
    const members = named(fields, 'members')[0];
    const args = members && argumentsOf(info, node.type, members);
    if (!args) return undefined;
    const { provider, organizationId, groupId } = node.key;
    const group: GroupRecord = {
      provider,
      organizationId,
      id: groupId,
      kind: adapter.capabilities.groupKind,
      name: '',
      memberCount: null,
      parentId: null,
      path: null,
      createdAt: null,
      raw: {},
    };
    const memberFields = connectionItemsAt(info, [members], node.type, 'members')?.fields ?? [];
    const page = startGroupMembers(ctx, group, args, args.filter as Parameters<typeof startGroupMembers>[3], memberFields);
    return page ? existing(page, group) : undefined;
  } catch {
    // Arguments the list refuses: node(id:) reads the object as usual, and the list's field reports the mistake.
    return undefined;
  }
}

/** The object once its list's first page is read; null when that read says it does not exist. */
async function existing<T>(page: Promise<unknown>, record: T): Promise<T | null> {
  try {
    await page;
    return record;
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return null;
    throw error instanceof ProviderError ? toGraphQLError(error) : error;
  }
}
