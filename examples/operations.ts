// The operations the examples send, compiled by GraphQL Code Generator's client preset (`npm run codegen`) into
// examples/gql/: `graphql()` returns each one as a TypedDocumentNode, so its result and variables are typed.
// Only forward paging ($first / $after), as the API serves it.
import { graphql } from './gql/index.js';

/** One page of a team or user group's members: what a team page shows. */
export const TEAM_PAGE = graphql(`
  query TeamPage($groupId: ID!, $first: Int!, $after: String) {
    node(id: $groupId) {
      __typename
      ... on MemberGroup {
        id
        name
        provider
        memberCount
        members(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              id
              memberId
              userId
              email
              displayName
              status
              role
            }
          }
        }
      }
    }
  }
`);

/** The providers this gateway serves, with what they can do. */
export const PROVIDERS = graphql(`
  query Providers {
    providers {
      id
      name
      mode
      healthy
      capabilities {
        groupKind
        maxBulkSize
        writes {
          replaceMembers
          refsByEmail
        }
      }
    }
  }
`);

/** A group by its global id: whether it exists and which one it is. */
export const GROUP_LOOKUP = graphql(`
  query GroupLookup($groupId: ID!) {
    node(id: $groupId) {
      __typename
      ... on MemberGroup {
        id
        name
        provider
        organization {
          name
        }
      }
    }
  }
`);

/**
 * The plan of a sync without writing (setMembers has no dry run): the group's current members, a page at a time,
 * with every identifier a CSV line may use.
 */
export const GROUP_MEMBERS_FOR_PLAN = graphql(`
  query GroupMembersForPlan($groupId: ID!, $first: Int!, $after: String) {
    node(id: $groupId) {
      __typename
      ... on MemberGroup {
        members(first: $first, after: $after) {
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              memberId
              userId
              email
              displayName
            }
          }
        }
      }
    }
  }
`);

/** Makes a group's members exactly the ones given; one outcome per member, or one typed error. */
export const SET_MEMBERS = graphql(`
  mutation SetMembers($input: SetMembersInput!) {
    setMembers(input: $input) {
      __typename
      ... on SetMembersSuccess {
        summary {
          added
          alreadyMembers
          removed
          notMembers
          failed
        }
        changes {
          status
          memberId
          userId
          email
          error {
            __typename
            message
            ... on RateLimitedError {
              retryAfter
            }
          }
        }
      }
      ... on Error {
        message
        provider
      }
      ... on RateLimitedError {
        retryAfter
      }
      ... on ValidationError {
        path
      }
      ... on ProviderUnavailableError {
        outcomeUnknown
      }
    }
  }
`);
