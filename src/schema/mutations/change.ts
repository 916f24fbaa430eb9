// What a membership change reports per member (MemberChange), its counts, and the member reference clients give.
import type { ChangeStatus } from '../../providers/types.js';
import { surfaced } from '../../resolvers/errors.js';
import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import type { MutationError } from '../../resolvers/writes/errors.js';
import type { ChangeEntry, GroupChangeResult } from '../../resolvers/writes/payloads.js';
import { memberAfterChange } from '../../resolvers/writes/payloads.js';
import * as reads from '../../resolvers/reads.js';
import { builder } from '../builder.js';
import { ErrorInterface, MUTATION_ERRORS } from '../errors.js';
import { MemberRef } from '../member.js';

export const MemberChangeStatusEnum = builder.enumType('MemberChangeStatus', {
  description: 'ADDED / ALREADY_MEMBER and REMOVED / NOT_A_MEMBER are all successes (a retry never does harm); FAILED says why in `error`.',
  values: ['ADDED', 'ALREADY_MEMBER', 'REMOVED', 'NOT_A_MEMBER', 'FAILED'] as const satisfies readonly ChangeStatus[],
});

export const MemberRefInput = builder.inputType('MemberRefInput', {
  description:
    "One member, by exactly one of: memberId (Member.memberId, what the provider's membership calls take), userId (Member.userId; " +
    "on Cloudflare looked up among the account's members), email (native on GitBook; looked up in the organization's members on " +
    'GoodAccess, Checkmarx and Cloudflare; not possible on Bird).',
  fields: (t) => ({
    userId: t.string({ required: false }),
    email: t.string({ required: false }),
    memberId: t.string({ required: false }),
  }),
});

export const MemberChangeRef = builder.objectRef<ChangeEntry>('MemberChange').implement({
  description: "One member's outcome in a membership change.",
  fields: (t) => ({
    status: t.field({ type: MemberChangeStatusEnum, resolve: (c) => c.status }),
    memberId: t.string({
      nullable: true,
      description: "The provider's member id, where known (given, looked up, or of a member a replace dropped).",
      resolve: (c) => c.memberId,
    }),
    userId: t.string({
      nullable: true,
      description: 'The userId as given (the first one, where the member was named more than once).',
      resolve: (c) => c.userId,
    }),
    email: t.string({ nullable: true, description: 'The email as given (the first one, where the member was named more than once).', resolve: (c) => c.email }),
    member: t.field({
      type: MemberRef,
      nullable: true,
      description: 'The member as it is after the change (read when asked for); null when not in the group.',
      resolve: (c, _args, ctx) => surfaced(memberAfterChange(ctx, c)),
    }),
    error: t.field({
      type: ErrorInterface,
      nullable: true,
      description: 'Why, when status is FAILED.',
      // graphql-js treats a returned Error instance as a thrown one: the errors plugin's wrapper keeps it a value.
      resolve: (c) => (c.error ? (wrapErrorIfMatches(c.error, [...MUTATION_ERRORS]) as MutationError) : null),
    }),
  }),
});

interface Counts {
  added: number;
  alreadyMembers: number;
  removed: number;
  notMembers: number;
  failed: number;
}

const MemberChangeSummary = builder.objectRef<Counts>('MemberChangeSummary').implement({
  description: 'How many members each status has (each member counted once, as in `changes`): what was applied, what already held, what failed.',
  fields: (t) => ({
    added: t.exposeInt('added'),
    alreadyMembers: t.exposeInt('alreadyMembers'),
    removed: t.exposeInt('removed'),
    notMembers: t.exposeInt('notMembers'),
    failed: t.exposeInt('failed'),
  }),
});

function countOf(changes: readonly ChangeEntry[]): Counts {
  const count = (status: ChangeStatus) => changes.filter((c) => c.status === status).length;
  return {
    added: count('ADDED'),
    alreadyMembers: count('ALREADY_MEMBER'),
    removed: count('REMOVED'),
    notMembers: count('NOT_A_MEMBER'),
    failed: count('FAILED'),
  };
}

export type GroupChangePayload = GroupChangeResult & { clientMutationId: string | null };

/** AddMembersSuccess, RemoveMembersSuccess, SetMembersSuccess: the group, one change per member, the counts. */
export function groupChangeSuccess(name: string, description: string) {
  return builder.objectRef<GroupChangePayload>(name).implement({
    description,
    fields: (t) => ({
      group: t.field({ type: 'MemberGroup', description: 'The group, read after the change.', resolve: (r, _args, ctx) => reads.group(ctx, r.group) }),
      changes: t.field({
        type: [MemberChangeRef],
        description: 'One per distinct member given, in input order (a member named twice appears once); then each member a replace dropped.',
        resolve: (r) => r.changes,
      }),
      summary: t.field({ type: MemberChangeSummary, resolve: (r) => countOf(r.changes) }),
      clientMutationId: t.string({ nullable: true, resolve: (r) => r.clientMutationId }),
    }),
  });
}
