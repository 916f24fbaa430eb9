// MemberGroup and its two kinds, Team (with its hierarchy where the provider has one) and UserGroup.
import type { GroupRecord } from '../providers/types.js';
import { localId, type NodeType } from '../resolvers/ids.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { ProviderIdEnum } from './enums.js';
import { MemberFilter } from './member-filter.js';
import { MemberConnection } from './member.js';
import { PAGE_COST, pageArgs } from './paging.js';

const groupId = (group: GroupRecord, type: NodeType) =>
  localId({ type: type as 'Team', key: { provider: group.provider, organizationId: group.organizationId, groupId: group.id } });

export const MemberGroupRef = builder.interfaceRef<GroupRecord>('MemberGroup').implement({
  description: 'A set of members: a Team or a UserGroup, whichever the provider has (ProviderCapabilities.groupKind).',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (group) => (group.kind === 'team' ? 'Team' : 'UserGroup'),
  fields: (t) => ({
    provider: t.expose('provider', { type: ProviderIdEnum, description: 'The provider this group lives in.' }),
    externalId: t.exposeString('id', { description: "The provider's own id of the group, as its API and web app show it." }),
    name: t.exposeString('name', { description: "The group's name, as the provider shows it." }),
    organization: t.field({
      type: 'Organization',
      description:
        'The organization the group is in. No call on GoodAccess, Bird and Checkmarx (one organization each); elsewhere a read, ' +
        'batched and cached per request.',
      resolve: (g, _args, ctx) => reads.organization(ctx, g.provider, g.organizationId),
    }),
    memberCount: t.exposeInt('memberCount', {
      nullable: true,
      description: "The number of members, from the group's own record (no extra call); null where the API does not say.",
    }),
    members: t.field({
      type: MemberConnection,
      description: "The group's members, in the provider's order; each Member's id names this membership (group and member).",
      args: {
        filter: t.arg({ type: MemberFilter, required: false, description: 'Only the members that match; left out: every member.' }),
        ...pageArgs(PAGE_COST),
      },
      // The selection lets the resolver start the names' reads beside the page (Cloudflare).
      resolve: (g, args, ctx, info) => reads.groupMembers(ctx, g, args, args.filter, info),
    }),
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
    path: t.exposeString('path', {
      nullable: true,
      description: 'The full path in the hierarchy, such as /CxServer/SP/Company (Checkmarx); null where teams have no hierarchy.',
    }),
    parent: t.field({
      type: TeamRef,
      nullable: true,
      description: 'The team above this one (Checkmarx, from the team list: one call per request); null for a top team and where teams have no hierarchy.',
      resolve: (g, _args, ctx) =>
        g.parentId === null ? null : reads.group(ctx, { provider: g.provider, organizationId: g.organizationId, groupId: g.parentId }),
    }),
    children: t.field({
      type: TeamConnection,
      description: 'The direct sub-teams; empty where the provider has no hierarchy.',
      args: pageArgs('Checkmarx serves them from its team list (one call per request, shared); elsewhere empty with no call.'),
      resolve: (g, args, ctx) => reads.childTeams(ctx, g, args),
    }),
  }),
});

builder.node(UserGroupRef, {
  description: 'A user group (GoodAccess, Cloudflare).',
  interfaces: [MemberGroupRef],
  isTypeOf: (value) => (value as GroupRecord).kind === 'userGroup',
  id: { resolve: (g) => groupId(g, 'UserGroup') },
  loadMany: (ids, ctx) => reads.nodeEntries<GroupRecord>(ctx, 'UserGroup', ids),
  fields: (t) => ({
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the group was created (UTC; Cloudflare); null where the provider does not say.',
    }),
  }),
});

export const TeamConnection = builder.connectionObject(
  { type: TeamRef, name: 'TeamConnection', description: "A page of teams, in the provider's order (forward only: see PageInfo)." },
  { name: 'TeamEdge', description: 'A team in a page, with its cursor.' },
);
export const UserGroupConnection = builder.connectionObject(
  { type: UserGroupRef, name: 'UserGroupConnection', description: "A page of user groups, in the provider's order (forward only: see PageInfo)." },
  { name: 'UserGroupEdge', description: 'A user group in a page, with its cursor.' },
);
