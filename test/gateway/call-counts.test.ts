// The upstream calls a query costs, asserted against the simulators' request logs: the product's main cost metric.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { byRoute, dataOf, startGateway, type GatewayHarness } from '../support/gateway.js';
import { Upstream, type Wire } from '../support/upstream.js';

interface Edges<T> {
  edges: Array<{ node: T }>;
}
interface GroupSeen {
  id: string;
  externalId: string;
  name: string;
  members: Edges<{ id: string; memberId: string }>;
}
interface OrganizationSeen {
  id: string;
  provider: ProviderId;
  externalId: string;
  teams: Edges<GroupSeen>;
  userGroups: Edges<GroupSeen>;
}

let gateway: GatewayHarness;
let upstream: Upstream;
/** Every organization with every group (none has more than 100) and each group's first five members. */
let organizations: OrganizationSeen[];

const groupsOf = (org: OrganizationSeen) => [...org.teams.edges, ...org.userGroups.edges].map((e) => e.node);
const ROUTES_READING_MEMBERS = /\/(members|Users)(\/\{[^}]+\})?$/;

beforeAll(async () => {
  gateway = await startGateway();
  upstream = new Upstream(gateway.sandbox);
  const group = 'edges { node { id externalId name members(first: 5) { edges { node { id memberId } } } } }';
  const answer = await gateway.query<{ organizations: Edges<OrganizationSeen> }>(
    `{ organizations(first: 100) { edges { node { id provider externalId teams(first: 100) { ${group} } userGroups(first: 100) { ${group} } } } } }`,
  );
  // This first request also fetched the Checkmarx access token, which the adapter then keeps: no test below pays for it.
  organizations = dataOf(answer).organizations.edges.map((e) => e.node);
});

afterAll(async () => {
  await gateway?.stop();
});

beforeEach(() => gateway.clearLogs());

/** The upstream calls of one query, by `METHOD route`, after checking it succeeded. */
async function costOf(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, number>> {
  gateway.clearLogs();
  dataOf(await gateway.query(query, variables));
  return byRoute(gateway.calls());
}

describe('asking twice costs once', () => {
  const TEAMS = 'teams(first: 5) { edges { node { name members(first: 5) { edges { node { id email } } } } } }';

  it('the same field under two aliases', async () => {
    const once = await costOf(`{ organizations(provider: GITBOOK) { edges { node { ${TEAMS} } } } }`);
    const twice = await costOf(
      `{ a: organizations(provider: GITBOOK) { edges { node { ${TEAMS} } } } b: organizations(provider: GITBOOK) { edges { node { x: ${TEAMS} y: ${TEAMS} } } } }`,
    );
    expect(twice).toEqual(once);
    // GitBook's organization list, each organization's team list, one member page per team shown (at most five each).
    const gitbook = organizations.filter((o) => o.provider === 'GITBOOK');
    expect(once).toEqual({
      'GET /v1/orgs': 1,
      'GET /v1/orgs/{organizationId}/teams': gitbook.length,
      'GET /v1/orgs/{organizationId}/teams/{teamId}/members': gitbook.reduce((sum, o) => sum + Math.min(5, o.teams.edges.length), 0),
    });
  });

  it('the same field through fragments', async () => {
    const once = await costOf(
      `{ organizations(provider: CLOUDFLARE) { edges { node { userGroups(first: 3) { edges { node { members(first: 4) { edges { node { id } } } } } } } } } }`,
    );
    const fragments = await costOf(`
      fragment Members on MemberGroup { members(first: 4) { edges { node { id email } } } }
      fragment Groups on Organization { userGroups(first: 3) { edges { node { ...Members ... on UserGroup { members(first: 4) { edges { node { status } } } } } } } }
      { organizations(provider: CLOUDFLARE) { edges { node { ...Groups ... on Organization { ...Groups } } } } }`);
    expect(fragments).toEqual(once);
  });

  it('the same group reached by two paths: its member page is read once', async () => {
    const org = organizations.find((o) => o.provider === 'BIRD')!;
    const team = groupsOf(org).find((g) => g.name === 'Engineering')!;
    gateway.clearLogs();
    dataOf(
      await gateway.query(
        `query ($team: ID!, $org: ID!) {
          direct: node(id: $team) { ... on Team { members(first: 10) { edges { node { id } } } } }
          viaOrganization: node(id: $org) { ... on Organization { teams(first: 100) { edges { node { members(first: 10) { edges { node { id } } } } } } } }
          viaNodes: nodes(ids: [$team]) { ... on MemberGroup { members(first: 10) { totalCount } } } }`,
        { team: team.id, org: org.id },
      ),
    );
    const teamMemberReads = gateway.calls().filter((c) => c.route.endsWith('/members') && c.path.includes(team.externalId));
    expect(teamMemberReads).toHaveLength(1);
  });
});

describe('nodes(ids:) batches', () => {
  it('members of many groups and every provider: at most one call per group, never one per member', async () => {
    // Three members from each of two groups per organization, interleaved as a client would send them.
    const picked = organizations.flatMap((org) =>
      groupsOf(org)
        .filter((g) => g.members.edges.length >= 3)
        .slice(0, 2)
        .map((g) => ({ provider: org.provider, group: g, members: g.members.edges.slice(0, 3).map((e) => e.node.id) })),
    );
    expect(new Set(picked.map((p) => p.provider)).size).toBe(5);
    const ids = [0, 1, 2].flatMap((i) => picked.map((p) => p.members[i]!));

    gateway.clearLogs();
    const answer = await gateway.query<{ nodes: Array<{ id: string; status: string } | null> }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Member { id status } } }',
      { ids },
    );
    expect(dataOf(answer).nodes.map((n) => n?.id)).toEqual(ids);

    for (const provider of new Set(picked.map((p) => p.provider))) {
      const groups = picked.filter((p) => p.provider === provider).map((p) => p.group.externalId);
      const calls = gateway.calls(provider);
      // Every call lists one of the picked groups' members (no single-member reads), and each group at most once.
      for (const call of calls) expect(call.route, provider).toMatch(/\/(members|Users)$/);
      const perGroup = groups.map((g) => calls.filter((c) => c.path.split('/').map(decodeURIComponent).includes(g)).length);
      expect(
        perGroup.every((n) => n <= 1),
        `${provider}: ${perGroup.join(', ')}`,
      ).toBe(true);
      expect(calls.length, provider).toBeLessThanOrEqual(groups.length);
    }
    expect(gateway.calls().length).toBeLessThan(ids.length / 2);
  });

  it('organization-level members: one list read per provider that serves them together', async () => {
    const picked: string[] = [];
    for (const org of organizations.filter((o) => o.provider !== 'BIRD')) {
      const answer = await gateway.query<{ node: { members: Edges<{ id: string }> } }>(
        'query ($id: ID!) { node(id: $id) { ... on Organization { members(first: 5) { edges { node { id } } } } } }',
        { id: org.id },
      );
      picked.push(...dataOf(answer).node.members.edges.map((e) => e.node.id));
    }
    gateway.clearLogs();
    const answer = await gateway.query<{ nodes: Array<{ id: string } | null> }>('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: picked });
    expect(dataOf(answer).nodes.map((n) => n?.id)).toEqual(picked);
    // Whole-list providers: their one member list. Paged ones: the first page of it (every member picked is on it).
    expect(byRoute(gateway.calls())).toEqual({
      'GET /api/v1/members': 1,
      'GET /v1/orgs/{organizationId}/members': organizations.filter((o) => o.provider === 'GITBOOK').length,
      'GET /cxrestapi/auth/Users': 1,
      'GET /client/v4/accounts/{account_id}/members': organizations.filter((o) => o.provider === 'CLOUDFLARE').length,
    });
  });
});

describe('person details from elsewhere', () => {
  /**
   * The account-member reads the names of `ids` cost when the members are known together (one group's page): the
   * first page of 50 (read beside the group's page), then for the members not on it whichever is fewer, a GET each
   * (`.../members/{member_id}`) or every remaining page at once.
   */
  function namesCost(accountMembers: Wire[], ids: Iterable<string>): { pages: number; gets: number } {
    const positions = [...new Set(ids)].map((id) => accountMembers.findIndex((m) => m.id === id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    const unseen = positions.filter((p) => p >= 50).length;
    const rest = Math.ceil(accountMembers.length / 50) - 1;
    return unseen <= rest ? { pages: 1, gets: unseen } : { pages: 1 + rest, gets: 0 };
  }

  it("Cloudflare members' names: the account list's first page beside the group's, then the cheaper of gets and the other pages", async () => {
    const org = organizations.find((o) => o.provider === 'CLOUDFLARE' && groupsOf(o).some((g) => g.name === 'Engineering'))!;
    const group = groupsOf(org).find((g) => g.name === 'Engineering')!;
    const accountMembers = await upstream.cloudflareAccountMembers(org.externalId);
    gateway.clearLogs();
    const answer = await gateway.query<{ node: { members: Edges<{ memberId: string; displayName: string | null; userId: string }> } }>(
      'query ($id: ID!) { node(id: $id) { ... on UserGroup { members(first: 100) { edges { node { memberId displayName firstName userId } } } } } }',
      { id: group.id },
    );
    const members = dataOf(answer).node.members.edges.map((e) => e.node);
    expect(members).toHaveLength(100);
    // Names arrived: every accepted member has one (invitees who never signed in have none yet).
    const accepted = accountMembers.filter((m) => m.status === 'accepted').map((m) => m.id);
    expect(members.filter((m) => accepted.includes(m.memberId)).every((m) => m.displayName !== null)).toBe(true);
    // No read of the group itself (its id carries account and group), and the names in two levels at most.
    const names = namesCost(
      accountMembers,
      members.map((m) => m.memberId),
    );
    expect(byRoute(gateway.calls())).toEqual({
      'GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members': 1,
      'GET /client/v4/accounts/{account_id}/members': names.pages,
      ...(names.gets > 0 ? { 'GET /client/v4/accounts/{account_id}/members/{member_id}': names.gets } : {}),
    });
  });

  it('… and for every group of every account in one request, each account list read once, beside the group lists', async () => {
    const cloudflare = organizations.filter((o) => o.provider === 'CLOUDFLARE');
    let pages = 0;
    let gets = 0;
    for (const org of cloudflare) {
      const accountMembers = await upstream.cloudflareAccountMembers(org.externalId);
      const shown = groupsOf(org).flatMap((g) => g.members.edges.map((e) => e.node.memberId));
      if (shown.length === 0) continue;
      // Planned before the members are known: up to 5 names per group listed, against the pages after the first.
      const rest = Math.ceil(accountMembers.length / 50) - 1;
      if (groupsOf(org).length * 5 > rest) pages += 1 + rest;
      else {
        const names = namesCost(accountMembers, shown);
        pages += names.pages;
        gets += names.gets;
      }
    }
    const cost = await costOf(
      '{ organizations(provider: CLOUDFLARE) { edges { node { userGroups(first: 100) { edges { node { members(first: 5) { edges { node { displayName } } } } } } } } } }',
    );
    expect(cost['GET /client/v4/accounts/{account_id}/members']).toBe(pages);
    expect(cost['GET /client/v4/accounts/{account_id}/members/{member_id}']).toBe(gets > 0 ? gets : undefined);
  });

  it('… even when the groups are reached by different paths, whose pages arrive at different times', async () => {
    const org = organizations.find((o) => o.provider === 'CLOUDFLARE' && groupsOf(o).some((g) => g.name === 'Engineering'))!;
    const engineering = groupsOf(org).find((g) => g.name === 'Engineering')!;
    const accountMembers = await upstream.cloudflareAccountMembers(org.externalId);
    gateway.clearLogs();
    const answer = await gateway.query<{
      direct: { members: Edges<{ memberId: string }> };
      listed: { userGroups: Edges<{ members: Edges<{ memberId: string }> }> };
    }>(
      `query ($group: ID!, $org: ID!) {
        direct: node(id: $group) { ... on UserGroup { members(first: 50) { edges { node { memberId displayName } } } } }
        listed: node(id: $org) { ... on Organization { userGroups(first: 3) { edges { node { members(first: 50) { edges { node { memberId displayName } } } } } } } } }`,
      { group: engineering.id, org: org.id },
    );
    const data = dataOf(answer);
    const shown = [
      ...data.direct.members.edges.map((e) => e.node.memberId),
      ...data.listed.userGroups.edges.flatMap((g) => g.node.members.edges.map((e) => e.node.memberId)),
    ];
    // Which batch asks for which names depends on when pages arrive, so the exact split between pages and gets
    // does too; what holds: never more calls than one read of the whole account list, and no page read twice.
    const cost = byRoute(gateway.calls());
    const pages = cost['GET /client/v4/accounts/{account_id}/members'] ?? 0;
    const gets = cost['GET /client/v4/accounts/{account_id}/members/{member_id}'] ?? 0;
    const whole = Math.ceil(accountMembers.length / 50);
    expect(shown.length).toBeGreaterThan(50);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(whole);
    expect(pages + gets).toBeLessThanOrEqual(whole);
  });

  it("Checkmarx users' teams (Member.groups) and team members: one Teams call and one Users call for the whole request", async () => {
    const org = organizations.find((o) => o.provider === 'CHECKMARX')!;
    const cost = await costOf(
      `query ($id: ID!) { node(id: $id) { ... on Organization {
        members(first: 100) { edges { node { groups { name ... on Team { path } } } } }
        teams(first: 100) { edges { node { members(first: 100) { edges { node { groups { id } } } } } } } } } }`,
      { id: org.id },
    );
    const teams = await upstream.checkmarxTeams();
    // Every user lists its teamIds, so the one Users list also answers every team's members.
    expect(teams.length).toBeGreaterThan(1);
    expect(cost).toEqual({ 'GET /cxrestapi/auth/Users': 1, 'GET /cxrestapi/auth/Teams': 1 });
  });
});

describe('the dashboard', () => {
  const DASHBOARD = `{ organizations(first: 100) { edges { node { id name
      teams(first: 10) { edges { node { id name memberCount members(first: 20) { totalCount edges { node { id email status role } } } } } }
      userGroups(first: 10) { edges { node { id name members(first: 20) { totalCount edges { node { id email status } } } } } } } } } }`;

  /**
   * The seeded sandbox, by reasoning:
   *   discovery: GitBook GET /orgs (2 organizations) + Cloudflare GET /accounts (2 accounts)   =  2
   *              (GoodAccess, Bird and Checkmarx each have exactly one organization, known without a call)
   *   group lists, one per organization (each fits one page of 10, or comes whole):
   *              GoodAccess 1 + GitBook 2 + Bird 1 + Checkmarx 1 + Cloudflare 2                    =  7
   *   one member page per group shown (first 20 fits any provider's page):
   *              GoodAccess 6 groups + GitBook min(10, 12) + 2 teams + Bird 8 teams + Cloudflare 10 + 3 user groups
   *              and Checkmarx one GET /auth/Users for all its teams (each user lists its teamIds)  = 40
   *   no account member page: the e-mail is on Cloudflare's group member records, and no name is asked
   *   (the Checkmarx access token is already held: fetched by this file's first request)
   */
  const DASHBOARD_CALLS = 49;

  it(`costs exactly ${DASHBOARD_CALLS} calls: discovery, one group list per organization, one member page per group (Checkmarx: one for all)`, async () => {
    // The same number, counted from what the providers' own APIs say.
    const gitbookOrgs = await upstream.gitbookOrganizations();
    const accounts = await upstream.cloudflareAccounts();
    const groupCounts = [
      (await upstream.goodaccessGroups()).length,
      ...(await Promise.all(gitbookOrgs.map((o) => upstream.gitbookTeams(String(o.id))))).map((t) => t.length),
      (await upstream.birdTeams()).length,
      ...(await Promise.all(accounts.map((a) => upstream.cloudflareUserGroups(String(a.id))))).map((g) => g.length),
    ];
    const checkmarxTeams = (await upstream.checkmarxTeams()).length;
    const discovery = (gitbookOrgs.length > 0 ? 1 : 0) + (accounts.length > 0 ? 1 : 0);
    const groupLists = groupCounts.length + 1;
    const memberPages = groupCounts.reduce((sum, n) => sum + Math.min(10, n), 0) + (checkmarxTeams > 0 ? 1 : 0);
    expect(discovery + groupLists + memberPages).toBe(DASHBOARD_CALLS);

    const cost = await costOf(DASHBOARD);
    expect(Object.values(cost).reduce((a, b) => a + b, 0)).toBe(DASHBOARD_CALLS);
    expect(
      Object.entries(cost)
        .filter(([route]) => ROUTES_READING_MEMBERS.test(route))
        .reduce((sum, [, n]) => sum + n, 0),
    ).toBe(memberPages);
    // Asked again, a new request pays again: loaders live for one request only.
    const again = await costOf(DASHBOARD);
    expect(again).toEqual(cost);
  });

  it('listing the organizations alone costs one call per provider that has an organization list', async () => {
    expect(await costOf('{ organizations(first: 100) { totalCount edges { node { id name } } } }')).toEqual({
      'GET /v1/orgs': 1,
      'GET /client/v4/accounts': 1,
    });
  });
});
