// Membership mutations: addMembers, removeMembers, setMembers (replace the set) and setMemberRole.
import * as membership from '../../resolvers/writes/group-membership.js';
import { builder } from '../builder.js';
import { MemberRoleEnum } from '../enums.js';
import { groupChangeSuccess, MemberRefInput } from './change.js';
import { memberSuccess } from './member-success.js';
import { CLIENT_MUTATION_ID, INPUT, payloadOf, WRITE_SCOPE } from './options.js';

/**
 * How a change treats a member named more than once, said once for every member list (the rule and its reasons:
 * resolvers/writes/duplicates.ts).
 */
const DUPLICATES =
  'A member named more than once is changed, reported and counted once, at the place of its first reference: references ' +
  'that are equal (the same memberId or userId, compared as the provider compares ids: UUIDs in any case; ' +
  "the same email ignoring case) or that reach the same member (a userId or email and that member's memberId).";

const GROUP_ID = 'The Team or UserGroup id of the group to change.';

const AddMembersInput = builder.inputType('AddMembersInput', {
  description: 'The group, the members to add to it, and their role.',
  fields: (t) => ({
    groupId: t.id({ required: true, description: GROUP_ID }),
    members: t.field({ type: [MemberRefInput], required: true, description: `At most 100. ${DUPLICATES}` }),
    role: t.field({
      type: MemberRoleEnum,
      required: false,
      description:
        "The role for every member given, where the provider has team roles (GitBook; left out: the provider's default). MEMBER is " +
        'accepted everywhere; OWNER elsewhere is UnsupportedOperationError. A member named twice gets it once.',
    }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

const RemoveMembersInput = builder.inputType('RemoveMembersInput', {
  description: 'The group, and the members to remove from it.',
  fields: (t) => ({
    groupId: t.id({ required: true, description: GROUP_ID }),
    memberIds: t.idList({
      required: true,
      description:
        'Member ids read from this group (or its organization); at most 100. A member given more than once (the same id, or its ids ' +
        'from the group and from the organization) is removed, reported and counted once, at the place of its first id.',
    }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

const SetMembersInput = builder.inputType('SetMembersInput', {
  description: 'The group, and the whole member set it must have.',
  fields: (t) => ({
    groupId: t.id({ required: true, description: GROUP_ID }),
    members: t.field({ type: [MemberRefInput], required: true, description: `The whole new member set; at most 1,000. Empty clears the group. ${DUPLICATES}` }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

const SetMemberRoleInput = builder.inputType('SetMemberRoleInput', {
  description: 'The team member, and its new role.',
  fields: (t) => ({
    memberId: t.id({ required: true, description: 'A Member id read from a team (Team.members), not from its organization.' }),
    role: t.field({ type: MemberRoleEnum, required: true, description: 'The new role.' }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

const AddMembersSuccess = groupChangeSuccess('AddMembersSuccess', 'Each member given: ADDED, ALREADY_MEMBER or FAILED (with why).');
const RemoveMembersSuccess = groupChangeSuccess('RemoveMembersSuccess', 'Each member given: REMOVED, NOT_A_MEMBER or FAILED (with why).');
const SetMembersSuccess = groupChangeSuccess(
  'SetMembersSuccess',
  'Each member given (ADDED, ALREADY_MEMBER or FAILED), then each member the replace dropped (REMOVED or FAILED).',
);
const SetMemberRoleSuccess = memberSuccess('SetMemberRoleSuccess', 'The member with its new role.');

const echo = <T extends object>(result: T, input: { clientMutationId?: string | null }) => ({ ...result, clientMutationId: input.clientMutationId ?? null });

builder.mutationField('addMembers', (t) =>
  t.field({
    type: AddMembersSuccess,
    description:
      'Adds members to a team or user group. One call where the API has a bulk add (Cloudflare POST, GitBook PUT), read-modify-write ' +
      'where it replaces sets (Checkmarx), bounded concurrent single adds elsewhere (Bird, GoodAccess). Already a member is a success.',
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: AddMembersInput, required: true, description: INPUT }) },
    errors: payloadOf('addMembers'),
    resolve: async (_root, { input }, ctx) =>
      echo(await membership.addMembers(ctx, { groupId: String(input.groupId), members: input.members, role: input.role ?? null }), input),
  }),
);

builder.mutationField('removeMembers', (t) =>
  t.field({
    type: RemoveMembersSuccess,
    description:
      'Removes members from a team or user group. Not a member is a success (NOT_A_MEMBER). One bulk call on GitBook, read-modify-write ' +
      'on Checkmarx (and on Cloudflare when that is fewer calls), bounded concurrent single removes elsewhere. Each change carries the ' +
      "removed Member's id (MemberChange.removedMemberId) for a client cache to drop its edge.",
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: RemoveMembersInput, required: true, description: INPUT }) },
    errors: payloadOf('removeMembers'),
    resolve: async (_root, { input }, ctx) =>
      echo(await membership.removeMembers(ctx, { groupId: String(input.groupId), memberIds: input.memberIds.map(String) }), input),
  }),
);

builder.mutationField('setMembers', (t) =>
  t.field({
    type: SetMembersSuccess,
    description:
      'Makes the member set exactly `members`. One PUT where the API replaces sets (Checkmarx, Cloudflare); elsewhere the set is read, ' +
      'the missing are added, then the extra removed.',
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: SetMembersInput, required: true, description: INPUT }) },
    errors: payloadOf('setMembers'),
    resolve: async (_root, { input }, ctx) => echo(await membership.setMembers(ctx, { groupId: String(input.groupId), members: input.members }), input),
  }),
);

builder.mutationField('setMemberRole', (t) =>
  t.field({
    type: SetMemberRoleSuccess,
    description: "Sets a team member's role (GitBook; UnsupportedOperationError elsewhere).",
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: SetMemberRoleInput, required: true, description: INPUT }) },
    errors: payloadOf('setMemberRole'),
    resolve: async (_root, { input }, ctx) => echo(await membership.setMemberRole(ctx, { memberId: String(input.memberId), role: input.role }), input),
  }),
);
