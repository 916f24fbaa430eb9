// The Organization node: a provider's tenant, account or server, with its teams, user groups and members.
import type { OrganizationRecord } from '../providers/types.js';
import { localId } from '../resolvers/ids.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { ProviderIdEnum } from './enums.js';
import { MemberFilter } from './member-filter.js';
import { MemberConnection } from './member.js';
import { TeamConnection, UserGroupConnection } from './member-group.js';
import { PAGE_COST, pageArgs } from './paging.js';

export const OrganizationRef = builder.objectRef<OrganizationRecord>('Organization');

builder.node(OrganizationRef, {
  description: "A provider's organization: a GitBook organization, a Cloudflare account, a Bird organization, the GoodAccess tenant, the Checkmarx server.",
  id: { resolve: (org) => localId({ type: 'Organization', key: { provider: org.provider, organizationId: org.id } }) },
  loadMany: (ids, ctx) => reads.nodeEntries<OrganizationRecord>(ctx, 'Organization', ids),
  fields: (t) => ({
    provider: t.expose('provider', { type: ProviderIdEnum, description: 'The provider this organization lives in.' }),
    externalId: t.exposeString('id', { description: "The provider's own id of the organization (a GitBook organization id, a Cloudflare account id)." }),
    name: t.exposeString('name', { description: 'Its name, as the provider shows it (configured for GoodAccess and Bird, whose APIs do not tell).' }),
    teams: t.field({
      type: TeamConnection,
      description:
        'Teams, where the provider organises members in teams (GitBook, Bird, Checkmarx); empty, with totalCount 0 and no call, where it ' +
        'has user groups. On Checkmarx every team of the tree, at any depth (Team.children gives one level).',
      args: {
        name: t.arg.string({ required: false, description: 'A case-insensitive substring of the team name, at most 512 characters; left out: every team.' }),
        ...pageArgs(PAGE_COST),
      },
      resolve: (org, args, ctx, info) => reads.organizationGroups(ctx, org, 'team', args, args.name, undefined, info),
    }),
    userGroups: t.field({
      type: UserGroupConnection,
      description:
        'User groups, where the provider organises members in user groups (GoodAccess, Cloudflare); empty, with totalCount 0 and no call, ' +
        'where it has teams.',
      args: {
        name: t.arg.string({ required: false, description: 'A case-insensitive substring of the group name, at most 512 characters; left out: every group.' }),
        ...pageArgs(PAGE_COST),
      },
      // The selection lets the resolver start the members' names beside the group list (Cloudflare).
      resolve: (org, args, ctx, info) => reads.organizationGroups(ctx, org, 'userGroup', args, args.name, undefined, info),
    }),
    members: t.field({
      type: MemberConnection,
      // Nullable so that Bird's refusal nulls this field alone, not the whole organization in a list.
      nullable: true,
      description:
        "The organization's own members (each Member's id names the organization-level membership, not a group's), where the API lists " +
        "them; null with an UNSUPPORTED_OPERATION error on Bird, whose API has no such list (read its teams' members instead).",
      args: {
        filter: t.arg({ type: MemberFilter, required: false, description: 'Only the members that match; left out: every member.' }),
        ...pageArgs(PAGE_COST),
      },
      resolve: (org, args, ctx) => reads.organizationMembers(ctx, org, args, args.filter),
    }),
  }),
});

export const OrganizationConnection = builder.connectionObject(
  {
    type: OrganizationRef,
    name: 'OrganizationConnection',
    description: 'A page of organizations across providers, in provider order (forward only: see PageInfo).',
  },
  { name: 'OrganizationEdge', description: 'An organization in a page, with its cursor; its node is null where its provider failed.' },
);
