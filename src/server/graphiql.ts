// What GraphiQL opens on: the overview of all five providers, then (over the sandbox) a tab per example, with its key.

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

/** One GraphiQL tab as yoga's `defaultTabs` takes it: the document, its variables and headers (JSON texts). */
export interface GraphiQLTab {
  query: string;
  variables: string | null;
  headers: string | null;
}

interface Named {
  /** A global id, as the API issues it. */
  id: string;
  name: string;
}

/**
 * The sandbox objects the example tabs use: read through the gateway at start-up (sandbox-examples.ts), so they are
 * ids the API really issues, and stable across starts because the sandbox is seeded.
 */
export interface ExampleIds {
  /** A GitBook team of a few pages of five members. */
  team: Named & { organization: string; memberCount: number };
  /** A member of that team (its Member id names the membership) whose role is MEMBER. */
  teamMember: Named;
  /** The GoodAccess tenant: the provider that creates, updates, deletes and disconnects members. */
  organization: Named;
  /** A GoodAccess user group with members. */
  group: Named;
  /** A member of `group`. */
  groupMember: Named & { memberId: string; email: string };
  /** A tenant member who is not in `group` (an organization-level Member id). */
  outsider: Named & { memberId: string; email: string };
  /** A GoodAccess user group with no member. */
  emptyGroup: Named;
  /** A tenant member the update and disconnect examples change (none of the above). */
  other: Named & { newName: string };
  /** The member createMember makes and deleteMember deletes: its name, and the Member id it will have. */
  newcomer: Named;
  /** A person in every provider that shows e-mails: their address, name, and how many providers hold them. */
  person: { email: string; name: string; providers: number };
}

/** The createMember example's password: the sandbox's, write-only like any other (never in an answer or a log). */
export const EXAMPLE_PASSWORD = 'correct-horse-battery-staple';

const json = (value: unknown) => JSON.stringify(value, null, 2);
/** Names go into `#` comments: one line each. */
const inline = (text: string) => text.replace(/[\r\n]+/g, ' ');

/**
 * What GraphiQL opens on: the overview, then (in sandbox mode, with ids read from the sandbox) a paged team, a
 * node refetch and every mutation, each runnable as it is. Without ids (live providers) only the overview: a tab
 * must not change real data because someone pressed ▶, and placeholders would only fail.
 */
export function graphiqlTabs(ids: ExampleIds | null, headers: string): GraphiQLTab[] {
  const tab = (query: string, variables: Record<string, unknown> | null = null): GraphiQLTab => ({
    query,
    variables: variables ? json(variables) : null,
    headers,
  });
  if (!ids) return [tab(DEFAULT_QUERY)];
  const { team, teamMember, organization, group, groupMember, outsider, emptyGroup, other, newcomer, person } = ids;
  return [
    tab(DEFAULT_QUERY),
    tab(
      `# GitBook team "${inline(team.name)}" (${team.memberCount} members), five
# at a time. Run it, copy pageInfo.endCursor into
# "after" in Variables (below) and run it again for
# the next five; null starts over.
query TeamPage($team: ID!, $after: String) {
  node(id: $team) {
    id
    ... on Team {
      name
      memberCount
      members(first: 5, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges {
          node { id displayName email role status }
        }
      }
    }
  }
}
`,
      { team: team.id, after: null },
    ),
    tab(
      `# Any id in a result refetches its object: node(id:)
# takes Organization, Team, UserGroup and Member ids
# (nodes(ids:) up to 100 at once). This one is
# ${inline(teamMember.name)}'s membership of team "${inline(team.name)}".
query Refetch($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Member {
      displayName
      email
      role
      status
      group { id name }
    }
  }
}
`,
      { id: teamMember.id },
    ),
    tab(
      `# Everything ${inline(person.name)} can reach: the members of
# every provider that share the e-mail (any case) are
# one person, here in ${person.providers} providers. Bird's members
# carry no e-mail, so they are never joined.
query Person($email: String!) {
  person(email: $email) {
    id
    displayName
    providers
    memberships(first: 20) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          provider
          status
          organization { name }
          group { name }
        }
      }
    }
  }
}
`,
      { email: person.email },
    ),
    tab(
      `# Adds two members to GoodAccess user group
# "${inline(group.name)}": ${inline(groupMember.name)} by memberId (in it
# already: ALREADY_MEMBER) and ${inline(outsider.name)} by e-mail
# (ADDED, then ALREADY_MEMBER). Both are successes:
# run it as often as you like.
mutation AddMembers(
  $group: ID!
  $members: [MemberRefInput!]!
) {
  addMembers(
    input: { groupId: $group, members: $members }
  ) {
    __typename
    ... on AddMembersSuccess {
      summary { added alreadyMembers failed }
      changes { status memberId email member { id } }
    }
    ... on Error { message provider }
  }
}
`,
      { group: group.id, members: [{ memberId: groupMember.memberId }, { email: outsider.email }] },
    ),
    tab(
      `# Removes ${inline(outsider.name)} from "${inline(group.name)}" again (by
# Member id): REMOVED after AddMembers ran, else
# NOT_A_MEMBER, a success too.
mutation RemoveMembers($group: ID!, $memberIds: [ID!]!) {
  removeMembers(
    input: { groupId: $group, memberIds: $memberIds }
  ) {
    __typename
    ... on RemoveMembersSuccess {
      summary { removed notMembers failed }
      changes { status memberId }
    }
    ... on Error { message provider }
  }
}
`,
      { group: group.id, memberIds: [outsider.id] },
    ),
    tab(
      `# Makes GoodAccess user group "${inline(emptyGroup.name)}" (empty in
# the seed) exactly these two members: ADDED the first
# time, ALREADY_MEMBER after; anyone else is REMOVED.
# An empty list would clear the group.
mutation SetMembers(
  $group: ID!
  $members: [MemberRefInput!]!
) {
  setMembers(
    input: { groupId: $group, members: $members }
  ) {
    __typename
    ... on SetMembersSuccess {
      summary { added alreadyMembers removed failed }
      changes { status memberId email }
    }
    ... on Error { message provider }
  }
}
`,
      { group: emptyGroup.id, members: [{ memberId: groupMember.memberId }, { email: outsider.email }] },
    ),
    tab(
      `# Makes ${inline(teamMember.name)} an owner of GitBook team
# "${inline(team.name)}" (GitBook has team roles). Setting the
# role a member has already is a success too.
mutation SetMemberRole($member: ID!) {
  setMemberRole(input: { memberId: $member, role: OWNER }) {
    __typename
    ... on SetMemberRoleSuccess {
      member { id displayName role }
    }
    ... on Error { message provider }
  }
}
`,
      { member: teamMember.id },
    ),
    tab(
      `# Creates ${inline(newcomer.name)} in the GoodAccess tenant (the
# provider that creates members). DeleteMember deletes
# it; until then a second run is a ConflictError (the
# name is taken). The password is write-only.
mutation CreateMember(
  $organization: ID!
  $name: String!
  $password: String!
) {
  createMember(
    input: {
      organizationId: $organization
      name: $name
      password: $password
    }
  ) {
    __typename
    ... on CreateMemberSuccess {
      member { id memberId displayName email status }
    }
    ... on Error { message provider }
  }
}
`,
      { organization: organization.id, name: newcomer.name, password: EXAMPLE_PASSWORD },
    ),
    tab(
      `# Renames GoodAccess member ${inline(other.name)}; a password
# changes the same way (write-only). A second run sets
# the same name: a success.
mutation UpdateMember($member: ID!, $name: String!) {
  updateMember(input: { memberId: $member, name: $name }) {
    __typename
    ... on UpdateMemberSuccess {
      member { id displayName email }
    }
    ... on Error { message provider }
  }
}
`,
      { member: other.id, name: other.newName },
    ),
    tab(
      `# Deletes ${inline(newcomer.name)}, whom CreateMember
# made: its id is the one the sandbox gives the first
# member created after start, so run CreateMember
# first. A second run is a NotFoundError (deleting is
# final).
mutation DeleteMember($member: ID!) {
  deleteMember(input: { memberId: $member }) {
    __typename
    ... on DeleteMemberSuccess {
      deletedMemberId
      organization { name }
    }
    ... on Error { message provider }
  }
}
`,
      { member: newcomer.id },
    ),
    tab(
      `# Ends GoodAccess member ${inline(other.name)}'s VPN sessions.
# Safe to repeat: with no session left it is still a
# success.
mutation DisconnectMember($member: ID!) {
  disconnectMember(input: { memberId: $member }) {
    __typename
    ... on DisconnectMemberSuccess {
      member { id displayName status }
    }
    ... on Error { message provider }
  }
}
`,
      { member: other.id },
    ),
    tab(
      `# Offboarding ${inline(person.name)} (the Person tab), as a dry
# run: every team and group membership, GoodAccess's
# sessions and member, the organization membership
# where the API has a call (UNSUPPORTED where not).
# dryRun: true sends no write. With false it applies
# them, and a second run says ALREADY_DONE.
mutation OffboardPerson($email: String!) {
  offboardPerson(
    input: { email: $email, dryRun: true }
  ) {
    __typename
    ... on OffboardPersonSuccess {
      summary { planned unsupported accessRemoved }
      changes {
        provider action status
        group { name }
        error { message }
      }
    }
    ... on Error { message provider }
  }
}
`,
      { email: person.email },
    ),
  ];
}

/**
 * GraphiQL's tabs are framer-motion reorder items. Tabs that mount together (these default tabs, or tabs a browser
 * restores) keep a stale translateX from the first layout, which GraphiQL's CSS hides only while a tab has no focus:
 * pressing the mouse on a tab focuses it, the tab jumps away from the pointer, and the click lands on the tab bar, so
 * the tab never opens (seen in test/graphiql.browser.test.ts). Keeping every tab where it is drawn makes clicks work;
 * dragging a tab still reorders the tabs, the dragged one just does not follow the pointer.
 */
export const STEADY_TABS = '<style>.graphiql-tab { transform: none !important; }</style>';
