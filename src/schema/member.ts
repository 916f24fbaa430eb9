// The Member node: one person's membership of a group (or of an organization), across every provider.
import type { GroupRecord, MemberRecord } from '../providers/types.js';
import { localId } from '../resolvers/ids.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { MemberRoleEnum, MemberStatusEnum, ProviderIdEnum } from './enums.js';

export const MemberRef = builder.objectRef<MemberRecord>('Member');

type PersonField = 'userId' | 'email' | 'displayName' | 'firstName' | 'lastName' | 'username' | 'mfaEnabled';

/**
 * A person detail of a member: from the record, or where the provider keeps it only on the organization's
 * member (Cloudflare group members carry no names), from that record, read in one batch for the request.
 */
async function personDetail<F extends PersonField>(m: MemberRecord, field: F, ctx: Parameters<typeof reads.member>[0]): Promise<MemberRecord[F]> {
  if (m[field] !== null || m.groupId === null) return m[field];
  if (!ctx.loaders.adapter(m.provider).capabilities.memberDetailsFromOrganization) return m[field];
  const org = await reads.memberDetails(ctx, { provider: m.provider, organizationId: m.organizationId, groupId: null, memberId: m.memberId }).catch(() => null);
  return org ? org[field] : m[field];
}

builder.node(MemberRef, {
  description: 'A membership: who, in which group (or organization), with which role and status.',
  id: {
    resolve: (m) => localId({ type: 'Member', key: { provider: m.provider, organizationId: m.organizationId, groupId: m.groupId, memberId: m.memberId } }),
  },
  loadMany: (ids, ctx) => reads.nodeEntries<MemberRecord>(ctx, 'Member', ids),
  fields: (t) => ({
    provider: t.field({ type: ProviderIdEnum, resolve: (m) => m.provider }),
    memberId: t.exposeString('memberId', { description: "The provider's id of this membership (what its membership endpoints take)." }),
    userId: t.string({ nullable: true, description: "The provider's id of the user; differs from memberId on Cloudflare.", resolve: (m, _a, ctx) => personDetail(m, 'userId', ctx) }),
    email: t.field({ type: 'EmailAddress', nullable: true, resolve: (m, _a, ctx) => personDetail(m, 'email', ctx) }),
    displayName: t.string({ nullable: true, resolve: (m, _a, ctx) => personDetail(m, 'displayName', ctx) }),
    firstName: t.string({ nullable: true, resolve: (m, _a, ctx) => personDetail(m, 'firstName', ctx) }),
    lastName: t.string({ nullable: true, resolve: (m, _a, ctx) => personDetail(m, 'lastName', ctx) }),
    username: t.string({ nullable: true, resolve: (m, _a, ctx) => personDetail(m, 'username', ctx) }),
    role: t.field({ type: MemberRoleEnum, nullable: true, description: 'Null where the provider has no team roles.', resolve: (m) => m.role }),
    status: t.field({ type: MemberStatusEnum, resolve: (m) => m.status }),
    mfaEnabled: t.boolean({ nullable: true, resolve: (m, _a, ctx) => personDetail(m, 'mfaEnabled', ctx) }),
    lastLoginAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.lastLoginAt }),
    joinedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.joinedAt }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.updatedAt }),
    group: t.field({
      type: 'MemberGroup',
      nullable: true,
      description: 'Null for an organization-level member.',
      resolve: (m, _a, ctx) => (m.groupId === null ? null : reads.group(ctx, { provider: m.provider, organizationId: m.organizationId, groupId: m.groupId })),
    }),
    groups: t.field({
      type: ['MemberGroup'],
      nullable: true,
      description: "Every group this member belongs to, where the provider's record says (Checkmarx); null elsewhere.",
      resolve: async (m, _a, ctx) => {
        if (m.groupIds === null) return null;
        const keys = m.groupIds.map((groupId) => ({ provider: m.provider, organizationId: m.organizationId, groupId }));
        // One batch for the whole request (a whole-list provider answers it from one list read); gone groups are skipped.
        const groups = await ctx.loaders.groups.loadMany(keys);
        return groups.filter((g): g is GroupRecord => !(g instanceof Error));
      },
    }),
    organization: t.field({ type: 'Organization', resolve: (m, _a, ctx) => reads.organization(ctx, m.provider, m.organizationId) }),
    raw: t.field({ type: 'JSONObject', description: "The provider's own JSON for this member.", resolve: (m) => m.raw }),
  }),
});

export const MemberConnection = builder.connectionObject({ type: MemberRef, name: 'MemberConnection' }, { name: 'MemberEdge' });
