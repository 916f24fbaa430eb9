/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Whether a provider organises members in teams or in user groups. */
export type GroupKind =
  /** Teams (GitBook, Bird, Checkmarx): read Organization.teams. */
  | 'TEAM'
  /** User groups (GoodAccess, Cloudflare): read Organization.userGroups. */
  | 'USER_GROUP';

/** ADDED / ALREADY_MEMBER and REMOVED / NOT_A_MEMBER are all successes (a retry never does harm); FAILED says why in `error`. */
export type MemberChangeStatus =
  /** The member was added by this change. */
  | 'ADDED'
  /** The member was in the group already; nothing was sent for it. */
  | 'ALREADY_MEMBER'
  /** Not applied (or, with ProviderUnavailableError.outcomeUnknown, maybe applied): `error` says why. */
  | 'FAILED'
  /** The member was not in the group; nothing to remove. */
  | 'NOT_A_MEMBER'
  /** The member was removed by this change (for setMembers: dropped, as not in the new set). */
  | 'REMOVED';

/** One member, by exactly one of its fields (@oneOf: none or two is refused before any call). Ids are checked in the provider's format first; a reference that finds no one is FAILED with NotFoundError. */
export type MemberRefInput =
  {   /** An e-mail address, matched ignoring case. Sent as is on GitBook; looked up in the organization's members on GoodAccess, Checkmarx and Cloudflare (that list's pages, once per change); not possible on Bird (NotFoundError). */
  email: string; memberId?: never; userId?: never; }
  |  { email?: never;   /** Member.memberId: what the provider's membership calls take; no lookup. */
  memberId: string; userId?: never; }
  |  { email?: never; memberId?: never;   /** Member.userId. The same as memberId but on Cloudflare, where it is looked up among the account's members (that list's pages). */
  userId: string; };

/** A team role, where the provider has team roles (GitBook); see ProviderCapabilities.memberRoles. */
export type MemberRole =
  /** An ordinary member; accepted by every provider when adding members. */
  | 'MEMBER'
  /** May manage the team (GitBook team owner). Only where the provider has team roles. */
  | 'OWNER';

/** A membership's state, mapped from each provider's own statuses. */
export type MemberStatus =
  /** A member who can use the product (an accepted invitation, an enabled account). */
  | 'ACTIVE'
  /** Disabled or blocked by an administrator (GitBook, GoodAccess, an inactive Checkmarx user). */
  | 'BLOCKED'
  /** Invited and not accepted yet (Bird). */
  | 'INVITED'
  /** Waiting for the member to accept (a pending Cloudflare account invitation). */
  | 'PENDING'
  /** Asked to join and not admitted yet (Bird). */
  | 'REQUESTED_TO_JOIN'
  /** The provider sent a status this API does not map (a declined Cloudflare invitation, say); see Member.raw. */
  | 'UNKNOWN';

/** A product teamgraph reads team membership from (and writes it to). */
export type ProviderId =
  /** Bird: one organization, set by its credentials or configuration, teams, cursor pagination; no list of organization members. */
  | 'BIRD'
  /** Checkmarx: one organization, set by its credentials or configuration, a tree of teams, every list whole in one call. */
  | 'CHECKMARX'
  /** Cloudflare: organizations its API lists, user groups, page-number pagination. */
  | 'CLOUDFLARE'
  /** GitBook: organizations its API lists, teams with roles, cursor pagination. */
  | 'GITBOOK'
  /** GoodAccess: one organization, set by its credentials or configuration, user groups, every list whole in one call. */
  | 'GOODACCESS';

/** Whether a provider is the real API or the embedded simulator. */
export type ProviderMode =
  /** The provider's real API, with the configured credentials. */
  | 'LIVE'
  /** The embedded simulator: fixed, public test data and credentials; nothing real is read or changed. */
  | 'SANDBOX';

/** The group, and the whole member set it must have. */
export type SetMembersInput = {
  /** Any string of yours, at most 512 characters, echoed in the success payload (Relay convention); the provider never sees it. */
  clientMutationId?: string | null | undefined;
  /** The Team or UserGroup id of the group to change. */
  groupId: string | number;
  /** The whole new member set; at most 1,000. Empty clears the group. A member named more than once is changed, reported and counted once, at the place of its first reference: references that are equal (the same memberId or userId, compared as the provider compares ids: UUIDs in any case; the same email ignoring case) or that reach the same member (a userId or email and that member's memberId). */
  members: Array<MemberRefInput>;
};

export type TeamPageQueryVariables = Exact<{
  groupId: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type TeamPageQuery = { node:
    | { __typename: 'Member' }
    | { __typename: 'Organization' }
    | { __typename: 'Person' }
    | { __typename: 'Team', id: string, name: string, provider: ProviderId, memberCount: number | null, members: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, memberId: string, userId: string | null, email: string | null, displayName: string | null, status: MemberStatus, role: MemberRole | null } | null }> } }
    | { __typename: 'UserGroup', id: string, name: string, provider: ProviderId, memberCount: number | null, members: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, memberId: string, userId: string | null, email: string | null, displayName: string | null, status: MemberStatus, role: MemberRole | null } | null }> } }
   | null };

export type ProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ProvidersQuery = { providers: Array<{ id: ProviderId, name: string, mode: ProviderMode, healthy: boolean, capabilities: { groupKind: GroupKind, maxBulkSize: number, writes: { replaceMembers: boolean, refsByEmail: boolean } } }> };

export type GroupLookupQueryVariables = Exact<{
  groupId: string | number;
}>;


export type GroupLookupQuery = { node:
    | { __typename: 'Member' }
    | { __typename: 'Organization' }
    | { __typename: 'Person' }
    | { __typename: 'Team', id: string, name: string, provider: ProviderId, organization: { name: string } }
    | { __typename: 'UserGroup', id: string, name: string, provider: ProviderId, organization: { name: string } }
   | null };

export type GroupMembersForPlanQueryVariables = Exact<{
  groupId: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type GroupMembersForPlanQuery = { node:
    | { __typename: 'Member' }
    | { __typename: 'Organization' }
    | { __typename: 'Person' }
    | { __typename: 'Team', members: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { memberId: string, userId: string | null, email: string | null, displayName: string | null } | null }> } }
    | { __typename: 'UserGroup', members: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { memberId: string, userId: string | null, email: string | null, displayName: string | null } | null }> } }
   | null };

export type SetMembersMutationVariables = Exact<{
  input: SetMembersInput;
}>;


export type SetMembersMutation = { setMembers:
    | { __typename: 'ConflictError', message: string, provider: ProviderId | null }
    | { __typename: 'ForbiddenError', message: string, provider: ProviderId | null }
    | { __typename: 'NotFoundError', message: string, provider: ProviderId | null }
    | { __typename: 'ProviderUnavailableError', message: string, provider: ProviderId | null, outcomeUnknown: boolean }
    | { __typename: 'RateLimitedError', message: string, provider: ProviderId | null, retryAfter: number | null }
    | { __typename: 'SetMembersSuccess', summary: { added: number, alreadyMembers: number, removed: number, notMembers: number, failed: number }, changes: Array<{ status: MemberChangeStatus, memberId: string | null, userId: string | null, email: string | null, error:
          | { __typename: 'ConflictError', message: string }
          | { __typename: 'ForbiddenError', message: string }
          | { __typename: 'NotFoundError', message: string }
          | { __typename: 'ProviderUnavailableError', message: string }
          | { __typename: 'RateLimitedError', retryAfter: number | null, message: string }
          | { __typename: 'UnsupportedOperationError', message: string }
          | { __typename: 'ValidationError', message: string }
         | null }> }
    | { __typename: 'UnsupportedOperationError', message: string, provider: ProviderId }
    | { __typename: 'ValidationError', message: string, provider: ProviderId | null, path: Array<string> }
   };


export const TeamPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TeamPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"memberId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TeamPageQuery, TeamPageQueryVariables>;
export const ProvidersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"healthy"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groupKind"}},{"kind":"Field","name":{"kind":"Name","value":"maxBulkSize"}},{"kind":"Field","name":{"kind":"Name","value":"writes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replaceMembers"}},{"kind":"Field","name":{"kind":"Name","value":"refsByEmail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProvidersQuery, ProvidersQueryVariables>;
export const GroupLookupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GroupLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<GroupLookupQuery, GroupLookupQueryVariables>;
export const GroupMembersForPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GroupMembersForPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<GroupMembersForPlanQuery, GroupMembersForPlanQueryVariables>;
export const SetMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetMembersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setMembers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetMembersSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"summary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyMembers"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}},{"kind":"Field","name":{"kind":"Name","value":"notMembers"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"memberId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}}]}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProviderUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcomeUnknown"}}]}}]}}]}}]} as unknown as DocumentNode<SetMembersMutation, SetMembersMutationVariables>;