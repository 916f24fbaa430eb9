// Objects by id: the root lookups, node(id:), nodes(ids:) and the relay plugin's node entries (null where the provider says none).
import type { GraphQLResolveInfo } from 'graphql';
import { ProviderError, type GroupRecord, type MemberRecord, type OrganizationRecord, type ProviderId } from '../providers/types.js';
import { surfaced, toGraphQLError, UserInputError } from './errors.js';
import { wantsDetails } from './list-connections.js';
import { parseGlobalId, parseLocalId, type GroupKey, type MemberKey, type NodeKey, type NodeType } from './ids.js';
import { personByEmail, type PersonRecord } from './people/summary.js';
import type { ReadContext } from './read-context.js';
import { fieldsOn } from './selection.js';

/** How node() reads: with `memberDetails`, a member with the person details its group's list lacks. */
export interface NodeReadOptions {
  memberDetails?: boolean;
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

/** Any record a node id resolves to. */
export type NodeRecord = OrganizationRecord | GroupRecord | MemberRecord | PersonRecord;

/** A node by its decoded key: null when the provider says it does not exist (Relay's convention), an error otherwise. */
export async function node(ctx: ReadContext, node: NodeKey, options: NodeReadOptions = {}): Promise<NodeRecord | null> {
  // A person is in no one provider: found in their member lists (null where none holds the address).
  if (node.type === 'Person') return personByEmail(ctx, node.key.email);
  if (!ctx.providers.includes(node.key.provider)) return null;
  if (node.type === 'Team' || node.type === 'UserGroup') {
    // This API never issues a Team id for a provider of user groups (or the reverse): refuse it before any call.
    const adapter = ctx.registry.adapter(node.key.provider);
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
        return (options.memberDetails ? ctx.loaders.membersWithDetails : ctx.loaders.members).load(node.key);
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
export function nodeEntries<T extends NodeRecord>(ctx: ReadContext, type: NodeType, localIds: readonly string[]): Array<Promise<T | null>> {
  // An Error where a record goes: the plugin's types know no error entries, hence the cast.
  return localIds.map((id) => entry(() => node(ctx, parseLocalId(type, id))) as Promise<T | null>);
}

/** The most ids one nodes(ids:) takes: the cost limit counts its selection once, however many ids it is given. */
export const MAX_NODE_IDS = 100;

/** A node nodes(ids:) found, with the type its id named (the schema marks the record with it for the Node interface). */
export interface TypedNode {
  type: NodeType;
  record: NodeRecord;
}

/**
 * The entries nodes(ids:) resolves to, one per global id, each decoded and checked on its own: an id that does
 * not decode, names an unknown type or another API's object, or the wrong type for its provider is an Error
 * value at its own index (BAD_USER_INPUT, no upstream call), and null where the provider says it does not exist.
 * The valid ids start their loads in the same tick, so they batch through the request's loaders as node(id:) does.
 */
export function nodesByGlobalId(ctx: ReadContext, globalIds: readonly string[], info?: GraphQLResolveInfo): Array<Promise<TypedNode | null | Error>> {
  if (globalIds.length > MAX_NODE_IDS) {
    throw new UserInputError(`nodes(ids:) takes at most ${MAX_NODE_IDS} ids, got ${globalIds.length}: split them over several requests`, { argument: 'ids' });
  }
  // Members asked for names read them with the member where the list lacks them (a GET each on Cloudflare): one level.
  const options = { memberDetails: info !== undefined && wantsDetails(fieldsOn(info, info.fieldNodes, 'Member').map((f) => f.name.value)) };
  return globalIds.map((globalId) =>
    entry(async () => {
      const key = parseGlobalId(globalId);
      const record = await node(ctx, key, options);
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
