// MemberGroup and its two kinds, Team (with its hierarchy where the provider has one) and UserGroup.
import type { GroupRecord } from '../providers/types.js';
import { localId, type NodeType } from '../resolvers/ids.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { ProviderIdEnum } from './enums.js';
import { MemberFilter } from './member-filter.js';
import { MemberConnection } from './member.js';

const groupId = (group: GroupRecord, type: NodeType) =>
  localId({ type: type as 'Team', key: { provider: group.provider, organizationId: group.organizationId, groupId: group.id } });

export const MemberGroupRef = builder.interfaceRef<GroupRecord>('MemberGroup').implement({
  description: 'A set of members: a team or a user group.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (group) => (group.kind === 'team' ? 'Team' : 'UserGroup'),
  fields: (t) => ({
    provider: t.field({ type: ProviderIdEnum, resolve: (g) => g.provider }),
    externalId: t.exposeString('id', { description: "The provider's own id." }),
    name: t.exposeString('name'),
    organization: t.field({
      type: 'Organization',
      resolve: (g, _args, ctx) => reads.organization(ctx, g.provider, g.organizationId),
    }),
    memberCount: t.int({ nullable: true, description: 'Null where the API does not say.', resolve: (g) => g.memberCount }),
    members: t.connection(
      {
        type: 'Member',
        args: { filter: t.arg({ type: MemberFilter, required: false }) },
        resolve: (g, args, ctx) => reads.groupMembers(ctx, g, args, args.filter),
      },
      MemberConnection,
    ),
  }),
});

export const TeamRef = builder.objectRef<GroupRecord>('Team');
export const UserGroupRef = builder.objectRef<GroupRecord>('UserGroup');

builder.node(TeamRef, {
  description: 'A team (GitBook, Bird, Checkmarx). Checkmarx teams form a tree: see path, parent and children.',
  interfaces: [MemberGroupRef],
  isTypeOf: (value) => (value as GroupRecord).kind === 'team',
  id: { resolve: (g) => groupId(g, 'Team') },
  loadMany: (ids, ctx) => reads.nodeEntries<GroupRecord>(ctx, 'Team', ids),
  fields: (t) => ({
    path: t.string({ nullable: true, description: 'The full path in the hierarchy, such as /CxServer/SP/Company.', resolve: (g) => g.path }),
    parent: t.field({
      type: TeamRef,
      nullable: true,
      resolve: (g, _args, ctx) =>
        g.parentId === null ? null : reads.group(ctx, { provider: g.provider, organizationId: g.organizationId, groupId: g.parentId }),
    }),
    children: t.connection(
      {
        type: TeamRef,
        description: 'Direct sub-teams; empty where the provider has no hierarchy.',
        resolve: (g, args, ctx) => reads.childTeams(ctx, g, args),
      },
      TeamConnection,
    ),
  }),
});

builder.node(UserGroupRef, {
  description: 'A user group (GoodAccess, Cloudflare).',
  interfaces: [MemberGroupRef],
  isTypeOf: (value) => (value as GroupRecord).kind === 'userGroup',
  id: { resolve: (g) => groupId(g, 'UserGroup') },
  loadMany: (ids, ctx) => reads.nodeEntries<GroupRecord>(ctx, 'UserGroup', ids),
  fields: (t) => ({
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (g) => g.createdAt }),
  }),
});

export const TeamConnection = builder.connectionObject({ type: TeamRef, name: 'TeamConnection' }, { name: 'TeamEdge' });
export const UserGroupConnection = builder.connectionObject({ type: UserGroupRef, name: 'UserGroupConnection' }, { name: 'UserGroupEdge' });
