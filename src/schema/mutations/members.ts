// Member lifecycle mutations: createMember, updateMember, deleteMember, disconnectMember (GoodAccess; UnsupportedOperationError elsewhere).
import type { DeletedMemberResult } from '../../resolvers/writes/payloads.js';
import * as members from '../../resolvers/writes/member-lifecycle.js';
import * as reads from '../../resolvers/reads.js';
import { builder } from '../builder.js';
import { memberSuccess } from './member-success.js';
import { CLIENT_MUTATION_ID, ECHOED_ID, INPUT, payloadOf, WRITE_SCOPE } from './options.js';

const PASSWORD = 'At most 512 characters. Write-only: sent to the provider, never returned, logged or traced.';

/**
 * The inputs that carry a password declare no field required: graphql-js prints the whole variable value in
 * the error for a missing required field, password included. The resolver checks them instead and answers a
 * ValidationError with the path, which never holds a value.
 */
const CreateMemberInput = builder.inputType('CreateMemberInput', {
  description: 'All three of organizationId, name and password are needed (checked by the resolver, see ValidationError).',
  fields: (t) => ({
    organizationId: t.id({ required: false, description: 'Required. The Organization id (GoodAccess) to create the member in.' }),
    name: t.string({
      required: false,
      description: "Required. The member's name, at most 200 characters (GoodAccess refuses one already taken: ConflictError).",
    }),
    password: t.string({ required: false, description: `Required. ${PASSWORD}` }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

const UpdateMemberInput = builder.inputType('UpdateMemberInput', {
  description: 'memberId and at least one of name and password are needed (checked by the resolver).',
  fields: (t) => ({
    memberId: t.id({ required: false, description: 'Required. The Member id (organization-level, GoodAccess) to change.' }),
    name: t.string({ required: false, description: 'The new name, at most 200 characters; left out: unchanged.' }),
    password: t.string({ required: false, description: `The new password; left out: unchanged. ${PASSWORD}` }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

const DeleteMemberInput = builder.inputType('DeleteMemberInput', {
  description: 'The member to delete from its organization.',
  fields: (t) => ({
    memberId: t.id({ required: true, description: 'A Member id of the organization (GoodAccess); a group member id names the same person.' }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

const DisconnectMemberInput = builder.inputType('DisconnectMemberInput', {
  description: 'The member whose sessions to end.',
  fields: (t) => ({
    memberId: t.id({ required: true, description: 'A Member id (GoodAccess), from the organization or one of its groups.' }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

const CreateMemberSuccess = memberSuccess('CreateMemberSuccess', 'The new member.');
const UpdateMemberSuccess = memberSuccess('UpdateMemberSuccess', 'The member as it is now.');
const DisconnectMemberSuccess = memberSuccess('DisconnectMemberSuccess', 'The member whose sessions were ended.');

const DeleteMemberSuccess = builder.objectRef<DeletedMemberResult & { clientMutationId: string | null }>('DeleteMemberSuccess').implement({
  description: 'The member is gone from its organization (and so from all of its groups).',
  fields: (t) => ({
    deletedMemberId: t.id({
      description: 'The Member id given, for a client cache to evict (Relay @deleteRecord, Apollo cache.evict).',
      resolve: (r) => r.deletedMemberId,
    }),
    organization: t.field({
      type: 'Organization',
      description: 'The organization it was deleted from (no call on GoodAccess, whose one tenant is configured).',
      resolve: (r, _args, ctx) => reads.organization(ctx, r.organization.provider, r.organization.organizationId),
    }),
    clientMutationId: t.string({ nullable: true, description: ECHOED_ID, resolve: (r) => r.clientMutationId }),
  }),
});

const echo = <T extends object>(result: T, input: { clientMutationId?: string | null }) => ({ ...result, clientMutationId: input.clientMutationId ?? null });

builder.mutationField('createMember', (t) =>
  t.field({
    type: CreateMemberSuccess,
    description: 'Creates an organization member with a password (GoodAccess). Never resent blindly: after a timeout the member is looked for first.',
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: CreateMemberInput, required: true, description: INPUT }) },
    errors: payloadOf('createMember'),
    resolve: async (_root, { input }, ctx) =>
      echo(
        await members.createMember(ctx, { organizationId: input.organizationId ?? null, name: input.name ?? null, password: input.password ?? null }),
        input,
      ),
  }),
);

builder.mutationField('updateMember', (t) =>
  t.field({
    type: UpdateMemberSuccess,
    description: "Changes a member's name, password or both (GoodAccess).",
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: UpdateMemberInput, required: true, description: INPUT }) },
    errors: payloadOf('updateMember'),
    resolve: async (_root, { input }, ctx) =>
      echo(await members.updateMember(ctx, { memberId: input.memberId ?? null, name: input.name ?? null, password: input.password ?? null }), input),
  }),
);

builder.mutationField('deleteMember', (t) =>
  t.field({
    type: DeleteMemberSuccess,
    description: 'Deletes an organization member (GoodAccess).',
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: DeleteMemberInput, required: true, description: INPUT }) },
    errors: payloadOf('deleteMember'),
    resolve: async (_root, { input }, ctx) => echo(await members.deleteMember(ctx, { memberId: String(input.memberId) }), input),
  }),
);

builder.mutationField('disconnectMember', (t) =>
  t.field({
    type: DisconnectMemberSuccess,
    description: "Ends a member's VPN sessions (GoodAccess only).",
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: DisconnectMemberInput, required: true, description: INPUT }) },
    errors: payloadOf('disconnectMember'),
    resolve: async (_root, { input }, ctx) => echo(await members.disconnectMember(ctx, { memberId: String(input.memberId) }), input),
  }),
);
