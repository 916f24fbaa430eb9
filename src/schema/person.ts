// The Person node: the members of every provider that share an e-mail address, with Query.person, Query.people and Member.person.
import type { MemberRecord } from '../providers/types.js';
import { localId } from '../resolvers/ids.js';
import * as people from '../resolvers/people/index.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { ProviderIdEnum } from './enums.js';
import { failedNode } from './failed-node.js';
import { MemberConnection, MemberRef } from './member.js';
import { pageArgs } from './paging.js';

export const PersonRef = builder.objectRef<people.PersonRecord>('Person');

/** How each provider's members get the e-mail they are joined by: said once, on the type and on the lookups. */
const EMAIL_SOURCES =
  "Where each provider's e-mail comes from: GoodAccess, its member records (the login, where it is an address); GitBook, the " +
  "organization member's user record; Checkmarx, its user records; Cloudflare, its account member records (a group member carries " +
  'the same address). Bird: nowhere. Its team member records carry no e-mail and its public API reference documents no endpoint ' +
  "listing an organization's users, so Bird members are never joined to a person (their Member.person is null).";

/** What finding a person costs: the organization member lists, plus the group member lists for memberships. */
const LOOKUP_COST =
  "Cost, per request however many fields ask (each list is read once through the request's page cache): one walk of each " +
  "provider's organization list and of each organization's member list (GoodAccess and Checkmarx: one call; GitBook: 1,000 members " +
  'a call; Cloudflare: 50 a call; Bird: no call).';

const MEMBERSHIPS_COST =
  'Cost: the lookup (see Person), and in each organization that holds the person, their group memberships: on Checkmarx from the ' +
  "user records' teamIds (no call); elsewhere one walk of the organization's group list and of each group's member list (GoodAccess: " +
  'one call each; GitBook: 1,000 members a call; Cloudflare: 50 groups and 500 members a call). Organizations the person is not in ' +
  'cost no group read.';

builder.node(PersonRef, {
  description:
    'A person: the members of every provider that share an e-mail address, trimmed and compared ignoring case. Members without a known ' +
    `e-mail are never joined by guesswork. ${EMAIL_SOURCES}`,
  id: { resolve: (p) => localId({ type: 'Person', key: { email: p.email } }) },
  loadMany: (ids, ctx) => reads.nodeEntries<people.PersonRecord>(ctx, 'Person', ids),
  fields: (t) => ({
    email: t.expose('email', {
      type: 'EmailAddress',
      description: 'The e-mail address that joins the memberships, normalised: trimmed and lower-cased. No call.',
    }),
    displayName: t.string({
      nullable: true,
      description:
        'The first name a provider shows for them, in provider order (GoodAccess, GitBook, Checkmarx, Cloudflare); null where none has ' +
        `one. ${LOOKUP_COST} Null with its error where a provider cannot be read.`,
      resolve: (p, _a, ctx) => people.personDisplayName(ctx, p),
    }),
    providers: t.field({
      type: [ProviderIdEnum],
      // Nullable so that a provider's failure nulls this field alone, not the whole person.
      nullable: true,
      description:
        `The providers that hold at least one of their memberships, in provider order. ${LOOKUP_COST} Null with its error where a ` +
        'provider cannot be read (a list without it could be wrong); memberships still lists what the others hold.',
      resolve: (p, _a, ctx) => people.personProviders(ctx, p),
    }),
    memberships: t.field({
      type: MemberConnection,
      description:
        'Every membership, organization-level (Member.group null) and group-level, each a Member with its provider, organization and ' +
        "group: per provider (in provider order) and organization, the organization's own member first, then its groups'. A provider " +
        `that cannot be read gives one edge at the end whose node is null, with its error; the others are unaffected. ${MEMBERSHIPS_COST}`,
      args: pageArgs('The list is read whole and paged here, so a page costs no more than the lookup.'),
      resolve: async (p, args, ctx) => {
        const connection = await people.personMemberships(ctx, p, args);
        return {
          ...connection,
          edges: connection.edges.map((edge) => ({
            cursor: edge.cursor,
            // graphql-js awaits a promise in any field: a rejected one nulls this edge's node and reports the error.
            node: 'failed' in edge.node ? (failedNode(edge.node.failed) as unknown as MemberRecord) : edge.node,
          })),
        };
      },
    }),
  }),
});

export const PersonConnection = builder.connectionObject(
  { type: PersonRef, name: 'PersonConnection', description: 'A page of people, in e-mail order (forward only: see PageInfo).' },
  { name: 'PersonEdge', description: 'A person in a page, with its cursor.' },
);

export const PeopleFilter = builder.inputType('PeopleFilter', {
  description: 'Keeps the people that match every condition given (left out or null: no condition).',
  fields: (t) => ({
    emailContains: t.string({
      required: false,
      description: 'A case-insensitive substring of the e-mail address, at most 512 characters (empty: no condition).',
    }),
    providers: t.field({
      type: [ProviderIdEnum],
      required: false,
      description:
        'Only people with a membership in one of these providers (an empty list: no condition). Only these providers are read to list ' +
        'them, so the filter also bounds the cost; Bird holds no one (its members carry no e-mail).',
    }),
  }),
});

builder.queryField('person', (t) =>
  t.field({
    type: PersonRef,
    nullable: true,
    description:
      'The person with this e-mail address (trimmed, compared ignoring case), or null where no provider holds it. A provider that cannot ' +
      `be read (so might hold it) makes this field null with its error rather than a wrong answer. ${LOOKUP_COST} ${EMAIL_SOURCES}`,
    args: {
      email: t.arg.string({
        required: true,
        description:
          `An e-mail address, at most ${people.MAX_EMAIL_LENGTH} characters. Empty, longer or not an address: a BAD_USER_INPUT error ` +
          'with no upstream call.',
      }),
    },
    resolve: (_root, args, ctx) => people.personByInput(ctx, args.email),
  }),
);

builder.queryField('people', (t) =>
  t.field({
    type: PersonConnection,
    // Nullable so that a provider's failure nulls this field alone, not the whole answer.
    nullable: true,
    description:
      'Every person known by e-mail, across the providers (or those of the filter), in e-mail order. Cursors carry the e-mail of their ' +
      'edge (signed), so paging resumes after it however the lists changed: no one is repeated, no one present all along is missed. A ' +
      'provider that cannot be read makes this field null with its error (a list that silently misses its people would look ' +
      'complete); filter it out to list the others.',
    args: {
      filter: t.arg({ type: PeopleFilter, required: false, description: 'Only the people that match; left out: everyone.' }),
      ...pageArgs(
        "A page of people costs one walk of each provider's organization list and of each organization's member list, however many " +
          'pages the request asks for (see Person for the figures); Person.memberships adds the group reads.',
      ),
    },
    resolve: (_root, args, ctx) => people.people(ctx, args, args.filter),
  }),
);

builder.objectField(MemberRef, 'person', (t) =>
  t.field({
    type: PersonRef,
    nullable: true,
    description:
      "The person this membership belongs to: everyone's memberships under the same e-mail. Null where the member has no known " +
      'e-mail address, and on Bird, whose members are never joined (see Person). No call: it comes from the e-mail the member already has.',
    resolve: (m, _a, ctx) => people.personOfMember(ctx, m),
  }),
);

/** Federation: a Person is an entity keyed by its global id, resolved as node(id:) resolves it. */
builder.asEntity(PersonRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (representation: { id: unknown }, ctx) => {
    const found = await people.personOfGlobalId(ctx, representation.id);
    // @apollo/subgraph stamps __typename on what this returns: a copy, never a record a cache keeps.
    return found && { ...found };
  },
});
