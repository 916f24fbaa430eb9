// What a member field reads beyond its own record: person details kept on the organization's member, and the groups a record lists.
import { ProviderError, type GroupRecord, type MemberRecord } from '../providers/types.js';
import { toGraphQLError } from './errors.js';
import type { ReadContext } from './read-context.js';

export type PersonField = 'userId' | 'email' | 'displayName' | 'firstName' | 'lastName' | 'username' | 'mfaEnabled';

/**
 * A person detail of a member: from the record, or where the provider keeps it only on the organization's
 * member (Cloudflare group members carry no names), from that record, read in one batch for the request. A
 * member the organization no longer lists keeps what its own record says; any other failure is this field's
 * error (with its code and provider), never silently a null.
 */
export function personDetail<F extends PersonField>(ctx: ReadContext, m: MemberRecord, field: F): MemberRecord[F] | Promise<MemberRecord[F]> {
  // Answered as a plain value where the record has it (most fields of most members): no promise per field.
  if (m[field] !== null || m.groupId === null) return m[field];
  if (!ctx.registry.capabilities(m.provider).memberDetailsFromOrganization) return m[field];
  return fromOrganization(ctx, m, field);
}

async function fromOrganization<F extends PersonField>(ctx: ReadContext, m: MemberRecord, field: F): Promise<MemberRecord[F]> {
  try {
    const org = await ctx.loaders.memberDetails.load({ provider: m.provider, organizationId: m.organizationId, groupId: null, memberId: m.memberId });
    return org[field];
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return m[field];
    throw error instanceof ProviderError ? toGraphQLError(error) : error;
  }
}

/** The groups a member record lists (Checkmarx's teamIds), in one batch for the request; groups gone since are skipped. */
export async function memberGroups(ctx: ReadContext, m: MemberRecord): Promise<GroupRecord[] | null> {
  if (m.groupIds === null) return null;
  const keys = m.groupIds.map((groupId) => ({ provider: m.provider, organizationId: m.organizationId, groupId }));
  const groups = await ctx.loaders.groups.loadMany(keys);
  return groups.filter((g): g is GroupRecord => !(g instanceof Error));
}
