// The Provider type: which products this gateway serves, in which mode, how healthy, and what each can do.
import type { Capabilities, ProviderId } from '../providers/types.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { GroupKindEnum, ProviderIdEnum, ProviderModeEnum } from './enums.js';

interface ProviderShape {
  id: ProviderId;
}

const WriteCapabilities = builder.simpleObject('WriteCapabilities', {
  description: 'The membership writes a provider does natively (one call); others are emulated or refused.',
  fields: (t) => ({
    addMember: t.boolean(),
    addMembersBulk: t.boolean(),
    removeMember: t.boolean(),
    removeMembersBulk: t.boolean(),
    replaceMembers: t.boolean(),
    setMemberRole: t.boolean(),
    refsByEmail: t.boolean(),
    createMember: t.boolean(),
    updateMember: t.boolean(),
    deleteMember: t.boolean(),
    disconnectMember: t.boolean(),
  }),
});

const ProviderCapabilities = builder.objectRef<Capabilities>('ProviderCapabilities').implement({
  description: 'What a provider API can do: how it pages and filters, what it lists, which writes it has.',
  fields: (t) => ({
    groupKind: t.field({ type: GroupKindEnum, resolve: (c) => c.groupKind }),
    hierarchy: t.exposeBoolean('hierarchy', { description: 'Groups have parents.' }),
    organizationMembers: t.exposeBoolean('organizationMembers', { description: 'Organization.members is served.' }),
    memberRoles: t.exposeBoolean('memberRoles'),
    listsOrganizations: t.boolean({ description: 'False where the credentials imply one organization.', resolve: (c) => c.organizations === 'list' }),
    pagination: t.string({ description: '`cursor`, `pageNumber` or `none` (every list whole).', resolve: (c) => c.pagination }),
    maxPageSize: t.exposeInt('maxPageSize', { description: 'The largest page one upstream call serves.' }),
    maxBulkSize: t.exposeInt('maxBulkSize'),
    serverSideStatusFilter: t.boolean({ resolve: (c) => c.filters.status }),
    serverSideEmailFilter: t.boolean({ resolve: (c) => c.filters.emailContains }),
    serverSideNameFilter: t.boolean({ resolve: (c) => c.filters.groupName }),
    writes: t.field({ type: WriteCapabilities, resolve: (c) => c.writes }),
  }),
});

export const ProviderRef = builder.objectRef<ProviderShape>('Provider').implement({
  description: 'A product this gateway serves.',
  fields: (t) => ({
    id: t.field({ type: ProviderIdEnum, resolve: (p) => p.id }),
    name: t.string({ resolve: (p, _args, ctx) => reads.providerInfo(ctx, p.id).name }),
    mode: t.field({ type: ProviderModeEnum, resolve: (_p, _args, ctx) => ctx.mode }),
    healthy: t.boolean({
      description: 'False while its circuit breaker is open (calls fail fast until a probe succeeds).',
      resolve: (p, _args, ctx) => reads.providerInfo(ctx, p.id).healthy,
    }),
    capabilities: t.field({ type: ProviderCapabilities, resolve: (p, _args, ctx) => reads.providerInfo(ctx, p.id).capabilities }),
  }),
});

builder.queryField('providers', (t) =>
  t.field({
    type: [ProviderRef],
    description: 'The providers this gateway serves, in a stable order.',
    resolve: (_root, _args, ctx) => ctx.providers.map((id) => ({ id })),
  }),
);
