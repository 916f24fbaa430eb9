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
  /** The calls by `METHOD route` (route templates with the API's base path, as the simulators log them). */
  routes: Record<string, number>;
}

/** The REST routes the minimums name, by provider. */
const ROUTES = {
  GOODACCESS: { groups: 'GET /api/v1/groups', groupMembers: 'GET /api/v1/relation/group/{groupId}/members' },
  GITBOOK: {
    orgs: 'GET /v1/orgs',
    teams: 'GET /v1/orgs/{organizationId}/teams',
    teamMembers: 'GET /v1/orgs/{organizationId}/teams/{teamId}/members',
  },
  BIRD: { teams: 'GET /organizations/{organizationId}/teams', teamMembers: 'GET /organizations/{organizationId}/teams/{teamId}/members' },
  CHECKMARX: { teams: 'GET /cxrestapi/auth/Teams', users: 'GET /cxrestapi/auth/Users' },
  CLOUDFLARE: {
    accounts: 'GET /client/v4/accounts',
    userGroups: 'GET /client/v4/accounts/{account_id}/iam/user_groups',
    groupMembers: 'GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members',
    groupMember: 'GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members/{member_id}',
    accountMembers: 'GET /client/v4/accounts/{account_id}/members',
    accountMember: 'GET /client/v4/accounts/{account_id}/members/{member_id}',
  },
} as const;

type Provider = keyof typeof ROUTES;

/** A Minimum from its calls, given as [provider, route, count] (zero counts left out). */
function minimum(levels: number, calls: ReadonlyArray<readonly [Provider, string, number]>): Minimum {
  const routes: Record<string, number> = {};
  const byProvider: Record<string, number> = {};
  for (const [provider, route, n] of calls) {
    if (n <= 0) continue;
    routes[route] = (routes[route] ?? 0) + n;
    byProvider[provider] = (byProvider[provider] ?? 0) + n;
  }
  return { calls: Object.values(routes).reduce((a, b) => a + b, 0), levels, byProvider, routes };
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

/** Every member id of a Cloudflare account, in the account list's own order (e-mail), read through the gateway. */
async function accountOrder(ask: Ask, organizationId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const data: { node: { members: Edges<{ memberId: string }> & { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await ask(
      'query ($id: ID!, $after: String) { node(id: $id) { ... on Organization { members(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { memberId } } } } } }',
      { id: organizationId, after },
    );
    ids.push(...data.node.members.edges.map((e) => e.node.memberId));
    after = data.node.members.pageInfo.hasNextPage ? data.node.members.pageInfo.endCursor : null;
  } while (after !== null);
  return ids;
}

/**
 * The names of `shown` members (account member ids) of an account: the first account page goes out beside the
 * group's member page; the members not on it, by a GET each or by every remaining page at once, whichever is fewer.
 */
function cloudflareNames(shown: readonly string[], order: readonly string[]): { pages: number; gets: number; levels: number } {
  if (shown.length === 0) return { pages: 0, gets: 0, levels: 0 };
  const unseen = shown.filter((id) => {
    const at = order.indexOf(id);
    return at < 0 || at >= CLOUDFLARE_ACCOUNT_MEMBERS_PER_PAGE;
  }).length;
  const rest = accountPages(order.length) - 1;
  if (unseen === 0) return { pages: 1, gets: 0, levels: 0 };
  return unseen <= rest ? { pages: 1, gets: unseen, levels: 1 } : { pages: 1 + rest, gets: 0, levels: 1 };
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
    return minimum(1, [['GITBOOK', ROUTES.GITBOOK.teamMembers, 1]]);
  },
  minimumLevels: 1,
  reasoning:
    'GET /v1/orgs/{org}/teams/{team}/members?limit=50: the global id carries the organization and the team, and no field asks ' +
    'for the team itself, so the member page alone answers (a missing team is its 404).',
};

interface CloudflareGroups {
  organizations: Edges<{ id: string; userGroups: Edges<{ id: string; members: Edges<{ memberId: string }> }> }>;
}

const groupWithNames: BenchmarkOperation = {
  name: 'groupWithNames',
  query: `query GroupWithNames($id: ID!) { node(id: $id) { ... on UserGroup { members(first: 20) { edges { node { id displayName email } } } } } }`,
  async variables(ask) {
    const data = await ask<CloudflareGroups>(
      '{ organizations(provider: CLOUDFLARE, first: 20) { edges { node { id userGroups(first: 50) { edges { node { id members(first: 20) { edges { node { memberId } } } } } } } } } }',
    );
    // The group whose first 20 members reach furthest into the account list: the names cost the most there.
    let best: { id: string; reach: number } | null = null;
    for (const { node: account } of data.organizations.edges) {
      const order = await accountOrder(ask, account.id);
      for (const { node: group } of account.userGroups.edges) {
        const reach = Math.max(-1, ...group.members.edges.map((e) => order.indexOf(e.node.memberId)));
        if (group.members.edges.length > 0 && (!best || reach > best.reach)) best = { id: group.id, reach };
      }
    }
    if (!best) throw new Error('groupWithNames: the sandbox has no Cloudflare user group with members');
    return { id: best.id };
  },
  async minimum(ask, variables) {
    const data = await ask<{ node: { members: Edges<{ memberId: string }>; organization: { id: string } } }>(
      'query ($id: ID!) { node(id: $id) { ... on UserGroup { members(first: 20) { edges { node { memberId } } } organization { id } } } }',
      variables,
    );
    const shown = data.node.members.edges.map((e) => e.node.memberId);
    const names = cloudflareNames(shown, await accountOrder(ask, data.node.organization.id));
    return minimum(1 + names.levels, [
      ['CLOUDFLARE', ROUTES.CLOUDFLARE.groupMembers, 1],
      ['CLOUDFLARE', ROUTES.CLOUDFLARE.accountMembers, names.pages],
      ['CLOUDFLARE', ROUTES.CLOUDFLARE.accountMember, names.gets],
    ]);
  },
  minimumLevels: 2,
  reasoning:
    "GET .../iam/user_groups/{group}/members?per_page=20 gives member ids and e-mails but no names; names come from the account's " +
    'member list (50 a page, in e-mail order) or from a GET .../user_groups/{group}/members/{member} each. The first account page ' +
    "goes out beside the group's member page (level 1); the members not on it then come at once (level 2), by a GET each or by every " +
    'remaining page (its total_pages is known from the first), whichever is fewer. The group picked is the one whose first 20 members ' +
    'reach furthest into the account list. Seeded sandbox when written: 12 of the 20 are not on the first page and 13 pages remain, ' +
    'so 12 GETs: 14 calls in 2 levels (a walk would be 13 calls in 13 levels, a GET per member 21 calls in 2).',
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
    return minimum(teams > 0 ? 2 : 1, [
      ['GITBOOK', ROUTES.GITBOOK.teams, 1],
      ['GITBOOK', ROUTES.GITBOOK.teamMembers, teams],
    ]);
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
    const calls: Array<[Provider, string, number]> = [];
    const of = (provider: string) => orgs.filter((o) => o.provider === provider);
    const groups = (org: DashboardOrg) => [...org.teams.edges, ...org.userGroups.edges].map((e) => e.node);
    const memberPages = (provider: string) => of(provider).reduce((sum, org) => sum + groups(org).length, 0);
    // GoodAccess, Bird and Checkmarx have one organization each, known without a call: their group list is level 1.
    calls.push(['GOODACCESS', ROUTES.GOODACCESS.groups, of('GOODACCESS').length]);
    calls.push(['GOODACCESS', ROUTES.GOODACCESS.groupMembers, memberPages('GOODACCESS')]);
    calls.push(['BIRD', ROUTES.BIRD.teams, of('BIRD').length]);
    calls.push(['BIRD', ROUTES.BIRD.teamMembers, memberPages('BIRD')]);
    calls.push(['CHECKMARX', ROUTES.CHECKMARX.teams, of('CHECKMARX').length]);
    // /auth/Users lists every user with its teamIds: one call answers every team's members.
    calls.push(['CHECKMARX', ROUTES.CHECKMARX.users, memberPages('CHECKMARX') > 0 ? 1 : 0]);
    calls.push(['GITBOOK', ROUTES.GITBOOK.orgs, of('GITBOOK').length > 0 ? 1 : 0]);
    calls.push(['GITBOOK', ROUTES.GITBOOK.teams, of('GITBOOK').length]);
    calls.push(['GITBOOK', ROUTES.GITBOOK.teamMembers, memberPages('GITBOOK')]);
    calls.push(['CLOUDFLARE', ROUTES.CLOUDFLARE.accounts, of('CLOUDFLARE').length > 0 ? 1 : 0]);
    calls.push(['CLOUDFLARE', ROUTES.CLOUDFLARE.userGroups, of('CLOUDFLARE').length]);
    calls.push(['CLOUDFLARE', ROUTES.CLOUDFLARE.groupMembers, memberPages('CLOUDFLARE')]);
    // Names, per account: planned when its groups are listed, before their members are known: every page of the
    // account's member list when the members the groups may show (20 each) outnumber the pages after the first.
    const accounts = of('CLOUDFLARE');
    if (accounts.length > 0) {
      const counts = await ask<{ organizations: Edges<{ members: { totalCount: number | null } }> }>(
        '{ organizations(provider: CLOUDFLARE, first: 20) { edges { node { members(first: 0) { totalCount } } } } }',
      );
      accounts.forEach((account, i) => {
        const shown = account.userGroups.edges.reduce((sum, g) => sum + Math.min(20, g.node.members.totalCount ?? 0), 0);
        const pages = accountPages(counts.organizations.edges[i]?.node.members.totalCount ?? 0);
        if (shown === 0) return;
        if (account.userGroups.edges.length * 20 > pages - 1) calls.push(['CLOUDFLARE', ROUTES.CLOUDFLARE.accountMembers, pages]);
        else {
          calls.push(['CLOUDFLARE', ROUTES.CLOUDFLARE.accountMembers, 1]);
          calls.push(['CLOUDFLARE', ROUTES.CLOUDFLARE.accountMember, Math.min(shown, pages - 1)]);
        }
      });
    }
    return minimum(3, calls);
  },
  minimumLevels: 3,
  reasoning:
    'Level 1: GET /v1/orgs (GitBook) and GET /accounts (Cloudflare); GoodAccess, Bird and Checkmarx have one organization each, ' +
    'known without a call, so their group lists (GET /api/v1/groups, GET .../teams, GET /auth/Teams) go out here too. Level 2: each ' +
    "GitBook organization's team list and each Cloudflare account's user group list with the first page of the account's member " +
    "list (names); GoodAccess's and Bird's member pages; Checkmarx GET /auth/Users (every user lists its teamIds: no call per " +
    "team). Level 3: GitBook's and Cloudflare's member pages, and every other page of each account's member list at once (its " +
    'total_pages is known from the first; the groups may show more members than there are pages). Every member page fits 20, so ' +
    'no cursor list (GitBook, Bird) needs a second page. Seeded then: GoodAccess 7, GitBook 15, Bird 9, Checkmarx 2, Cloudflare 31 ' +
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
    return minimum(1, [
      ['GOODACCESS', ROUTES.GOODACCESS.groupMembers, 1],
      ['GITBOOK', ROUTES.GITBOOK.teamMembers, 1],
      ['BIRD', ROUTES.BIRD.teamMembers, 1],
      ['CHECKMARX', ROUTES.CHECKMARX.users, 1],
      ['CLOUDFLARE', ROUTES.CLOUDFLARE.groupMember, 4],
    ]);
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
    return minimum(1, [['CLOUDFLARE', ROUTES.CLOUDFLARE.groupMembers, 1]]);
  },
  minimumLevels: 1,
  reasoning:
    'GET .../iam/user_groups/{group}/members (per_page 500: the whole set) shows the set is already the one asked, so no PUT is ' +
    "due; a missing group is that read's 404.",
};

/** In the order the benchmark reports them. */
export const BENCHMARK_OPERATIONS: readonly BenchmarkOperation[] = [teamPage, groupWithNames, orgOverview, dashboard, nodes, syncNoop];
