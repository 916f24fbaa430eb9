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
import { localId } from '../../resolvers/ids.js';
import { MemberRef } from '../member.js';
import { ECHOED_ID } from './options.js';

export const MemberChangeStatusEnum = builder.enumType('MemberChangeStatus', {
  description: 'ADDED / ALREADY_MEMBER and REMOVED / NOT_A_MEMBER are all successes (a retry never does harm); FAILED says why in `error`.',
  values: {
    ADDED: { description: 'The member was added by this change.' },
    ALREADY_MEMBER: { description: 'The member was in the group already; nothing was sent for it.' },
    REMOVED: { description: 'The member was removed by this change (for setMembers: dropped, as not in the new set).' },
    NOT_A_MEMBER: { description: 'The member was not in the group; nothing to remove.' },
    FAILED: { description: 'Not applied (or, with ProviderUnavailableError.outcomeUnknown, maybe applied): `error` says why.' },
  } as const satisfies { readonly [S in ChangeStatus]: { readonly description: string } },
});

/**
 * @oneOf: GraphQL itself refuses a reference with none or several of its fields (a literal at validation, a
 * variable at coercion, both before any resolver). memberRefsFrom (resolvers/writes/input.ts) checks again, for
 * callers that reach the resolvers without GraphQL.
 */
export const MemberRefInput = builder.inputType('MemberRefInput', {
  isOneOf: true,
  description:
    "One member, by exactly one of its fields (@oneOf: none or two is refused before any call). Ids are checked in the provider's " +
    'format first; a reference that finds no one is FAILED with NotFoundError.',
  fields: (t) => ({
    memberId: t.string({
      required: false,
      description: "Member.memberId: what the provider's membership calls take; no lookup.",
    }),
    userId: t.string({
      required: false,
      description: "Member.userId. The same as memberId but on Cloudflare, where it is looked up among the account's members (that list's pages).",
    }),
    email: t.string({
      required: false,
      description:
        "An e-mail address, matched ignoring case. Sent as is on GitBook; looked up in the organization's members on GoodAccess, " +
        "Checkmarx and Cloudflare (that list's pages, once per change); not possible on Bird (NotFoundError).",
    }),
  }),
});

/** The Member id of a change's membership: known from the group and the provider's member id, whether or not it still exists. */
function membershipOf(c: ChangeEntry): { type: 'Member'; id: string } | null {
  if (c.memberId === null || c.status === 'FAILED') return null;
  return { type: 'Member', id: localId({ type: 'Member', key: { ...c.group, memberId: c.memberId } }) };
}

export const MemberChangeRef = builder.objectRef<ChangeEntry>('MemberChange').implement({
  description: "One member's outcome in a membership change.",
  fields: (t) => ({
    status: t.field({ type: MemberChangeStatusEnum, description: 'What happened to this member.', resolve: (c) => c.status }),
    memberId: t.string({
      nullable: true,
      description:
        "The provider's member id (Member.memberId), where known: given, looked up, or of a member a replace dropped; null for an " +
        'e-mail GitBook took as is, and for a reference that found no one.',
      resolve: (c) => c.memberId,
    }),
    memberGlobalId: t.globalID({
      nullable: true,
      description:
        "The Member id of this membership (this group and memberId), built without a call: the id the group's members connection gives " +
        'this member, also after a removal. Null when FAILED and where memberId is null. On providers whose ids ignore case, a memberId ' +
        "typed in another case than the provider's gives another string for the same member.",
      resolve: membershipOf,
    }),
    removedMemberId: t.globalID({
      nullable: true,
      description:
        'memberGlobalId when the member is not in the group after the change (REMOVED, NOT_A_MEMBER); null otherwise. What a client ' +
        "cache drops: Relay's @deleteEdge(connections:) on this field, or Apollo's cache.evict, even on setMembers' mixed changes.",
      resolve: (c) => (c.status === 'REMOVED' || c.status === 'NOT_A_MEMBER' ? membershipOf(c) : null),
    }),
    userId: t.string({
      nullable: true,
      description: 'The userId as given (the first one, where the member was named more than once); null where none was given.',
      resolve: (c) => c.userId,
    }),
    email: t.string({
      nullable: true,
      description: 'The email as given (the first one, where the member was named more than once); null where none was given.',
      resolve: (c) => c.email,
    }),
    member: t.field({
      type: MemberRef,
      nullable: true,
      description:
        "The member as it is after the change, read only when selected (one read of the group's members, batched); null when it is " +
        'not in the group (REMOVED, NOT_A_MEMBER, FAILED).',
      resolve: (c, _args, ctx) => surfaced(memberAfterChange(ctx, c)),
    }),
    error: t.field({
      type: ErrorInterface,
      nullable: true,
      description: 'Why, when status is FAILED; null otherwise.',
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
    added: t.exposeInt('added', { description: 'Changes with status ADDED.' }),
    alreadyMembers: t.exposeInt('alreadyMembers', { description: 'Changes with status ALREADY_MEMBER.' }),
    removed: t.exposeInt('removed', { description: 'Changes with status REMOVED.' }),
    notMembers: t.exposeInt('notMembers', { description: 'Changes with status NOT_A_MEMBER.' }),
    failed: t.exposeInt('failed', { description: 'Changes with status FAILED: zero when the whole change applied.' }),
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
      group: t.field({
        type: 'MemberGroup',
        description: 'The group, read after the change (one read, when selected).',
        resolve: (r, _args, ctx) => reads.group(ctx, r.group),
      }),
      changes: t.field({
        type: [MemberChangeRef],
        description: 'One per distinct member given, in input order (a member named twice appears once); then each member a replace dropped.',
        resolve: (r) => r.changes,
      }),
      summary: t.field({ type: MemberChangeSummary, description: 'How many changes have each status.', resolve: (r) => countOf(r.changes) }),
      clientMutationId: t.string({ nullable: true, description: ECHOED_ID, resolve: (r) => r.clientMutationId }),
    }),
  });
}
