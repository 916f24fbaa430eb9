// What GraphiQL opens on: a query that shows all five providers at once, and the sandbox key in sandbox mode.

export const DEFAULT_QUERY = `# teamgraph: team membership across GoodAccess, GitBook, Bird, Checkmarx and Cloudflare.
# Press the run button. Every id below works with node(id:) and nodes(ids:).
query Overview {
  providers { id name mode healthy }
  organizations(first: 10) {
    totalCount
    edges {
      node {
        id
        provider
        name
        teams(first: 3) { totalCount edges { node { id name memberCount members(first: 3) { edges { node { id displayName email role status } } } } } }
        userGroups(first: 3) { totalCount edges { node { id name members(first: 3) { edges { node { id displayName email status } } } } } }
      }
    }
  }
}
`;
