// The Member node: one person's membership of a group (or of an organization), across every provider.
import type { MemberRecord } from '../providers/types.js';
import { localId } from '../resolvers/ids.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { MemberRoleEnum, MemberStatusEnum, ProviderIdEnum } from './enums.js';

export const MemberRef = builder.objectRef<MemberRecord>('Member');

/** What the person fields cost: Cloudflare's group member records lack them, so they come from the account's members. */
const DETAIL_COST =
  "Free from the member's own record, except for a Cloudflare group member, whose details come from the account's member list " +
  '(read once per request for every member that needs it).';

builder.node(MemberRef, {
  description:
    'A membership: who, in which group (or organization), with which role and status. The same person read from a group and from ' +
    'its organization is two Members, with two ids.',
  id: {
    resolve: (m) => localId({ type: 'Member', key: { provider: m.provider, organizationId: m.organizationId, groupId: m.groupId, memberId: m.memberId } }),
  },
  loadMany: (ids, ctx) => reads.nodeEntries<MemberRecord>(ctx, 'Member', ids),
  fields: (t) => ({
    provider: t.expose('provider', { type: ProviderIdEnum, description: 'The provider this membership lives in.' }),
    memberId: t.exposeString('memberId', {
      description:
        "The provider's id of this membership: what its membership calls take, and MemberRefInput.memberId. Equal to userId everywhere " +
        'but Cloudflare (an account member id there).',
    }),
    userId: t.string({
      nullable: true,
      description: `The provider's id of the user; differs from memberId on Cloudflare. Null where the provider does not say. ${DETAIL_COST}`,
      resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'userId'),
    }),
    email: t.field({
      type: 'EmailAddress',
      nullable: true,
      description: `The e-mail address; null where the provider does not give one. ${DETAIL_COST}`,
      resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'email'),
    }),
    displayName: t.string({
      nullable: true,
      description: `The name the product shows; null where the provider has none. ${DETAIL_COST}`,
      resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'displayName'),
    }),
    firstName: t.string({
      nullable: true,
      description: `Given name (Checkmarx, Cloudflare); null where the provider keeps no separate one. ${DETAIL_COST}`,
      resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'firstName'),
    }),
    lastName: t.string({
      nullable: true,
      description: `Family name (Checkmarx, Cloudflare); null where the provider keeps no separate one. ${DETAIL_COST}`,
      resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'lastName'),
    }),
    username: t.string({
      nullable: true,
      description: `The login name, where the provider has one (GoodAccess, Checkmarx); null elsewhere. ${DETAIL_COST}`,
      resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'username'),
    }),
    role: t.expose('role', {
      type: MemberRoleEnum,
      nullable: true,
      description: 'The team role; null where the provider has no team roles (all but GitBook) and for organization-level members.',
    }),
    status: t.expose('status', { type: MemberStatusEnum, description: "The membership's state, mapped from the provider's own." }),
    mfaEnabled: t.boolean({
      nullable: true,
      description: `Whether the user has multi-factor authentication on (GoodAccess, Cloudflare); null where the provider does not say. ${DETAIL_COST}`,
      resolve: (m, _a, ctx) => reads.personDetail(ctx, m, 'mfaEnabled'),
    }),
    lastLoginAt: t.expose('lastLoginAt', {
      type: 'DateTime',
      nullable: true,
      description: 'The last sign-in or visit (UTC; GitBook, Checkmarx); null where the provider does not say or the member never signed in.',
    }),
    joinedAt: t.expose('joinedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the member joined this group or organization (UTC); null where the provider does not say.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: "When the provider created the member's record (UTC); null where it does not say.",
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: "When the provider last changed the member's record (UTC); null where it does not say.",
    }),
    group: t.field({
      type: 'MemberGroup',
      nullable: true,
      description:
        'The group this membership is of; null for an organization-level member (read from Organization.members). A read of the ' +
        'group, unless this request has already read it (batched and cached per request).',
      resolve: (m, _a, ctx) => (m.groupId === null ? null : reads.group(ctx, { provider: m.provider, organizationId: m.organizationId, groupId: m.groupId })),
    }),
    groups: t.field({
      type: ['MemberGroup'],
      nullable: true,
      description:
        "Every group this member belongs to, where the provider's record lists them (Checkmarx, from the team list: one call per " +
        'request); null elsewhere, where only group.members tells. Groups deleted since are left out.',
      resolve: (m, _a, ctx) => reads.memberGroups(ctx, m),
    }),
    organization: t.field({
      type: 'Organization',
      description:
        'The organization the membership is in. No call on GoodAccess, Bird and Checkmarx (one organization each); elsewhere a read, ' +
        'batched and cached per request.',
      resolve: (m, _a, ctx) => reads.organization(ctx, m.provider, m.organizationId),
    }),
    raw: t.expose('raw', {
      type: 'JSONObject',
      description: "The provider's own JSON for this member, as its API sent it (no extra call): for what the unified fields leave out.",
    }),
  }),
});

export const MemberConnection = builder.connectionObject(
  { type: MemberRef, name: 'MemberConnection', description: "A page of members, in the provider's order (forward only: see PageInfo)." },
  { name: 'MemberEdge', description: 'A member in a page, with its cursor.' },
);
