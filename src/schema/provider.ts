// The Provider type: which products this gateway serves, in which mode, how healthy, and what each can do.
import type { Capabilities, ProviderId } from '../providers/types.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { GroupKindEnum, ProviderIdEnum, ProviderModeEnum, SharedStateEnum } from './enums.js';

interface ProviderShape {
  id: ProviderId;
}

/** Said once for every capability flag: reading the whole `providers` list costs no upstream call. */
const NATIVE = 'True where the API does this in one call of its own';

const WriteCapabilities = builder.simpleObject('WriteCapabilities', {
  description:
    'The membership writes a provider API does natively. A mutation whose write the API lacks is emulated from others where it can ' +
    'be (see each mutation) and refused with UnsupportedOperationError, before any call, where it cannot.',
  fields: (t) => ({
    addMember: t.boolean({ description: `${NATIVE}: add one member to a group.` }),
    addMembersBulk: t.boolean({ description: `${NATIVE}: add several members to a group (at most maxBulkSize a call).` }),
    removeMember: t.boolean({ description: `${NATIVE}: remove one member from a group.` }),
    removeMembersBulk: t.boolean({ description: `${NATIVE}: remove several members from a group.` }),
    replaceMembers: t.boolean({ description: `${NATIVE}: replace a group's whole member set (what setMembers uses when true).` }),
    setMemberRole: t.boolean({ description: `${NATIVE}: set a team member's role; setMemberRole is refused where false.` }),
    refsByEmail: t.boolean({
      description: 'True where membership writes take an e-mail address as is (GitBook); elsewhere an e-mail is looked up in the organization members.',
    }),
    createMember: t.boolean({ description: `${NATIVE}: create an organization member; createMember is refused where false.` }),
    updateMember: t.boolean({ description: `${NATIVE}: rename a member or set its password; updateMember is refused where false.` }),
    deleteMember: t.boolean({ description: `${NATIVE}: delete an organization member; deleteMember is refused where false.` }),
    disconnectMember: t.boolean({ description: `${NATIVE}: end a member's sessions; disconnectMember is refused where false.` }),
    removeOrganizationMember: t.boolean({
      description: `${NATIVE}: take a member out of the organization; where false, offboardPerson reports that step UNSUPPORTED.`,
    }),
  }),
});

const ProviderCapabilities = builder.objectRef<Capabilities>('ProviderCapabilities').implement({
  description: 'What a provider API can do: how it pages and filters, what it lists, which writes it has. Fixed per provider; reading it costs no call.',
  fields: (t) => ({
    groupKind: t.expose('groupKind', {
      type: GroupKindEnum,
      description: 'Teams or user groups: the other of Organization.teams and Organization.userGroups is always empty.',
    }),
    hierarchy: t.exposeBoolean('hierarchy', { description: 'Groups have parents (Checkmarx): Team.parent and Team.children are served.' }),
    organizationMembers: t.exposeBoolean('organizationMembers', {
      description: "The API lists an organization's own members: Organization.members is served (false: null with UNSUPPORTED_OPERATION).",
    }),
    memberRoles: t.exposeBoolean('memberRoles', { description: 'Groups have member roles (GitBook): Member.role is set and the role arguments apply.' }),
    listsOrganizations: t.boolean({ description: 'False where the credentials imply one organization.', resolve: (c) => c.organizations === 'list' }),
    pagination: t.exposeString('pagination', {
      description: 'How the API pages: `cursor`, `pageNumber` or `none` (every list whole in one call). Connections page the same way whatever it is.',
    }),
    maxPageSize: t.exposeInt('maxPageSize', {
      description: 'The most items one upstream call returns (2147483647 where lists come whole): a larger `first` costs more calls per page.',
    }),
    maxBulkSize: t.exposeInt('maxBulkSize', { description: 'The most members one bulk write call takes; a larger change is split into several calls.' }),
    serverSideStatusFilter: t.boolean({
      description: 'The API filters members by status itself; where false, the gateway filters full pages (more calls, same results).',
      resolve: (c) => c.filters.status,
    }),
    serverSideEmailFilter: t.boolean({
      description: 'The API filters members by e-mail itself; where false, the gateway filters full pages (more calls, same results).',
      resolve: (c) => c.filters.emailContains,
    }),
    serverSideNameFilter: t.boolean({
      description: 'The API filters groups by name itself; where false, the gateway filters full pages (more calls, same results).',
      resolve: (c) => c.filters.groupName,
    }),
    writes: t.expose('writes', { type: WriteCapabilities, description: 'The membership writes the API does natively.' }),
  }),
});

export const ProviderRef = builder.objectRef<ProviderShape>('Provider').implement({
  description: 'A product this gateway serves, as configured. Every field is known without an upstream call.',
  fields: (t) => ({
    id: t.expose('id', { type: ProviderIdEnum, description: 'Which product: the value `organizations(provider:)` takes.' }),
    name: t.string({ description: "The product's name, such as GitBook.", resolve: (p, _args, ctx) => reads.providerInfo(ctx, p.id).name }),
    mode: t.field({ type: ProviderModeEnum, description: 'The real API or the embedded simulator.', resolve: (_p, _args, ctx) => ctx.mode }),
    healthy: t.boolean({
      description: 'False while its circuit breaker is open (calls fail fast with PROVIDER_UNAVAILABLE until a probe succeeds).',
      resolve: (p, _args, ctx) => reads.providerInfo(ctx, p.id).healthy,
    }),
    sharedState: t.field({
      type: SharedStateEnum,
      description:
        'Where its read cache and rate budget live (SHARED across instances, LOCAL to this instance, or UNREACHABLE: the shared store is down and this instance serves on its own until it is back).',
      resolve: (p, _args, ctx) => reads.providerInfo(ctx, p.id).sharedState,
    }),
    capabilities: t.field({
      type: ProviderCapabilities,
      description: 'What its API can do: paging, filters, lists and writes.',
      resolve: (p, _args, ctx) => reads.providerInfo(ctx, p.id).capabilities,
    }),
  }),
});

builder.queryField('providers', (t) =>
  t.field({
    type: [ProviderRef],
    description: 'The providers this gateway serves, in a stable order (the order organizations lists them in). Costs no upstream call.',
    resolve: (_root, _args, ctx) => ctx.providers.map((id) => ({ id })),
  }),
);
