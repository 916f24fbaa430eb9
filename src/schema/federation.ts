// Apollo Federation entities: Organization, Team, UserGroup and Member, keyed by their global id and resolved like node(id:).
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
