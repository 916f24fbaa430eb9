// Member filters (status, role, emailContains) walked in small pages: the same members as filtering the whole list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startGateway, type GatewayHarness, type GraphQLAnswer } from '../support/gateway.js';
import { Upstream, type Wire } from '../support/upstream.js';

interface MemberFilter {
  status?: string[];
  role?: string[];
  emailContains?: string;
}
interface MemberPage {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: { memberId: string; status: string; role: string | null; email: string | null } }>;
}
interface FilteredWalk {
  memberIds: string[];
  pages: MemberPage[];
  calls: number;
}
/** A seeded member as the provider lists it, with the fields a filter looks at in the gateway's terms. */
interface Expected {
  memberId: string;
  status: string;
  role: string | null;
  email: string | null;
}

let gateway: GatewayHarness;
let upstream: Upstream;
let groupIds: Map<string, string>;
let organizationIds: Map<string, string>;

const PAGE = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { memberId status role email } }';

/** Walks a connection under a filter with small pages, to its end. */
async function walk(owner: string, field: 'MemberGroup' | 'Organization', filter: MemberFilter, first: number): Promise<FilteredWalk> {
  const query = `query ($id: ID!, $first: Int, $after: String, $filter: MemberFilter) { node(id: $id) { ... on ${field} {
    members(first: $first, after: $after, filter: $filter) { ${PAGE} } } } }`;
  const result: FilteredWalk = { memberIds: [], pages: [], calls: 0 };
  let after: string | null = null;
  gateway.clearLogs();
  for (let i = 0; i < 300; i++) {
    const answer: GraphQLAnswer<{ node: { members: MemberPage } }> = await gateway.query(query, { id: owner, first, after, filter });
    const page: MemberPage = dataOf(answer).node.members;
    result.pages.push(page);
    result.memberIds.push(...page.edges.map((e) => e.node.memberId));
    if (!page.pageInfo.hasNextPage) {
      result.calls = gateway.calls().length;
      return result;
    }
    after = page.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

/** The filter's meaning, applied here to the provider's whole list. */
function matches(member: Expected, filter: MemberFilter): boolean {
  return (
    (!filter.status?.length || filter.status.includes(member.status)) &&
    (!filter.role?.length || (member.role !== null && filter.role.includes(member.role))) &&
    (!filter.emailContains || (member.email ?? '').toLowerCase().includes(filter.emailContains.toLowerCase()))
  );
}

/** Checks a filtered walk against the whole list filtered here: same members, same order, pageInfo honest. */
function expectFiltered(result: FilteredWalk, all: Expected[], filter: MemberFilter, first: number): Expected[] {
  const expected = all.filter((m) => matches(m, filter));
  expect(result.memberIds).toEqual(expected.map((m) => m.memberId));
  // Every edge really matches (the walk above compares ids; this names a field that slipped through).
  for (const page of result.pages) for (const edge of page.edges) expect(matches(edge.node as Expected, filter), JSON.stringify(edge.node)).toBe(true);
  result.pages.forEach((page, i) => {
    const last = i === result.pages.length - 1;
    expect(page.pageInfo.hasNextPage, `page ${i}`).toBe(!last);
    expect(page.pageInfo.hasPreviousPage, `page ${i}`).toBe(i > 0);
    // A page that promised more delivered a full page: no empty page at the end of a walk.
    if (!last) expect(page.edges.length, `page ${i}`).toBe(first);
    if (last) expect(page.edges.length, `page ${i}`).toBeGreaterThan(expected.length === 0 ? -1 : 0);
  });
  return expected;
}

const gitbookStatus = (w: Wire) => ((w.organization as Wire).disabled ? 'BLOCKED' : 'ACTIVE');

beforeAll(async () => {
  gateway = await startGateway();
  upstream = new Upstream(gateway.sandbox);
  const group = 'edges { node { id externalId } }';
  const answer = await gateway.query<{
    organizations: {
      edges: Array<{
        node: {
          id: string;
          provider: string;
          externalId: string;
          teams: { edges: Array<{ node: { id: string; externalId: string } }> };
          userGroups: { edges: Array<{ node: { id: string; externalId: string } }> };
        };
      }>;
    };
  }>(`{ organizations(first: 100) { edges { node { id provider externalId teams(first: 100) { ${group} } userGroups(first: 100) { ${group} } } } } }`);
  const orgs = dataOf(answer).organizations.edges.map((e) => e.node);
  organizationIds = new Map(orgs.map((o) => [`${o.provider}:${o.externalId}`, o.id]));
  groupIds = new Map(orgs.flatMap((o) => [...o.teams.edges, ...o.userGroups.edges].map((e) => [`${o.provider}:${e.node.externalId}`, e.node.id] as const)));
});

afterAll(async () => {
  await gateway?.stop();
});

describe('GitBook: no member filter upstream, so the gateway filters while paging', () => {
  let everyone: { id: string; members: Expected[] };

  beforeAll(async () => {
    const org = (await upstream.gitbookOrganizations()).find((o) => o.title === 'Acme Documentation')!;
    const team = (await upstream.gitbookTeams(String(org.id))).find((t) => t.title === 'Everyone')!;
    const wire = (await upstream.gitbookTeamMembers(String(org.id), String(team.id))).items;
    everyone = {
      id: groupIds.get(`GITBOOK:${String(team.id)}`)!,
      members: wire.map((w) => ({
        memberId: String((w.organization as Wire).id),
        status: gitbookStatus(w),
        role: (w.team as Wire).role === 'owner' ? 'OWNER' : 'MEMBER',
        email: (((w.organization as Wire).user as Wire).email as string | undefined) ?? null,
      })),
    };
  });

  it('role: the owners of a 1,200-member team, ten at a time', async () => {
    const filter = { role: ['OWNER'] };
    const result = await walk(everyone.id, 'MemberGroup', filter, 10);
    expect(expectFiltered(result, everyone.members, filter, 10).length).toBeGreaterThan(20);
    // The API cannot count a filter it does not apply.
    expect(result.pages.every((p) => p.totalCount === null)).toBe(true);
  });

  it('status: the disabled members, seven at a time', async () => {
    const filter = { status: ['BLOCKED'] };
    const result = await walk(everyone.id, 'MemberGroup', filter, 7);
    expect(expectFiltered(result, everyone.members, filter, 7).length).toBeGreaterThan(7);
  });

  it('emailContains: case-insensitive, and members without an e-mail never match', async () => {
    const filter = { emailContains: 'MA' };
    const result = await walk(everyone.id, 'MemberGroup', filter, 25);
    expect(expectFiltered(result, everyone.members, filter, 25).length).toBeGreaterThan(25);
  });

  it('all three at once', async () => {
    const filter = { role: ['MEMBER'], status: ['ACTIVE'], emailContains: 'er' };
    const result = await walk(everyone.id, 'MemberGroup', filter, 50);
    expect(expectFiltered(result, everyone.members, filter, 50).length).toBeGreaterThan(100);
  });

  it('a single match early in a long list: one page that says there is no next one', async () => {
    // Members after it on the same upstream page and on the next page do not match: hasNextPage must still be false.
    const only = everyone.members.find(
      (m, i) => i > 3 && m.email !== null && everyone.members.filter((o) => matches(o, { emailContains: m.email! })).length === 1,
    )!;
    const filter = { emailContains: only.email!.toUpperCase() };
    const result = await walk(everyone.id, 'MemberGroup', filter, 1);
    expect(expectFiltered(result, everyone.members, filter, 1)).toEqual([only]);
    expect(result.pages).toHaveLength(1);
  });

  it('a filter nobody matches: one empty page, hasNextPage false', async () => {
    const filter = { emailContains: 'nobody-has-this-address' };
    const result = await walk(everyone.id, 'MemberGroup', filter, 10);
    expectFiltered(result, everyone.members, filter, 10);
    expect(result.pages).toHaveLength(1);
  });
});

describe('Cloudflare: e-mail filtered upstream (fuzzyEmail), status by the gateway', () => {
  let engineering: { id: string; members: Expected[] };

  beforeAll(async () => {
    const account = (await upstream.cloudflareAccounts()).find((a) => a.name === 'Acme Corporation')!;
    const group = (await upstream.cloudflareUserGroups(String(account.id))).find((g) => g.name === 'Engineering')!;
    const wire = (await upstream.cloudflareGroupMembers(String(account.id), String(group.id))).items;
    const status: Record<string, string> = { accepted: 'ACTIVE', pending: 'PENDING' };
    engineering = {
      id: groupIds.get(`CLOUDFLARE:${String(group.id)}`)!,
      members: wire.map((w) => ({
        memberId: String(w.id),
        status: status[String(w.status)] ?? 'UNKNOWN',
        role: null,
        email: (w.email as string | undefined) ?? null,
      })),
    };
  });

  it('status: the pending members of a 600-member group, ten at a time', async () => {
    const filter = { status: ['PENDING'] };
    const result = await walk(engineering.id, 'MemberGroup', filter, 10);
    expect(expectFiltered(result, engineering.members, filter, 10).length).toBeGreaterThan(10);
  });

  it('emailContains: served by the API, so its count is exact', async () => {
    const filter = { emailContains: 'AN' };
    const result = await walk(engineering.id, 'MemberGroup', filter, 30);
    const expected = expectFiltered(result, engineering.members, filter, 30);
    expect(result.pages.every((p) => p.totalCount === expected.length)).toBe(true);
  });

  it('a role filter on a provider without team roles matches nobody', async () => {
    const filter = { role: ['OWNER'] };
    const result = await walk(engineering.id, 'MemberGroup', filter, 10);
    expectFiltered(result, engineering.members, filter, 10);
    expect(result.memberIds).toEqual([]);
  });
});

describe('Bird: one status filtered upstream, two by the adapter', () => {
  let allHands: { id: string; members: Expected[] };

  beforeAll(async () => {
    const team = (await upstream.birdTeams()).find((t) => t.name === 'All Hands')!;
    const status: Record<string, string> = { active: 'ACTIVE', invited: 'INVITED', 'requested-to-join': 'REQUESTED_TO_JOIN' };
    allHands = {
      id: groupIds.get(`BIRD:${String(team.id)}`)!,
      members: (await upstream.birdTeamMembers(String(team.id))).map((w) => ({
        memberId: String(w.id),
        status: status[String(w.status)]!,
        role: null,
        email: null,
      })),
    };
  });

  it('one status, ten at a time', async () => {
    const filter = { status: ['INVITED'] };
    const result = await walk(allHands.id, 'MemberGroup', filter, 10);
    expect(expectFiltered(result, allHands.members, filter, 10).length).toBeGreaterThan(10);
  });

  it('two statuses, six at a time', async () => {
    const filter = { status: ['INVITED', 'REQUESTED_TO_JOIN'] };
    const result = await walk(allHands.id, 'MemberGroup', filter, 6);
    expect(expectFiltered(result, allHands.members, filter, 6).length).toBeGreaterThan(30);
  });

  it('a status Bird never has matches nobody, for no member-list call', async () => {
    const filter = { status: ['BLOCKED'] };
    const result = await walk(allHands.id, 'MemberGroup', filter, 10);
    expectFiltered(result, allHands.members, filter, 10);
    expect(gateway.calls().filter((c) => c.route.endsWith('/members'))).toEqual([]);
  });
});

describe('whole lists (Checkmarx, GoodAccess): filtered here, counts exact', () => {
  it('Checkmarx: the deactivated users of the server, three at a time', async () => {
    const users = await upstream.checkmarxUsers();
    const all = users.map((w) => ({ memberId: String(w.id), status: w.active ? 'ACTIVE' : 'BLOCKED', role: null, email: (w.email as string | null) ?? null }));
    const filter = { status: ['BLOCKED'] };
    const result = await walk(organizationIds.get('CHECKMARX:cxserver')!, 'Organization', filter, 3);
    const expected = expectFiltered(result, all, filter, 3);
    expect(expected.length).toBeGreaterThan(3);
    expect(result.pages.every((p) => p.totalCount === expected.length)).toBe(true);
  });

  it('GoodAccess: blocked members whose login has an "a", two at a time', async () => {
    const members = await upstream.goodaccessMembers();
    const all = members.map((w) => ({ memberId: String(w.id), status: w.is_user_blocked ? 'BLOCKED' : 'ACTIVE', role: null, email: String(w.username) }));
    const filter = { status: ['BLOCKED'], emailContains: 'A' };
    const result = await walk(organizationIds.get('GOODACCESS:tenant')!, 'Organization', filter, 2);
    const expected = expectFiltered(result, all, filter, 2);
    expect(expected.length).toBeGreaterThan(2);
    expect(result.pages.every((p) => p.totalCount === expected.length)).toBe(true);
  });
});

describe('cursors and filters', () => {
  it('a cursor issued under one filter is refused under another, for no upstream call', async () => {
    const team = (await upstream.birdTeams()).find((t) => t.name === 'All Hands')!;
    const id = groupIds.get(`BIRD:${String(team.id)}`)!;
    const query = `query ($id: ID!, $after: String, $filter: MemberFilter) { node(id: $id) { ... on MemberGroup { members(first: 5, after: $after, filter: $filter) { pageInfo { endCursor } } } } }`;
    const first = await gateway.query<{ node: { members: { pageInfo: { endCursor: string } } } }>(query, { id, filter: { status: ['INVITED'] } });
    const cursor = dataOf(first).node.members.pageInfo.endCursor;
    gateway.clearLogs();
    const other = await gateway.query(query, { id, after: cursor, filter: { status: ['ACTIVE'] } });
    expect(other.errors?.[0]).toMatchObject({ path: ['node', 'members'], extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    expect(gateway.calls().filter((c) => c.route.endsWith('/members'))).toEqual([]);
  });
});
