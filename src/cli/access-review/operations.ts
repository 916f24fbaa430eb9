// The GraphQL operations the walk sends, and zod shapes of their answers (a mismatch is a ServerError, not a crash).
import { z } from 'zod';

/** The API's largest page: fewer requests for the same walk. */
export const PAGE_SIZE = 100;

const MEMBER_FIELDS = 'id memberId userId email displayName role status';
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

export const PROVIDERS_QUERY = `query AccessReviewProviders {
  providers { id capabilities { groupKind organizationMembers } }
}`;

export const ORGANIZATIONS_QUERY = `query AccessReviewOrganizations($provider: ProviderId!, $after: String) {
  organizations(provider: $provider, first: ${PAGE_SIZE}, after: $after) {
    ${PAGE_INFO}
    edges { node { id externalId name provider } }
  }
}`;

/** Teams or user groups, whichever the provider has (the other list is always empty). */
export const GROUPS_QUERY = `query AccessReviewGroups($organization: ID!, $after: String, $teams: Boolean!) {
  node(id: $organization) {
    ... on Organization {
      teams(first: ${PAGE_SIZE}, after: $after) @include(if: $teams) { ${PAGE_INFO} edges { node { id externalId name } } }
      userGroups(first: ${PAGE_SIZE}, after: $after) @skip(if: $teams) { ${PAGE_INFO} edges { node { id externalId name } } }
    }
  }
}`;

/**
 * The first page of members of several groups in one request: the gateway then reads what they share once (the
 * Cloudflare account's member list, for its group members' e-mails) instead of once per group.
 */
export const GROUPS_FIRST_MEMBERS_QUERY = `query AccessReviewGroupMembers($groups: [ID!]!) {
  nodes(ids: $groups) {
    ... on MemberGroup { id members(first: ${PAGE_SIZE}) { ${PAGE_INFO} edges { node { ${MEMBER_FIELDS} } } } }
  }
}`;

/** Groups read together by GROUPS_FIRST_MEMBERS_QUERY: its cost stays far below the gateway's limit, its answer small. */
export const GROUPS_PER_REQUEST = 20;

/**
 * A page of one group's or organization's members. Organization.members is nullable and MemberGroup.members is
 * not, so GraphQL forbids one response name for both: the organization's comes as `organizationMembers`.
 */
export const MEMBERS_PAGE_QUERY = `query AccessReviewMembers($node: ID!, $after: String) {
  node(id: $node) {
    ... on MemberGroup { members(first: ${PAGE_SIZE}, after: $after) { ${PAGE_INFO} edges { node { ${MEMBER_FIELDS} } } } }
    ... on Organization { organizationMembers: members(first: ${PAGE_SIZE}, after: $after) { ${PAGE_INFO} edges { node { ${MEMBER_FIELDS} } } } }
  }
}`;

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** Every edge's node is there: a null node comes with an error, which the client has already turned into a failure. */
const connection = <T extends z.ZodType>(node: T) => z.object({ pageInfo, edges: z.array(z.object({ node })) });

export const memberShape = z.object({
  id: z.string(),
  memberId: z.string(),
  userId: z.string().nullable(),
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  role: z.string().nullable(),
  status: z.string(),
});
export type MemberNode = z.infer<typeof memberShape>;

const memberConnection = connection(memberShape);
export type MemberPage = z.infer<typeof memberConnection>;

export const providersAnswer = z.object({
  providers: z.array(z.object({ id: z.string(), capabilities: z.object({ groupKind: z.enum(['TEAM', 'USER_GROUP']), organizationMembers: z.boolean() }) })),
});

export const organizationsAnswer = z.object({
  organizations: connection(z.object({ id: z.string(), externalId: z.string(), name: z.string(), provider: z.string() })),
});

const groupConnection = connection(z.object({ id: z.string(), externalId: z.string(), name: z.string() }));
export const groupsAnswer = z.object({
  node: z.object({ teams: groupConnection.optional(), userGroups: groupConnection.optional() }).nullable(),
});

/** Null for a group that cannot be read (deleted since it was listed): the walk stops rather than leave it out. */
export const groupsFirstMembersAnswer = z.object({
  nodes: z.array(z.object({ id: z.string(), members: memberConnection }).nullable()),
});

export const membersPageAnswer = z.object({
  node: z.object({ members: memberConnection.optional(), organizationMembers: memberConnection.nullable().optional() }).nullable(),
});
