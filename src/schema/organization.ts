// The Organization node: a provider's tenant, account or server, with its teams, user groups and members.
import type { OrganizationRecord } from '../providers/types.js';
import { localId } from '../resolvers/ids.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { ProviderIdEnum } from './enums.js';
import { MemberFilter } from './member-filter.js';
import { MemberConnection } from './member.js';
import { TeamConnection, UserGroupConnection } from './member-group.js';

export const OrganizationRef = builder.objectRef<OrganizationRecord>('Organization');

builder.node(OrganizationRef, {
  description: "A provider's organization: a GitBook organization, a Cloudflare account, a Bird organization, the GoodAccess tenant, the Checkmarx server.",
  id: { resolve: (org) => localId({ type: 'Organization', key: { provider: org.provider, organizationId: org.id } }) },
  loadMany: (ids, ctx) => reads.nodeEntries<OrganizationRecord>(ctx, 'Organization', ids),
  fields: (t) => ({
    provider: t.field({ type: ProviderIdEnum, resolve: (org) => org.provider }),
    externalId: t.exposeString('id', { description: "The provider's own id." }),
    name: t.exposeString('name'),
    teams: t.connection(
      {
        type: 'Team',
        args: { name: t.arg.string({ required: false, description: 'Case-insensitive substring of the name.' }) },
        description: 'Teams, where the provider organises members in teams (GitBook, Bird, Checkmarx).',
        resolve: (org, args, ctx) => reads.organizationGroups(ctx, org, 'team', args, args.name),
      },
      TeamConnection,
    ),
    userGroups: t.connection(
      {
        type: 'UserGroup',
        args: { name: t.arg.string({ required: false, description: 'Case-insensitive substring of the name.' }) },
        description: 'User groups, where the provider organises members in user groups (GoodAccess, Cloudflare).',
        resolve: (org, args, ctx) => reads.organizationGroups(ctx, org, 'userGroup', args, args.name),
      },
      UserGroupConnection,
    ),
    members: t.connection(
      {
        type: 'Member',
        // Nullable so that Bird's refusal nulls this field alone, not the whole organization in a list.
        nullable: true,
        args: { filter: t.arg({ type: MemberFilter, required: false }) },
        description: "The organization's own members, where the API lists them; null with an UNSUPPORTED_OPERATION error on Bird, whose API has no such list.",
        resolve: (org, args, ctx) => reads.organizationMembers(ctx, org, args, args.filter),
      },
      MemberConnection,
    ),
  }),
});
