// Apollo Federation entities: Organization, Team, UserGroup and Member, keyed by their global id and resolved like node(id:).
import { isUnionType, type GraphQLSchema } from 'graphql';
import type { GroupRecord, MemberRecord, OrganizationRecord } from '../providers/types.js';
import type { RequestContext } from '../resolvers/context.js';
import { UserInputError } from '../resolvers/errors.js';
import { parseGlobalId, type NodeType } from '../resolvers/ids.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { MemberRef } from './member.js';
import { TeamRef, UserGroupRef } from './member-group.js';
import { OrganizationRef } from './organization.js';

/** The key every entity shares: the global id node(id:) takes, which already carries the provider and the whole path. */
const byGlobalId = builder.selection<{ id: string }>('id');

/**
 * Resolves one representation the way node(id:) resolves an id: decode and check it (a malformed id, or the id of
 * another type, is BAD_USER_INPUT before any upstream call), then load it through the request's DataLoaders, so
 * the router's batch of representations costs what the same nodes() query would. Null where the provider says
 * it does not exist. Async, so a bad representation fails only its own entry, not the whole `_entities` list.
 */
function resolveAs<T extends OrganizationRecord | GroupRecord | MemberRecord>(type: NodeType) {
  return async (representation: { id: unknown }, ctx: RequestContext): Promise<T | null> => {
    const { id } = representation;
    if (typeof id !== 'string') {
      throw new UserInputError(`A ${type} representation needs its id as a string (the global id node(id:) takes)`, { argument: 'representations' });
    }
    const record = (await reads.node(ctx, parseGlobalId(id, [type]))) as T | null;
    // @apollo/subgraph stamps __typename on what this returns: stamp a copy, never a record an adapter or loader keeps.
    return record && { ...record };
  };
}

builder.asEntity(OrganizationRef, { key: byGlobalId, resolveReference: resolveAs<OrganizationRecord>('Organization') });
builder.asEntity(TeamRef, { key: byGlobalId, resolveReference: resolveAs<GroupRecord>('Team') });
builder.asEntity(UserGroupRef, { key: byGlobalId, resolveReference: resolveAs<GroupRecord>('UserGroup') });
builder.asEntity(MemberRef, { key: byGlobalId, resolveReference: resolveAs<MemberRecord>('Member') });

/** A router batches representations; more than nodes(ids:) takes in one request is refused before any of them loads. */
export const MAX_REPRESENTATIONS = reads.MAX_NODE_IDS;

/**
 * Bounds `_entities`, which the federation plugin adds to the built schema: at most MAX_REPRESENTATIONS, and a
 * representation that is not an object of an entity type fails alone with BAD_USER_INPUT (graphql-js reports an
 * Error value at its index), instead of an INTERNAL_SERVER_ERROR that nulls the whole list.
 */
export function boundEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const entityUnion = schema.getType('_Entity');
  if (!field?.resolve || !isUnionType(entityUnion)) return;
  const resolve = field.resolve;
  const entityTypes = new Set(entityUnion.getTypes().map((type) => type.name));
  // The plugin leaves the field undescribed; the bounds are this function's, so it says them.
  field.description =
    `The entities of these representations, in the order given (at most ${MAX_REPRESENTATIONS}), each loaded as node(id:) loads ` +
    'it and batched the same way; a bad representation is null with a BAD_USER_INPUT error at its index.';
  field.resolve = async (root, args: { representations?: unknown }, ctx, info) => {
    const representations = args.representations;
    if (!Array.isArray(representations)) throw new UserInputError('_entities needs a list of representations', { argument: 'representations' });
    if (representations.length > MAX_REPRESENTATIONS) {
      throw new UserInputError(`_entities takes at most ${MAX_REPRESENTATIONS} representations, got ${representations.length}: split the batch`, {
        argument: 'representations',
      });
    }
    const slots: Array<number | UserInputError> = [];
    const valid: unknown[] = [];
    representations.forEach((representation: unknown, index) => {
      const typename = typeof representation === 'object' && representation !== null ? (representation as { __typename?: unknown }).__typename : undefined;
      if (typeof typename !== 'string' || !entityTypes.has(typename)) {
        // The typename a client sent is not echoed: it names only what this subgraph resolves.
        slots.push(
          new UserInputError(`Representation ${index} must be an object whose __typename is one of ${[...entityTypes].join(', ')}`, {
            argument: 'representations',
          }),
        );
      } else {
        slots.push(valid.length);
        valid.push(representation);
      }
    });
    const resolved = valid.length > 0 ? ((await resolve(root, { ...args, representations: valid }, ctx, info)) as unknown[]) : [];
    return slots.map((slot) => (typeof slot === 'number' ? resolved[slot] : slot));
  };
}
