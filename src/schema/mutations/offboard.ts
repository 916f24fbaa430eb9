// offboardPerson: every change that takes a person's access away, planned from their e-mail and (unless a dry run) made, each reported.
import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import * as reads from '../../resolvers/reads.js';
import type { MutationError } from '../../resolvers/writes/errors.js';
import { countsOf, offboardPerson, type OffboardResult } from '../../resolvers/writes/offboard.js';
import { MAX_OFFBOARD_CHANGES } from '../../resolvers/writes/offboard-input.js';
import type { OffboardAction, OffboardChange, OffboardStatus } from '../../resolvers/writes/offboard-plan.js';
import { personByEmail } from '../../resolvers/people/index.js';
import { builder } from '../builder.js';
import { ProviderIdEnum } from '../enums.js';
import { ErrorInterface, MUTATION_ERRORS } from '../errors.js';
import { MemberRef } from '../member.js';
import { CLIENT_MUTATION_ID, ECHOED_ID, INPUT, payloadOf, WRITE_SCOPE } from './options.js';

type Described<K extends string> = { readonly [Key in K]: { readonly description: string } };

const OffboardActionEnum = builder.enumType('OffboardAction', {
  description: 'What one offboarding change does. Made in this order within a provider: groups, then sessions, then the organization membership.',
  values: {
    REMOVE_FROM_GROUP: {
      description:
        'Takes the person out of one team or user group (`group`). With `group` null: the person is in no group of the organization ' +
        '(ALREADY_DONE), or a provider whose members cannot be found by e-mail (UNSUPPORTED).',
    },
    DISCONNECT_SESSIONS: { description: "Ends the member's active sessions, where the provider has them (ProviderCapabilities.writes.disconnectMember)." },
    DELETE_MEMBER: {
      description: 'Deletes the organization member, where the provider deletes members (writes.deleteMember): the member is the membership there.',
    },
    REMOVE_FROM_ORGANIZATION: {
      description:
        "Takes the person out of the organization, where the provider's API documents a call for it (writes.removeOrganizationMember); " +
        'UNSUPPORTED elsewhere.',
    },
  } as const satisfies Described<OffboardAction>,
});

const OffboardChangeStatusEnum = builder.enumType('OffboardChangeStatus', {
  description: 'How one offboarding change stands. DONE and ALREADY_DONE are both successes: the access it is about is gone.',
  values: {
    PLANNED: { description: 'A dry run: the change would be made; nothing was sent.' },
    DONE: { description: 'Made by this call.' },
    ALREADY_DONE: {
      description:
        'Nothing to do: the access is gone already (a second run, someone else, a group or member deleted since), or the provider holds ' +
        'nothing for this e-mail.',
    },
    FAILED: {
      description:
        "Not made (or, with ProviderUnavailableError.outcomeUnknown, maybe made): `error` says why. A provider's read failing is one " +
        'FAILED change with no organization; a provider-wide failure (rate limit, outage) leaves its later changes FAILED with the same error, unsent.',
    },
    UNSUPPORTED: { description: "The provider's API cannot make this change: `error` (UnsupportedOperationError) says what is left to do by hand." },
  } as const satisfies Described<OffboardStatus>,
});

const OffboardChangeRef = builder.objectRef<OffboardChange>('OffboardChange').implement({
  description: 'One change of an offboarding: which provider, what, where, about which membership, and how it stands.',
  fields: (t) => ({
    provider: t.field({ type: ProviderIdEnum, description: 'The provider the change is made in.', resolve: (c) => c.provider }),
    action: t.field({ type: OffboardActionEnum, description: 'What the change does.', resolve: (c) => c.action }),
    status: t.field({ type: OffboardChangeStatusEnum, description: 'How it stands after this call.', resolve: (c) => c.status }),
    organization: t.field({
      type: 'Organization',
      nullable: true,
      description:
        'The organization the change is in; null for a change about the whole provider (it holds nothing for the e-mail, could not be ' +
        'read, or cannot be searched by e-mail). No call where the provider has one organization; elsewhere a batched read.',
      resolve: (c, _args, ctx) => (c.organizationId === null ? null : reads.organization(ctx, c.provider, c.organizationId)),
    }),
    group: t.field({
      type: 'MemberGroup',
      nullable: true,
      description: 'REMOVE_FROM_GROUP: the team or user group (a batched read, when selected); null for every other action and when there is none.',
      resolve: (c, _args, ctx) =>
        c.groupId === null || c.organizationId === null
          ? null
          : reads.group(ctx, { provider: c.provider, organizationId: c.organizationId, groupId: c.groupId }),
    }),
    member: t.field({
      type: MemberRef,
      nullable: true,
      description:
        'The membership the change is about, as read before any change (its id stays valid for a client cache to evict); null for a ' +
        'change about the whole provider.',
      resolve: (c) => c.member,
    }),
    error: t.field({
      type: ErrorInterface,
      nullable: true,
      description: 'Why, when FAILED or UNSUPPORTED; null otherwise.',
      // graphql-js treats a returned Error instance as a thrown one: the errors plugin's wrapper keeps it a value.
      resolve: (c) => (c.error ? (wrapErrorIfMatches(c.error, [...MUTATION_ERRORS]) as MutationError) : null),
    }),
  }),
});

const OffboardSummary = builder.objectRef<OffboardChange[]>('OffboardSummary').implement({
  description: 'How many changes have each status, and whether any access teamgraph can see or reach is left.',
  fields: (t) => ({
    planned: t.int({ description: 'Changes PLANNED (a dry run).', resolve: (c) => countsOf(c).PLANNED }),
    done: t.int({ description: 'Changes DONE by this call.', resolve: (c) => countsOf(c).DONE }),
    alreadyDone: t.int({ description: 'Changes ALREADY_DONE.', resolve: (c) => countsOf(c).ALREADY_DONE }),
    failed: t.int({ description: 'Changes FAILED: zero when everything that could be made was.', resolve: (c) => countsOf(c).FAILED }),
    unsupported: t.int({
      description: 'Changes UNSUPPORTED: access left for someone to remove in the provider itself.',
      resolve: (c) => countsOf(c).UNSUPPORTED,
    }),
    accessRemoved: t.boolean({
      description:
        'True when every change is DONE or ALREADY_DONE: nothing teamgraph can see or reach still grants access. False after a dry run ' +
        'with anything PLANNED, and while any change is FAILED or UNSUPPORTED.',
      resolve: (c) => c.every((change) => change.status === 'DONE' || change.status === 'ALREADY_DONE'),
    }),
  }),
});

type OffboardPayload = OffboardResult & { clientMutationId: string | null };

const OffboardPersonSuccess = builder.objectRef<OffboardPayload>('OffboardPersonSuccess').implement({
  description: 'The changes offboarding made (or, in a dry run, would make), each with its status; then the counts.',
  fields: (t) => ({
    // A String, not EmailAddress: an address the input check accepts (`a,b@x.io`) would fail that scalar's stricter serializer.
    email: t.string({ description: 'The e-mail address offboarded, normalised (trimmed, lower-cased).', resolve: (r) => r.request.email }),
    dryRun: t.boolean({ description: 'True when nothing was sent: every change to make is PLANNED.', resolve: (r) => r.request.dryRun }),
    person: t.field({
      type: 'Person',
      nullable: true,
      description:
        'The person after this call: read again (one walk of the member lists, when selected), or as read before for a dry run; null ' +
        'when no provider holds the e-mail any more.',
      resolve: (r, _args, ctx) =>
        r.request.dryRun ? ((r.before?.memberships.length ?? 0) > 0 ? { email: r.request.email } : null) : personByEmail(ctx, r.request.email),
    }),
    changes: t.field({
      type: [OffboardChangeRef],
      description: 'Every change, provider by provider (in the order of Query.providers), each organization in the order its changes are made.',
      resolve: (r) => r.changes,
    }),
    summary: t.field({ type: OffboardSummary, description: 'How many changes have each status.', resolve: (r) => r.changes }),
    clientMutationId: t.string({ nullable: true, description: ECHOED_ID, resolve: (r) => r.clientMutationId }),
  }),
});

const OffboardPersonInput = builder.inputType('OffboardPersonInput', {
  description: 'Whom to offboard, from which providers, and whether only to plan.',
  fields: (t) => ({
    email: t.string({
      required: true,
      description:
        "The person's e-mail address, compared trimmed and ignoring case (as Query.person does); at most 254 characters. A malformed one " +
        'is a ValidationError before any call.',
    }),
    providers: t.field({
      type: [ProviderIdEnum],
      required: false,
      description:
        'Only these providers (each once; not empty); left out: every provider this gateway serves. A provider not served here is a ' +
        'ValidationError before any call.',
    }),
    dryRun: t.boolean({
      required: false,
      defaultValue: false,
      description: 'True: read and plan only, every change PLANNED, no write sent to any provider. False (the default): make the changes.',
    }),
    clientMutationId: t.string(CLIENT_MUTATION_ID),
  }),
});

builder.mutationField('offboardPerson', (t) =>
  t.field({
    type: OffboardPersonSuccess,
    description:
      'Takes a person out of everything, found by e-mail in every provider: each team and user-group membership, then (where the ' +
      'provider has them) their sessions and the member itself, then the organization membership where the API documents a call for ' +
      'it (UNSUPPORTED where not). Providers run side by side; a failing one leaves the others applied and its own changes FAILED with ' +
      `the typed error. Running it again is harmless: what is gone is ALREADY_DONE. At most ${MAX_OFFBOARD_CHANGES} changes per call ` +
      '(more is a ValidationError before any write: name fewer providers). Needs the write scope, even for a dry run.',
    authScopes: WRITE_SCOPE,
    args: { input: t.arg({ type: OffboardPersonInput, required: true, description: INPUT }) },
    errors: payloadOf('offboardPerson'),
    resolve: async (_root, { input }, ctx) => ({
      ...(await offboardPerson(ctx, { email: input.email, providers: input.providers ?? null, dryRun: input.dryRun ?? false })),
      clientMutationId: input.clientMutationId ?? null,
    }),
  }),
);
