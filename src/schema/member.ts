// The Member node: one person's membership of a group (or of an organization), across every provider.
import type { MemberRecord } from '../providers/types.js';
import { localId } from '../resolvers/ids.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { MemberRoleEnum, MemberStatusEnum, ProviderIdEnum } from './enums.js';

export const MemberRef = builder.objectRef<MemberRecord>('Member');

builder.node(MemberRef, {
  description: 'A membership: who, in which group (or organization), with which role and status.',
  id: {
    resolve: (m) => localId({ type: 'Member', key: { provider: m.provider, organizationId: m.organizationId, groupId: m.groupId, memberId: m.memberId } }),
  },
  loadMany: (ids, ctx) => reads.nodeEntries<MemberRecord>(ctx, 'Member', ids),
  fields: (t) => ({
    provider: t.field({ type: ProviderIdEnum, resolve: (m) => m.provider }),
    memberId: t.exposeString('memberId', { description: "The provider's id of this membership (what its membership endpoints take)." }),
    userId: t.string({
      nullable: true,
      description: "The provider's id of the user; differs from memberId on Cloudflare.",
      resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'userId'),
    }),
    email: t.field({ type: 'EmailAddress', nullable: true, resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'email') }),
    displayName: t.string({ nullable: true, resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'displayName') }),
    firstName: t.string({ nullable: true, resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'firstName') }),
    lastName: t.string({ nullable: true, resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'lastName') }),
    username: t.string({ nullable: true, resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'username') }),
    role: t.field({ type: MemberRoleEnum, nullable: true, description: 'Null where the provider has no team roles.', resolve: (m) => m.role }),
    status: t.field({ type: MemberStatusEnum, resolve: (m) => m.status }),
    mfaEnabled: t.boolean({ nullable: true, resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'mfaEnabled') }),
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
      resolve: (m, _a, ctx) => reads.memberGroups(ctx, m),
    }),
    organization: t.field({ type: 'Organization', resolve: (m, _a, ctx) => reads.organization(ctx, m.provider, m.organizationId) }),
    raw: t.field({ type: 'JSONObject', description: "The provider's own JSON for this member.", resolve: (m) => m.raw }),
  }),
});

export const MemberConnection = builder.connectionObject({ type: MemberRef, name: 'MemberConnection' }, { name: 'MemberEdge' });
