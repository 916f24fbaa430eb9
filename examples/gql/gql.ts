/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query TeamPage($groupId: ID!, $first: Int!, $after: String) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        id\n        name\n        provider\n        memberCount\n        members(first: $first, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            cursor\n            node {\n              id\n              memberId\n              userId\n              email\n              displayName\n              status\n              role\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TeamPageDocument,
    "\n  query Providers {\n    providers {\n      id\n      name\n      mode\n      healthy\n      capabilities {\n        groupKind\n        maxBulkSize\n        writes {\n          replaceMembers\n          refsByEmail\n        }\n      }\n    }\n  }\n": typeof types.ProvidersDocument,
    "\n  query GroupLookup($groupId: ID!) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        id\n        name\n        provider\n        organization {\n          name\n        }\n      }\n    }\n  }\n": typeof types.GroupLookupDocument,
    "\n  query GroupMembersForPlan($groupId: ID!, $first: Int!, $after: String) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        members(first: $first, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              memberId\n              userId\n              email\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.GroupMembersForPlanDocument,
    "\n  mutation SetMembers($input: SetMembersInput!) {\n    setMembers(input: $input) {\n      __typename\n      ... on SetMembersSuccess {\n        summary {\n          added\n          alreadyMembers\n          removed\n          notMembers\n          failed\n        }\n        changes {\n          status\n          memberId\n          userId\n          email\n          error {\n            __typename\n            message\n            ... on RateLimitedError {\n              retryAfter\n            }\n          }\n        }\n      }\n      ... on Error {\n        message\n        provider\n      }\n      ... on RateLimitedError {\n        retryAfter\n      }\n      ... on ValidationError {\n        path\n      }\n      ... on ProviderUnavailableError {\n        outcomeUnknown\n      }\n    }\n  }\n": typeof types.SetMembersDocument,
};
const documents: Documents = {
    "\n  query TeamPage($groupId: ID!, $first: Int!, $after: String) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        id\n        name\n        provider\n        memberCount\n        members(first: $first, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            cursor\n            node {\n              id\n              memberId\n              userId\n              email\n              displayName\n              status\n              role\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TeamPageDocument,
    "\n  query Providers {\n    providers {\n      id\n      name\n      mode\n      healthy\n      capabilities {\n        groupKind\n        maxBulkSize\n        writes {\n          replaceMembers\n          refsByEmail\n        }\n      }\n    }\n  }\n": types.ProvidersDocument,
    "\n  query GroupLookup($groupId: ID!) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        id\n        name\n        provider\n        organization {\n          name\n        }\n      }\n    }\n  }\n": types.GroupLookupDocument,
    "\n  query GroupMembersForPlan($groupId: ID!, $first: Int!, $after: String) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        members(first: $first, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              memberId\n              userId\n              email\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n": types.GroupMembersForPlanDocument,
    "\n  mutation SetMembers($input: SetMembersInput!) {\n    setMembers(input: $input) {\n      __typename\n      ... on SetMembersSuccess {\n        summary {\n          added\n          alreadyMembers\n          removed\n          notMembers\n          failed\n        }\n        changes {\n          status\n          memberId\n          userId\n          email\n          error {\n            __typename\n            message\n            ... on RateLimitedError {\n              retryAfter\n            }\n          }\n        }\n      }\n      ... on Error {\n        message\n        provider\n      }\n      ... on RateLimitedError {\n        retryAfter\n      }\n      ... on ValidationError {\n        path\n      }\n      ... on ProviderUnavailableError {\n        outcomeUnknown\n      }\n    }\n  }\n": types.SetMembersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamPage($groupId: ID!, $first: Int!, $after: String) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        id\n        name\n        provider\n        memberCount\n        members(first: $first, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            cursor\n            node {\n              id\n              memberId\n              userId\n              email\n              displayName\n              status\n              role\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamPage($groupId: ID!, $first: Int!, $after: String) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        id\n        name\n        provider\n        memberCount\n        members(first: $first, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            cursor\n            node {\n              id\n              memberId\n              userId\n              email\n              displayName\n              status\n              role\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Providers {\n    providers {\n      id\n      name\n      mode\n      healthy\n      capabilities {\n        groupKind\n        maxBulkSize\n        writes {\n          replaceMembers\n          refsByEmail\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Providers {\n    providers {\n      id\n      name\n      mode\n      healthy\n      capabilities {\n        groupKind\n        maxBulkSize\n        writes {\n          replaceMembers\n          refsByEmail\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupLookup($groupId: ID!) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        id\n        name\n        provider\n        organization {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GroupLookup($groupId: ID!) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        id\n        name\n        provider\n        organization {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupMembersForPlan($groupId: ID!, $first: Int!, $after: String) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        members(first: $first, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              memberId\n              userId\n              email\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GroupMembersForPlan($groupId: ID!, $first: Int!, $after: String) {\n    node(id: $groupId) {\n      __typename\n      ... on MemberGroup {\n        members(first: $first, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              memberId\n              userId\n              email\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMembers($input: SetMembersInput!) {\n    setMembers(input: $input) {\n      __typename\n      ... on SetMembersSuccess {\n        summary {\n          added\n          alreadyMembers\n          removed\n          notMembers\n          failed\n        }\n        changes {\n          status\n          memberId\n          userId\n          email\n          error {\n            __typename\n            message\n            ... on RateLimitedError {\n              retryAfter\n            }\n          }\n        }\n      }\n      ... on Error {\n        message\n        provider\n      }\n      ... on RateLimitedError {\n        retryAfter\n      }\n      ... on ValidationError {\n        path\n      }\n      ... on ProviderUnavailableError {\n        outcomeUnknown\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetMembers($input: SetMembersInput!) {\n    setMembers(input: $input) {\n      __typename\n      ... on SetMembersSuccess {\n        summary {\n          added\n          alreadyMembers\n          removed\n          notMembers\n          failed\n        }\n        changes {\n          status\n          memberId\n          userId\n          email\n          error {\n            __typename\n            message\n            ... on RateLimitedError {\n              retryAfter\n            }\n          }\n        }\n      }\n      ... on Error {\n        message\n        provider\n      }\n      ... on RateLimitedError {\n        retryAfter\n      }\n      ... on ValidationError {\n        path\n      }\n      ... on ProviderUnavailableError {\n        outcomeUnknown\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;