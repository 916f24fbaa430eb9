// The six benchmark operations a frontend or a sync job sends, with the fewest upstream calls and sequential levels each allows.
// Shared by the critical-path test and the benchmark: ids are discovered through the gateway, never from seeded names.

/** Sends one GraphQL operation to the gateway and gives its data (throws on errors). */
export type Ask = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** What an operation may cost at the least, in the world it runs against. */
export interface Minimum {
  /** Upstream calls (the Checkmarx access token, held across requests, is not one). */
  calls: number;
  /** Sequential levels: the longest chain of calls in which each starts after the one before ended. */
  levels: number;
  /** The calls per provider (`extensions.upstream.byProvider` names), zero ones left out. */
  byProvider: Record<string, number>;
}

export interface BenchmarkOperation {
  name: 'teamPage' | 'groupWithNames' | 'orgOverview' | 'dashboard' | 'nodes' | 'syncNoop';
  /** The GraphQL document, as a client sends it. */
  query: string;
  /** Finds the ids the operation needs, through the gateway (these discovery requests cost calls of their own). */
  variables(ask: Ask): Promise<Record<string, unknown>>;
  /** The fewest calls and levels for these variables, from what the gateway says about the world. */
  minimum(ask: Ask, variables: Record<string, unknown>): Promise<Minimum>;
  /** The fewest levels: the same in any seeded world. */
  minimumLevels: number;
  /** The REST calls the minimum makes, and why no fewer will do. */
  reasoning: string;
}

interface Edges<T> {
  edges: Array<{ node: T }>;
  totalCount?: number | null;
}

/** Cloudflare's account member list: 50 a page (per_page 5..50), so its page count from its total. */
const CLOUDFLARE_ACCOUNT_MEMBERS_PER_PAGE = 50;
const accountPages = (members: number) => Math.max(1, Math.ceil(members / CLOUDFLARE_ACCOUNT_MEMBERS_PER_PAGE));

/** The plan for Cloudflare names: a get per member, or every account-member page (the first, then the rest at once). */
function cloudflareNamePlan(membersShown: number, accountMembers: number): { calls: number; plan: 'gets' | 'pages' } {
  const pages = accountPages(accountMembers);
  return pages < membersShown ? { calls: pages, plan: 'pages' } : { calls: membersShown, plan: 'gets' };
}

const teamPage: BenchmarkOperation = {
  name: 'teamPage',
  query: `query TeamPage($id: ID!) { node(id: $id) { ... on Team { members(first: 50) { edges { node { id displayName email role status } } } } } }`,
  async variables(ask) {
    const data = await ask<{ organizations: Edges<{ teams: Edges<{ id: string; memberCount: number | null }> }> }>(
      '{ organizations(provider: GITBOOK, first: 100) { edges { node { teams(first: 100) { edges { node { id memberCount } } } } } } }',
    );
    const teams = data.organizations.edges.flatMap((o) => o.node.teams.edges.map((t) => t.node));
    const largest = [...teams].sort((a, b) => (b.memberCount ?? 0) - (a.memberCount ?? 0))[0];
    if (!largest) throw new Error('teamPage: the sandbox has no GitBook team');
    return { id: largest.id };
  },
  async minimum() {
    return { calls: 1, levels: 1, byProvider: { GITBOOK: 1 } };
  },
  minimumLevels: 1,
  reasoning:
    'GET /v1/orgs/{org}/teams/{team}/members?limit=50: the global id carries the organization and the team, and no field asks ' +
    'for the team itself, so the member page alone answers (a missing team is its 404).',
};

const groupWithNames: BenchmarkOperation = {
  name: 'groupWithNames',
  query: `query GroupWithNames($id: ID!) { node(id: $id) { ... on UserGroup { members(first: 20) { edges { node { id displayName email } } } } } }`,
  async variables(ask) {
    const data = await ask<{ organizations: Edges<{ userGroups: Edges<{ id: string; members: Edges<unknown> }> }> }>(
      '{ organizations(provider: CLOUDFLARE, first: 100) { edges { node { userGroups(first: 100) { edges { node { id members(first: 0) { totalCount } } } } } } } }',
    );
    const groups = data.organizations.edges.flatMap((o) => o.node.userGroups.edges.map((g) => g.node));
    const largest = [...groups].sort((a, b) => (b.members.totalCount ?? 0) - (a.members.totalCount ?? 0))[0];
    if (!largest) throw new Error('groupWithNames: the sandbox has no Cloudflare user group');
    return { id: largest.id };
  },
  async minimum(ask, variables) {
    const data = await ask<{
      node: { members: Edges<unknown>; organization: { members: { totalCount: number | null } | null } };
    }>(
      'query ($id: ID!) { node(id: $id) { ... on UserGroup { members(first: 0) { totalCount } organization { members(first: 0) { totalCount } } } } }',
      variables,
    );
    const shown = Math.min(20, data.node.members.totalCount ?? 0);
    if (shown === 0) return { calls: 1, levels: 1, byProvider: { CLOUDFLARE: 1 } };
    const names = cloudflareNamePlan(shown, data.node.organization.members?.totalCount ?? 0);
    return { calls: 1 + names.calls, levels: 2, byProvider: { CLOUDFLARE: 1 + names.calls } };
  },
  minimumLevels: 2,
  reasoning:
    "GET .../iam/user_groups/{group}/members?per_page=20 gives member ids and e-mails but no names. Names come from the account's " +
    'member list (50 a page, e-mail order) or from one GET .../user_groups/{group}/members/{member} each: the cheaper plan per batch, ' +
    "min(members shown, the account list's total_pages). With pages, the first account page goes out beside the group's member " +
    'page (level 1) and, once its total_pages is known, every other page at once (level 2); with gets, the gets are level 2. ' +
    'In the seeded sandbox the account list has fewer pages than the group shows members, so pages win.',
};

const orgOverview: BenchmarkOperation = {
  name: 'orgOverview',
  query: `query OrgOverview($id: ID!) { node(id: $id) { ... on Organization { teams(first: 10) { edges { node { id name members(first: 20) {
    edges { node { id displayName email role status } } } } } } } } }`,
  async variables(ask) {
    const data = await ask<{ organizations: Edges<{ id: string; teams: Edges<unknown> }> }>(
      '{ organizations(provider: GITBOOK, first: 100) { edges { node { id teams(first: 0) { totalCount } } } } }',
    );
    const orgs = data.organizations.edges.map((e) => e.node);
    const largest = [...orgs].sort((a, b) => (b.teams.totalCount ?? 0) - (a.teams.totalCount ?? 0))[0];
    if (!largest) throw new Error('orgOverview: the sandbox has no GitBook organization');
    return { id: largest.id };
  },
  async minimum(ask, variables) {
    const data = await ask<{ node: { teams: Edges<unknown> } }>(
      'query ($id: ID!) { node(id: $id) { ... on Organization { teams(first: 10) { edges { node { id } } } } } }',
      variables,
    );
    const teams = data.node.teams.edges.length;
    return { calls: 1 + teams, levels: teams > 0 ? 2 : 1, byProvider: { GITBOOK: 1 + teams } };
  },
  minimumLevels: 2,
  reasoning:
    'GET /v1/orgs/{org}/teams?limit=10 (the id carries the organization: no organization read), then one ' +
    'GET /v1/orgs/{org}/teams/{team}/members?limit=20 per team, all at once.',
};

interface DashboardOrg {
  provider: string;
  teams: Edges<{ members: Edges<unknown> }>;
  userGroups: Edges<{ members: Edges<unknown> }>;
}

const dashboard: BenchmarkOperation = {
  name: 'dashboard',
  query: `query Dashboard { organizations(first: 20) { edges { node { id provider name
    teams(first: 10) { edges { node { id name memberCount members(first: 20) { edges { node { id displayName email role status } } } } } }
    userGroups(first: 10) { edges { node { id name members(first: 20) { edges { node { id displayName email status } } } } } } } } } }`,
  async variables() {
    return {};
  },
  async minimum(ask) {
    const data = await ask<{ organizations: Edges<DashboardOrg> }>(
      `{ organizations(first: 20) { edges { node { provider
        teams(first: 10) { edges { node { members(first: 20) { totalCount } } } }
        userGroups(first: 10) { edges { node { members(first: 20) { totalCount } } } } } } } }`,
    );
    const orgs = data.organizations.edges.map((e) => e.node);
    const byProvider: Record<string, number> = {};
    const add = (provider: string, n: number) => {
      if (n > 0) byProvider[provider] = (byProvider[provider] ?? 0) + n;
    };
    // Organization lists: one call each where the API lists them (GitBook, Cloudflare); the others have one, known without a call.
    if (orgs.some((o) => o.provider === 'GITBOOK')) add('GITBOOK', 1);
    if (orgs.some((o) => o.provider === 'CLOUDFLARE')) add('CLOUDFLARE', 1);
    for (const org of orgs) {
      const groups = [...org.teams.edges, ...org.userGroups.edges].map((e) => e.node);
      // The organization's group list (teams or user groups; the other kind costs nothing).
      add(org.provider, 1);
      if (org.provider === 'CHECKMARX') {
        // /auth/Users lists every user with its teamIds: one call answers every team's members.
        if (groups.length > 0) add(org.provider, 1);
        continue;
      }
      // One member page per group shown (20 fit any provider's page).
      add(org.provider, groups.length);
    }
    // Cloudflare names: per account, the cheaper of a get per member shown and every page of the account member list.
    const accounts = orgs.filter((o) => o.provider === 'CLOUDFLARE');
    if (accounts.length > 0) {
      const counts = await ask<{ organizations: Edges<{ members: { totalCount: number | null } }> }>(
        '{ organizations(provider: CLOUDFLARE, first: 20) { edges { node { members(first: 0) { totalCount } } } } }',
      );
      accounts.forEach((account, i) => {
        const shown = account.userGroups.edges.reduce((sum, g) => sum + Math.min(20, g.node.members.totalCount ?? 0), 0);
        if (shown > 0) add('CLOUDFLARE', cloudflareNamePlan(shown, counts.organizations.edges[i]?.node.members.totalCount ?? 0).calls);
      });
    }
    const calls = Object.values(byProvider).reduce((a, b) => a + b, 0);
    return { calls, levels: 3, byProvider };
  },
  minimumLevels: 3,
  reasoning:
    'Level 1: GET /v1/orgs (GitBook) and GET /accounts (Cloudflare); GoodAccess, Bird and Checkmarx have one organization each, ' +
    'known without a call, so their group lists (GET /api/v1/groups, GET .../teams, GET /auth/Teams) go out here too. Level 2: each ' +
    "GitBook organization's team list and each Cloudflare account's user group list, with the first page of the account's member " +
    'list (names), and Checkmarx GET /auth/Users (every user lists its teamIds: no call per team). Level 3: one member page per ' +
    "group shown (GoodAccess, GitBook, Bird, Cloudflare) and every other page of each account's member list at once (its " +
    'total_pages is known from the first). Seeded then: GoodAccess 7, GitBook 15, Bird 9, Checkmarx 2, Cloudflare 31 ' +
    '(15 account-member pages) = 64.',
};

interface NodesGroup {
  provider: string;
  members: Edges<{ id: string }>;
}

const nodes: BenchmarkOperation = {
  name: 'nodes',
  query: `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Member { displayName email status } } }`,
  async variables(ask) {
    const data = await ask<{ organizations: Edges<{ provider: string; teams: Edges<NodesGroup>; userGroups: Edges<NodesGroup> }> }>(
      `{ organizations(first: 20) { edges { node { provider
        teams(first: 5) { edges { node { provider members(first: 50) { edges { node { id } } } } } }
        userGroups(first: 5) { edges { node { provider members(first: 50) { edges { node { id } } } } } } } } } }`,
    );
    const ids: string[] = [];
    for (const provider of ['GOODACCESS', 'GITBOOK', 'BIRD', 'CHECKMARX', 'CLOUDFLARE']) {
      const groups = data.organizations.edges
        .filter((o) => o.node.provider === provider)
        .flatMap((o) => [...o.node.teams.edges, ...o.node.userGroups.edges].map((g) => g.node));
      // The group with the most members on its first 50: four of them, spread across them.
      const group = [...groups].sort((a, b) => b.members.edges.length - a.members.edges.length)[0];
      const members = group?.members.edges.map((e) => e.node.id) ?? [];
      if (members.length < 4) throw new Error(`nodes: no ${provider} group has four members`);
      for (let i = 0; i < 4; i++) ids.push(members[Math.floor((i * members.length) / 4)]!);
    }
    return { ids };
  },
  async minimum() {
    return { calls: 8, levels: 1, byProvider: { GOODACCESS: 1, GITBOOK: 1, BIRD: 1, CHECKMARX: 1, CLOUDFLARE: 4 } };
  },
  minimumLevels: 1,
  reasoning:
    'Four members of one group per provider, all at once: one member list per group for GoodAccess (whole list), GitBook ' +
    '(limit 1000), Bird (limit 100; its page tokens would make a longer list sequential) and Checkmarx (GET /auth/Users, which ' +
    'lists every user with its teamIds), and for Cloudflare a GET .../members/{member} each, which carries the names a list ' +
    'page lacks (4 gets beat a list page plus the account pages). The ids carry organization and group: nothing else is read.',
};

const syncNoop: BenchmarkOperation = {
  name: 'syncNoop',
  query: 'mutation SyncNoop($input: SetMembersInput!) { setMembers(input: $input) { __typename ... on SetMembersSuccess { summary { alreadyMembers } } } }',
  async variables(ask) {
    const data = await ask<{
      organizations: Edges<{ userGroups: Edges<{ id: string; members: Edges<{ memberId: string }> & { pageInfo: { hasNextPage: boolean } } }> }>;
    }>(
      `{ organizations(provider: CLOUDFLARE, first: 5) { edges { node { userGroups(first: 20) { edges { node { id
        members(first: 100) { pageInfo { hasNextPage } edges { node { memberId } } } } } } } } } }`,
    );
    // A group whose whole member set is known (one page of 100), and not empty: setting it to itself changes nothing.
    const groups = data.organizations.edges.flatMap((o) => o.node.userGroups.edges.map((g) => g.node));
    const group = groups.find((g) => !g.members.pageInfo.hasNextPage && g.members.edges.length > 0);
    if (!group) throw new Error('syncNoop: no Cloudflare group with 1..100 members');
    return { input: { groupId: group.id, members: group.members.edges.map((e) => ({ memberId: e.node.memberId })) } };
  },
  async minimum() {
    return { calls: 1, levels: 1, byProvider: { CLOUDFLARE: 1 } };
  },
  minimumLevels: 1,
  reasoning:
    'GET .../iam/user_groups/{group}/members (per_page 500: the whole set) shows the set is already the one asked, so no PUT is ' +
    "due; a missing group is that read's 404.",
};

/** In the order the benchmark reports them. */
export const BENCHMARK_OPERATIONS: readonly BenchmarkOperation[] = [teamPage, groupWithNames, orgOverview, dashboard, nodes, syncNoop];
