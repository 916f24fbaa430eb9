// Full walks with `first`/`after` of the largest list of each paging style: every member once, counts and pageInfo honest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startGateway, type GatewayHarness } from '../support/gateway.js';
import { Upstream, type Wire } from '../support/upstream.js';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface MemberPage {
  totalCount: number | null;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: { id: string; memberId: string } }>;
}
/** The routes that list members (GitBook, Bird, Cloudflare, GoodAccess `.../members`; Checkmarx `.../Users`). */
const MEMBER_LISTS = /\/(members|Users)$/;

interface Walk {
  memberIds: string[];
  pages: MemberPage[];
  /** Upstream calls each page cost. */
  calls: number[];
}

let gateway: GatewayHarness;
let upstream: Upstream;
/** Global ids of the organizations, by provider and external id. */
let organizationIds: Map<string, string>;

const PAGE = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id memberId } }';
const GROUP_MEMBERS = `query ($group: ID!, $first: Int, $after: String) { node(id: $group) { ... on MemberGroup {
  memberCount members(first: $first, after: $after) { ${PAGE} } } } }`;
const ORGANIZATION_MEMBERS = `query ($org: ID!, $first: Int, $after: String) { node(id: $org) { ... on Organization { members(first: $first, after: $after) { ${PAGE} } } } }`;

/** Pages a group's members to the end, reading the group by its global id as its organization lists it. */
async function walkGroup(provider: string, organization: string, group: string, first: number | number[]): Promise<Walk & { memberCount: number | null }> {
  const id = await groupId(provider, organization, group);
  let memberCount: number | null = null;
  const walk = await walkPages(first, async (size, after) => {
    const answer = await gateway.query<{ node: { memberCount: number | null; members: MemberPage } }>(GROUP_MEMBERS, { group: id, first: size, after });
    memberCount = dataOf(answer).node.memberCount;
    return dataOf(answer).node.members;
  });
  return { ...walk, memberCount };
}

/** Pages an organization's own members to the end. */
function walkOrganization(provider: string, organization: string, first: number): Promise<Walk> {
  return walkPages(first, async (size, after) => {
    const answer = await gateway.query<{ node: { members: MemberPage } }>(ORGANIZATION_MEMBERS, {
      org: organizationIds.get(`${provider}:${organization}`),
      first: size,
      after,
    });
    return dataOf(answer).node.members;
  });
}

/** Follows endCursor while hasNextPage, counting the member-list calls of each page (not the group's own lookup). */
async function walkPages(first: number | number[], read: (first: number, after: string | null) => Promise<MemberPage>): Promise<Walk> {
  const walk: Walk = { memberIds: [], pages: [], calls: [] };
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    gateway.clearLogs();
    const size = Array.isArray(first) ? first[Math.min(i, first.length - 1)]! : first;
    const page = await read(size, after);
    const calls = gateway.calls().filter((c) => MEMBER_LISTS.test(c.route));
    walk.pages.push(page);
    walk.calls.push(calls.length);
    walk.memberIds.push(...page.edges.map((e) => e.node.memberId));
    if (!page.pageInfo.hasNextPage) return walk;
    after = page.pageInfo.endCursor;
  }
  throw new Error('walk did not end in 100 pages');
}

/** What every walk must show: each member once, in the provider's order, with pageInfo that tells the truth. */
function expectHonestWalk(walk: Walk, expected: string[], first: number): void {
  expect(walk.memberIds.length).toBe(expected.length);
  expect(new Set(walk.memberIds).size).toBe(walk.memberIds.length);
  expect(walk.memberIds).toEqual(expected);
  walk.pages.forEach((page, i) => {
    const last = i === walk.pages.length - 1;
    expect(page.pageInfo.hasNextPage, `page ${i}`).toBe(!last);
    expect(page.pageInfo.hasPreviousPage, `page ${i}`).toBe(i > 0);
    expect(page.pageInfo.startCursor, `page ${i}`).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor, `page ${i}`).toBe(page.edges.at(-1)?.cursor ?? null);
    if (!last) expect(page.edges.length, `page ${i}`).toBe(first);
  });
}

beforeAll(async () => {
  gateway = await startGateway();
  upstream = new Upstream(gateway.sandbox);
  const answer = await gateway.query<{ organizations: { edges: Array<{ node: { id: string; provider: string; externalId: string } }> } }>(
    '{ organizations(first: 100) { edges { node { id provider externalId } } } }',
  );
  organizationIds = new Map(dataOf(answer).organizations.edges.map((e) => [`${e.node.provider}:${e.node.externalId}`, e.node.id]));
});

afterAll(async () => {
  await gateway?.stop();
});

/** The largest of some groups, by the number of members the provider lists for each. */
async function largest<G>(groups: G[], membersOf: (group: G) => Promise<Wire[]>): Promise<{ group: G; members: Wire[] }> {
  let best: { group: G; members: Wire[] } | null = null;
  for (const group of groups) {
    const members = await membersOf(group);
    if (!best || members.length > best.members.length) best = { group, members };
  }
  return best!;
}

describe('walking the largest team of each paging style with first: 100', () => {
  it('GitBook (cursors): all 1,200 members of its largest team, once each, totalCount and memberCount agreeing', async () => {
    const candidates: Array<{ org: string; team: string }> = [];
    for (const org of await upstream.gitbookOrganizations()) {
      for (const team of await upstream.gitbookTeams(String(org.id))) candidates.push({ org: String(org.id), team: String(team.id) });
    }
    const counts = new Map<string, number | null>();
    const { group, members } = await largest(candidates, async (c) => {
      const listed = await upstream.gitbookTeamMembers(c.org, c.team);
      counts.set(c.team, listed.count);
      return listed.items;
    });
    expect(members.length).toBe(1200);

    const walk = await walkGroup('GITBOOK', group.org, group.team, 100);
    expectHonestWalk(
      walk,
      members.map((m) => String((m.organization as Wire).id)),
      100,
    );
    expect(walk.memberCount).toBe(members.length);
    expect(walk.pages.every((p) => p.totalCount === counts.get(group.team))).toBe(true);
    expect(counts.get(group.team)).toBe(members.length);
    // One upstream page per connection page: the cursor carries GitBook's own, so nothing is read twice.
    expect(walk.calls).toEqual(walk.pages.map(() => 1));
  });

  it('Cloudflare (page numbers): all 600 members of its largest user group, once each, totalCount agreeing', async () => {
    const candidates: Array<{ account: string; group: string }> = [];
    for (const account of await upstream.cloudflareAccounts()) {
      for (const group of await upstream.cloudflareUserGroups(String(account.id))) candidates.push({ account: String(account.id), group: String(group.id) });
    }
    const { group, members } = await largest(candidates, async (c) => (await upstream.cloudflareGroupMembers(c.account, c.group)).items);
    expect(members.length).toBe(600);

    const walk = await walkGroup('CLOUDFLARE', group.account, group.group, 100);
    expectHonestWalk(
      walk,
      members.map((m) => String(m.id)),
      100,
    );
    // User groups do not say how many members they have; the member list's result_info does.
    expect(walk.memberCount).toBeNull();
    expect(walk.pages.every((p) => p.totalCount === members.length)).toBe(true);
    expect(walk.calls).toEqual(walk.pages.map(() => 1));
  });

  it('Bird (page tokens): all 150 members of its largest team, once each; memberCount agrees, the API gives no total', async () => {
    const { group, members } = await largest(await upstream.birdTeams(), (team) => upstream.birdTeamMembers(String(team.id)));
    expect(members.length).toBe(150);

    const walk = await walkGroup('BIRD', gateway.sandbox.birdOrganizationId, String(group.id), 100);
    expectHonestWalk(
      walk,
      members.map((m) => String(m.id)),
      100,
    );
    expect(walk.memberCount).toBe(members.length);
    expect(walk.pages.every((p) => p.totalCount === null)).toBe(true);
    expect(walk.calls).toEqual(walk.pages.map(() => 1));
  });

  it('Checkmarx and GoodAccess (whole lists): their largest team and group, once each, totalCount exact', async () => {
    const cxTeams = await upstream.checkmarxTeams();
    const cx = await largest(cxTeams, (team) => upstream.checkmarxTeamUsers(String(team.id)));
    const cxWalk = await walkGroup('CHECKMARX', 'cxserver', String(cx.group.id), 100);
    expectHonestWalk(
      cxWalk,
      cx.members.map((m) => String(m.id)),
      100,
    );
    expect(cxWalk.pages.every((p) => p.totalCount === cx.members.length)).toBe(true);

    const ga = await largest(await upstream.goodaccessGroups(), (group) => upstream.goodaccessGroupMembers(String(group.id)));
    const gaWalk = await walkGroup('GOODACCESS', 'tenant', String(ga.group.id), 100);
    expectHonestWalk(
      gaWalk,
      ga.members.map((m) => String(m.id)),
      100,
    );
    expect(gaWalk.pages.every((p) => p.totalCount === ga.members.length)).toBe(true);
  });

  it('a whole list walked in small pages: offsets inside the one upstream page, one read per request', async () => {
    const cx = await largest(await upstream.checkmarxTeams(), (team) => upstream.checkmarxTeamUsers(String(team.id)));
    const walk = await walkGroup('CHECKMARX', 'cxserver', String(cx.group.id), 7);
    expectHonestWalk(
      walk,
      cx.members.map((m) => String(m.id)),
      7,
    );
    expect(walk.pages).toHaveLength(Math.ceil(cx.members.length / 7));
    expect(walk.calls).toEqual(walk.pages.map(() => 1));
  });
});

describe("walking an organization's own members", () => {
  it('GitBook: every member of the large organization, once each, count agreeing', async () => {
    const org = (await upstream.gitbookOrganizations()).find((o) => o.title === 'Acme Documentation')!;
    const members = await upstream.gitbookMembers(String(org.id));
    const walk = await walkOrganization('GITBOOK', String(org.id), 100);
    expectHonestWalk(
      walk,
      members.map((m) => String(m.id)),
      100,
    );
    expect(walk.pages.every((p) => p.totalCount === members.length)).toBe(true);
  });

  it('Cloudflare: every account member, though the API serves at most 50 a page (two calls per page of 100)', async () => {
    const account = (await upstream.cloudflareAccounts()).find((a) => a.name === 'Acme Corporation')!;
    const members = await upstream.cloudflareAccountMembers(String(account.id));
    const walk = await walkOrganization('CLOUDFLARE', String(account.id), 100);
    expectHonestWalk(
      walk,
      members.map((m) => String(m.id)),
      100,
    );
    expect(walk.pages.every((p) => p.totalCount === members.length)).toBe(true);
    expect(walk.calls).toEqual(walk.pages.map((p) => Math.ceil(p.edges.length / 50)));
  });
});

describe('the edges of a walk', () => {
  it('changing `first` between pages still returns every member once, in order', async () => {
    const org = (await upstream.gitbookOrganizations()).find((o) => o.title === 'Acme Documentation')!;
    const team = (await upstream.gitbookTeams(String(org.id))).find((t) => t.title === 'Everyone')!;
    const members = (await upstream.gitbookTeamMembers(String(org.id), String(team.id))).items.map((m) => String((m.organization as Wire).id));
    const sizes = [30, 70, 100, 3, 100];
    const walk = await walkGroup('GITBOOK', String(org.id), String(team.id), sizes);
    expect(walk.memberIds).toEqual(members);
    walk.pages.slice(0, -1).forEach((page, i) => expect(page.edges.length).toBe(sizes[Math.min(i, sizes.length - 1)]));
  });

  it('after the last cursor there is nothing, and knowing that costs no upstream call', async () => {
    const bird = await largest(await upstream.birdTeams(), (team) => upstream.birdTeamMembers(String(team.id)));
    const walk = await walkGroup('BIRD', gateway.sandbox.birdOrganizationId, String(bird.group.id), 100);
    const lastCursor = walk.pages.at(-1)!.pageInfo.endCursor;
    const id = await groupId('BIRD', gateway.sandbox.birdOrganizationId, String(bird.group.id));
    gateway.clearLogs();
    const beyond = await gateway.query<{ node: { members: MemberPage } }>(
      `query ($id: ID!, $after: String) { node(id: $id) { ... on MemberGroup { members(first: 100, after: $after) { ${PAGE} } } } }`,
      { id, after: lastCursor },
    );
    const members = dataOf(beyond).node.members;
    expect(members.edges).toEqual([]);
    expect(members.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    expect(gateway.calls().filter((c) => MEMBER_LISTS.test(c.route))).toEqual([]);
  });

  it('first: 0 gives no edges, but still says whether there are any', async () => {
    const cx = await largest(await upstream.checkmarxTeams(), (team) => upstream.checkmarxTeamUsers(String(team.id)));
    const answer = await gateway.query<{ node: { members: MemberPage } }>(
      `query ($id: ID!) { node(id: $id) { ... on MemberGroup { members(first: 0) { ${PAGE} } } } }`,
      { id: await groupId('CHECKMARX', 'cxserver', String(cx.group.id)) },
    );
    const members = dataOf(answer).node.members;
    expect(members.edges).toEqual([]);
    expect(members.totalCount).toBe(cx.members.length);
    expect(members.pageInfo.hasNextPage).toBe(true);
  });
});

/** A group's global id, as its organization lists it. */
async function groupId(provider: string, organization: string, externalId: string): Promise<string> {
  const answer = await gateway.query<{ node: Record<'teams' | 'userGroups', { edges: Array<{ node: { id: string; externalId: string } }> }> }>(
    'query ($id: ID!) { node(id: $id) { ... on Organization { teams(first: 100) { edges { node { id externalId } } } userGroups(first: 100) { edges { node { id externalId } } } } } }',
    { id: organizationIds.get(`${provider}:${organization}`) },
  );
  const { teams, userGroups } = dataOf(answer).node;
  return [...teams.edges, ...userGroups.edges].find((e) => e.node.externalId === externalId)!.node.id;
}
