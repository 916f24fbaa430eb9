// What GraphiQL opens on: a query that shows all five providers at once, and the sandbox key in sandbox mode.

/**
 * Kept narrow (lines under about 55 characters) and short (about 35 lines) so that it reads whole in GraphiQL's
 * editor pane on a laptop screen without scrolling sideways; test/graphiql.browser.test.ts runs it in a browser.
 */
export const DEFAULT_QUERY = `# teamgraph: the teams and members of GoodAccess,
# GitBook, Bird, Checkmarx and Cloudflare in one API.
# Run it with the ▶ button (Ctrl-Enter). Every id in
# the result works with node(id:) and nodes(ids:).
query Overview {
  providers { id name mode healthy }
  organizations(first: 10) {
    totalCount
    edges {
      node {
        id
        provider
        name
        teams(first: 3) {
          totalCount
          edges { node { ...Group } }
        }
        userGroups(first: 3) {
          totalCount
          edges { node { ...Group } }
        }
      }
    }
  }
}

fragment Group on MemberGroup {
  id
  name
  memberCount
  members(first: 3) {
    edges {
      node { id displayName email role status }
    }
  }
}
`;
