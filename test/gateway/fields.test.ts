// Every Query field and every object field on every provider, compared with what each simulator's own API says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { dataOf, startGateway, type GatewayHarness, type GraphQLAnswer } from '../support/gateway.js';
import { Upstream, type Wire } from '../support/upstream.js';

interface Connection<T> {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: T }>;
}
interface OrganizationSeen {
  id: string;
  provider: ProviderId;
  externalId: string;
  name: string;
}
interface GroupSeen {
  __typename: 'Team' | 'UserGroup';
  id: string;
  provider: ProviderId;
  externalId: string;
  name: string;
  memberCount: number | null;
  organization: { id: string };
  path?: string | null;
  parent?: { externalId: string } | null;
  children?: Connection<{ externalId: string }>;
  createdAt?: string | null;
}
interface MemberSeen {
  id: string;
  provider: ProviderId;
  memberId: string;
  userId: string | null;
  email: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  role: 'OWNER' | 'MEMBER' | null;
  status: string;
  mfaEnabled: boolean | null;
  lastLoginAt: string | null;
  joinedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  raw: Wire;
  group: { id: string; externalId: string } | null;
  groups: Array<{ externalId: string }> | null;
  organization: { id: string };
}

const GROUP_FIELDS = '__typename id provider externalId name memberCount organization { id }';
const TEAM_FIELDS = `${GROUP_FIELDS} path parent { externalId } children(first: 100) { totalCount edges { node { externalId } } }`;
const USER_GROUP_FIELDS = `${GROUP_FIELDS} createdAt`;
const MEMBER_FIELDS = `id provider memberId userId email displayName firstName lastName username role status mfaEnabled
  lastLoginAt joinedAt createdAt updatedAt raw group { id externalId } groups { externalId } organization { id }`;

let gateway: GatewayHarness;
let upstream: Upstream;
let organizations: OrganizationSeen[];

const orgOf = (provider: ProviderId, externalId?: string): OrganizationSeen => {
  const org = organizations.find((o) => o.provider === provider && (externalId === undefined || o.externalId === externalId));
  if (!org) throw new Error(`no ${provider} organization ${externalId ?? ''}`);
  return org;
};

/** Every group of an organization (none has more than 100 in the seed), with every group field. */
async function groupsOf(org: OrganizationSeen): Promise<{ teams: Connection<GroupSeen>; userGroups: Connection<GroupSeen> }> {
  const answer = await gateway.query<{ node: { teams: Connection<GroupSeen>; userGroups: Connection<GroupSeen> } }>(
    `query ($id: ID!) { node(id: $id) { ... on Organization {
       teams(first: 100) { totalCount pageInfo { hasNextPage } edges { node { ${TEAM_FIELDS} } } }
       userGroups(first: 100) { totalCount pageInfo { hasNextPage } edges { node { ${USER_GROUP_FIELDS} } } } } } }`,
    { id: org.id },
  );
  return dataOf(answer).node;
}

/** The first 100 members of a group, every member field. */
async function membersOf(groupId: string): Promise<Connection<MemberSeen>> {
  const answer = await gateway.query<{ node: { members: Connection<MemberSeen> } }>(
    `query ($id: ID!) { node(id: $id) { ... on MemberGroup { members(first: 100) { totalCount edges { node { ${MEMBER_FIELDS} } } } } } }`,
    { id: groupId },
  );
  return dataOf(answer).node.members;
}

async function organizationMembers(orgId: string): Promise<Connection<MemberSeen>> {
  const answer = await gateway.query<{ node: { members: Connection<MemberSeen> } }>(
    `query ($id: ID!) { node(id: $id) { ... on Organization { members(first: 100) { totalCount edges { node { ${MEMBER_FIELDS} } } } } } }`,
    { id: orgId },
  );
  return dataOf(answer).node.members;
}

const iso = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? new Date(value).toISOString() : null);
/** Provider timestamps without a zone are UTC (Checkmarx's .NET dates, GoodAccess's "YYYY-MM-DD HH:MM:SS"). */
const isoUtc = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? iso(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`) : null;
const nodes = <T>(connection: Connection<T>): T[] => connection.edges.map((e) => e.node);
const str = (value: unknown): string => String(value);

beforeAll(async () => {
  gateway = await startGateway();
  upstream = new Upstream(gateway.sandbox);
  const answer = await gateway.query<{ organizations: Connection<OrganizationSeen> }>(
    '{ organizations(first: 100) { edges { node { id provider externalId name } } } }',
  );
  organizations = nodes(dataOf(answer).organizations);
  // Checkmarx records a user's last login at each password grant: let the gateway log in before any upstream read.
  dataOf(await gateway.query('{ node: organizations(provider: CHECKMARX) { edges { node { teams(first: 1) { totalCount } } } } }'));
});

afterAll(async () => {
  await gateway?.stop();
});

describe('Query.providers', () => {
  it('lists the five providers in order, in sandbox mode, healthy, with what each can do, for no upstream call', async () => {
    gateway.clearLogs();
    const answer = await gateway.query<{
      providers: Array<{
        id: ProviderId;
        name: string;
        mode: string;
        healthy: boolean;
        capabilities: Record<string, unknown> & { writes: Record<string, boolean> };
      }>;
    }>(`{ providers { id name mode healthy capabilities {
          groupKind hierarchy organizationMembers memberRoles listsOrganizations pagination maxPageSize maxBulkSize
          serverSideStatusFilter serverSideEmailFilter serverSideNameFilter
          writes { addMember addMembersBulk removeMember removeMembersBulk replaceMembers setMemberRole refsByEmail
                   createMember updateMember deleteMember disconnectMember } } } }`);
    const { providers } = dataOf(answer);
    expect(providers.map((p) => [p.id, p.name, p.mode, p.healthy])).toEqual([
      ['GOODACCESS', 'GoodAccess', 'SANDBOX', true],
      ['GITBOOK', 'GitBook', 'SANDBOX', true],
      ['BIRD', 'Bird', 'SANDBOX', true],
      ['CHECKMARX', 'Checkmarx', 'SANDBOX', true],
      ['CLOUDFLARE', 'Cloudflare', 'SANDBOX', true],
    ]);
    // What docs/providers/*.md (their Contract sections) say of each API, as a client reads it from capabilities.
    const caps = Object.fromEntries(providers.map((p) => [p.id, p.capabilities]));
    expect(Object.fromEntries(providers.map((p) => [p.id, [caps[p.id]!.groupKind, caps[p.id]!.pagination]]))).toEqual({
      GOODACCESS: ['USER_GROUP', 'none'],
      GITBOOK: ['TEAM', 'cursor'],
      BIRD: ['TEAM', 'cursor'],
      CHECKMARX: ['TEAM', 'none'],
      CLOUDFLARE: ['USER_GROUP', 'pageNumber'],
    });
    expect(providers.filter((p) => p.capabilities.hierarchy).map((p) => p.id)).toEqual(['CHECKMARX']);
    expect(providers.filter((p) => p.capabilities.memberRoles).map((p) => p.id)).toEqual(['GITBOOK']);
    expect(providers.filter((p) => p.capabilities.listsOrganizations).map((p) => p.id)).toEqual(['GITBOOK', 'CLOUDFLARE']);
    expect(providers.filter((p) => !p.capabilities.organizationMembers).map((p) => p.id)).toEqual(['BIRD']);
    expect(providers.filter((p) => p.capabilities.writes.disconnectMember).map((p) => p.id)).toEqual(['GOODACCESS']);
    for (const p of providers) expect(p.capabilities.maxPageSize, p.id).toBeGreaterThan(0);
    expect(gateway.calls()).toEqual([]);
  });
});

describe('Query.organizations', () => {
  it('lists every organization of every provider, named and identified as each API does', async () => {
    const gitbook = await upstream.gitbookOrganizations();
    const accounts = await upstream.cloudflareAccounts();
    const byProvider = (provider: ProviderId) => organizations.filter((o) => o.provider === provider).map((o) => [o.externalId, o.name]);
    expect(byProvider('GITBOOK')).toEqual(gitbook.map((o) => [o.id, o.title]));
    expect(byProvider('CLOUDFLARE')).toEqual(accounts.map((a) => [a.id, a.name]));
    expect(byProvider('BIRD').map(([id]) => id)).toEqual([gateway.sandbox.birdOrganizationId]);
    // One tenant per GoodAccess token and one Checkmarx server: a single organization each.
    expect(byProvider('GOODACCESS')).toHaveLength(1);
    expect(byProvider('CHECKMARX')).toHaveLength(1);
    // In provider order, as the field promises.
    const order: ProviderId[] = ['GOODACCESS', 'GITBOOK', 'BIRD', 'CHECKMARX', 'CLOUDFLARE'];
    expect(organizations.map((o) => o.provider)).toEqual([...organizations.map((o) => o.provider)].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(new Set(organizations.map((o) => o.id)).size).toBe(organizations.length);
  });

  it('counts them all, filters by provider, and pages through them with honest pageInfo', async () => {
    const all = await gateway.query<{ organizations: Connection<OrganizationSeen> }>(
      '{ organizations(first: 100) { totalCount pageInfo { hasNextPage hasPreviousPage } } }',
    );
    expect(dataOf(all).organizations.totalCount).toBe(organizations.length);
    expect(dataOf(all).organizations.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });

    for (const provider of ['GITBOOK', 'CLOUDFLARE', 'BIRD'] as const) {
      const one = await gateway.query<{ organizations: Connection<OrganizationSeen> }>(
        'query ($p: ProviderId) { organizations(provider: $p) { totalCount edges { node { id provider } } } }',
        { p: provider },
      );
      const expected = organizations.filter((o) => o.provider === provider).map((o) => o.id);
      expect(
        nodes(dataOf(one).organizations).map((o) => o.id),
        provider,
      ).toEqual(expected);
      expect(dataOf(one).organizations.totalCount, provider).toBe(expected.length);
    }

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer: GraphQLAnswer<{ organizations: Connection<OrganizationSeen> }> = await gateway.query(
        'query ($after: String) { organizations(first: 2, after: $after) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }',
        { after },
      );
      const connection = dataOf(answer).organizations;
      seen.push(...nodes(connection).map((o) => o.id));
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      expect(connection.pageInfo.hasNextPage).toBe(seen.length < organizations.length);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(organizations.map((o) => o.id));
  });
});

describe('Organization, Team and UserGroup fields', () => {
  it('GitBook: teams with their titles, ids and member counts; no hierarchy, no user groups', async () => {
    for (const wireOrg of await upstream.gitbookOrganizations()) {
      const org = orgOf('GITBOOK', str(wireOrg.id));
      const wireTeams = await upstream.gitbookTeams(str(wireOrg.id));
      const { teams, userGroups } = await groupsOf(org);
      expect(userGroups.totalCount).toBe(0);
      expect(teams.totalCount).toBe(wireTeams.length);
      for (const wire of wireTeams) {
        const team = nodes(teams).find((t) => t.externalId === wire.id);
        const listed = await upstream.gitbookTeamMembers(str(wireOrg.id), str(wire.id));
        expect(team, str(wire.title)).toMatchObject({
          __typename: 'Team',
          provider: 'GITBOOK',
          name: wire.title,
          // The team's own count, which matches what its member list holds.
          memberCount: listed.items.length,
          organization: { id: org.id },
          path: null,
          parent: null,
          children: { totalCount: 0, edges: [] },
        });
        expect(wire.members).toBe(listed.items.length);
      }
    }
  });

  it('Bird: teams whose member count is active plus pending members', async () => {
    const org = orgOf('BIRD');
    const { teams, userGroups } = await groupsOf(org);
    expect(userGroups.edges).toEqual([]);
    const wireTeams = await upstream.birdTeams();
    // Bird's team list carries no total.
    expect(teams.totalCount).toBeNull();
    expect(nodes(teams).map((t) => t.externalId)).toEqual(wireTeams.map((t) => t.id));
    for (const wire of wireTeams) {
      const team = nodes(teams).find((t) => t.externalId === wire.id)!;
      const members = await upstream.birdTeamMembers(str(wire.id));
      expect(team).toMatchObject({ __typename: 'Team', provider: 'BIRD', name: wire.name, organization: { id: org.id }, path: null, parent: null });
      expect(team.memberCount, str(wire.name)).toBe(members.length);
      expect(team.children).toEqual({ totalCount: 0, edges: [] });
    }
  });

  it('Checkmarx: the team tree, with each path, parent and children as /auth/Teams says', async () => {
    const org = orgOf('CHECKMARX');
    const { teams, userGroups } = await groupsOf(org);
    expect(userGroups.edges).toEqual([]);
    const wireTeams = await upstream.checkmarxTeams();
    expect(teams.totalCount).toBe(wireTeams.length);
    for (const wire of wireTeams) {
      const team = nodes(teams).find((t) => t.externalId === str(wire.id))!;
      const children = wireTeams.filter((t) => t.parentId === wire.id).map((t) => str(t.id));
      expect(team, str(wire.fullName)).toMatchObject({
        __typename: 'Team',
        provider: 'CHECKMARX',
        name: wire.name,
        path: wire.fullName,
        // No Checkmarx team read says how many members it has.
        memberCount: null,
        parent: wire.parentId === 0 ? null : { externalId: str(wire.parentId) },
        organization: { id: org.id },
      });
      expect(team.children!.totalCount).toBe(children.length);
      expect(nodes(team.children!).map((c) => c.externalId)).toEqual(children);
    }
    // The seed is a real tree: at least four levels below the root.
    expect(Math.max(...wireTeams.map((t) => str(t.fullName).split('/').length - 1))).toBeGreaterThanOrEqual(4);
  });

  it('GoodAccess and Cloudflare: user groups, no teams', async () => {
    const goodaccess = await groupsOf(orgOf('GOODACCESS'));
    const wireGroups = await upstream.goodaccessGroups();
    expect(goodaccess.teams).toMatchObject({ totalCount: 0, edges: [] });
    expect(goodaccess.userGroups.totalCount).toBe(wireGroups.length);
    expect(nodes(goodaccess.userGroups).map((g) => [g.__typename, g.provider, g.externalId, g.name, g.memberCount, g.createdAt])).toEqual(
      // GoodAccess groups say neither how many members they have nor when they were made.
      wireGroups.map((g) => ['UserGroup', 'GOODACCESS', g.id, g.name, null, null]),
    );

    for (const account of await upstream.cloudflareAccounts()) {
      const org = orgOf('CLOUDFLARE', str(account.id));
      const { teams, userGroups } = await groupsOf(org);
      const wire = await upstream.cloudflareUserGroups(str(account.id));
      expect(teams).toMatchObject({ totalCount: 0, edges: [] });
      expect(userGroups.totalCount).toBe(wire.length);
      expect(nodes(userGroups).map((g) => [g.__typename, g.externalId, g.name, g.memberCount, g.createdAt, g.organization.id])).toEqual(
        wire.map((g) => ['UserGroup', g.id, g.name, null, iso(g.created_on), org.id]),
      );
    }
  });

  it('filters teams and user groups by a case-insensitive part of the name, where the API can and where it cannot', async () => {
    // GitBook filters titles upstream, Bird and Checkmarx do not; each answer must match filtering the full list.
    const gitbookOrg = str((await upstream.gitbookOrganizations()).find((o) => o.title === 'Acme Documentation')!.id);
    const cases: Array<[OrganizationSeen, 'teams' | 'userGroups', Wire[], string]> = [
      [orgOf('GITBOOK', gitbookOrg), 'teams', await upstream.gitbookTeams(gitbookOrg), 'EN'],
      [orgOf('BIRD'), 'teams', await upstream.birdTeams(), 'e'],
      [orgOf('CHECKMARX'), 'teams', await upstream.checkmarxTeams(), 'SEC'],
      [orgOf('GOODACCESS'), 'userGroups', await upstream.goodaccessGroups(), 'S'],
    ];
    for (const [org, field, wire, needle] of cases) {
      const answer = await gateway.query<{ node: Record<string, Connection<{ name: string }>> }>(
        `query ($id: ID!, $name: String) { node(id: $id) { ... on Organization { ${field}(first: 3, name: $name) { edges { node { name } } } } } }`,
        { id: org.id, name: needle },
      );
      const names = wire.map((g) => str(g.title ?? g.name)).filter((n) => n.toLowerCase().includes(needle.toLowerCase()));
      expect(names.length, `${org.provider} has names with ${needle}`).toBeGreaterThan(0);
      expect(
        nodes(dataOf(answer).node[field]!).map((g) => g.name),
        org.provider,
      ).toEqual(names.slice(0, 3));
    }
  });
});

describe('Member fields', () => {
  it('GitBook: ids, e-mail, name, team role, status and dates from the team member list; raw is its item', async () => {
    const wireOrg = (await upstream.gitbookOrganizations()).find((o) => o.title === 'Acme Documentation')!;
    const wireTeam = (await upstream.gitbookTeams(str(wireOrg.id))).find((t) => t.title === 'Engineering')!;
    const team = (await groupsOf(orgOf('GITBOOK', str(wireOrg.id)))).teams.edges.find((e) => e.node.externalId === wireTeam.id)!.node;
    const wire = (await upstream.gitbookTeamMembers(str(wireOrg.id), str(wireTeam.id))).items;
    const members = await membersOf(team.id);
    expect(members.totalCount).toBe(wire.length);
    expect(nodes(members).map((m) => m.memberId)).toEqual(wire.slice(0, 100).map((w) => (w.organization as Wire).id));
    nodes(members).forEach((member, i) => {
      const item = wire[i]!;
      const orgMember = item.organization as Wire;
      const user = orgMember.user as Wire;
      expect(member).toEqual({
        id: expect.any(String),
        provider: 'GITBOOK',
        memberId: orgMember.id,
        userId: orgMember.id,
        email: user.email ?? null,
        displayName: user.displayName,
        firstName: null,
        lastName: null,
        username: null,
        role: (item.team as Wire).role === 'owner' ? 'OWNER' : 'MEMBER',
        status: orgMember.disabled ? 'BLOCKED' : 'ACTIVE',
        mfaEnabled: null,
        lastLoginAt: iso(orgMember.lastSeenAt),
        joinedAt: iso(orgMember.joinedAt),
        createdAt: null,
        updatedAt: null,
        raw: item,
        group: { id: team.id, externalId: wireTeam.id },
        groups: null,
        organization: { id: orgOf('GITBOOK', str(wireOrg.id)).id },
      });
    });
    // Owners exist in the seed, so the role mapping is exercised both ways.
    expect(new Set(nodes(members).map((m) => m.role))).toEqual(new Set(['OWNER', 'MEMBER']));
  });

  it('Bird: the membership status and dates, and no person details (the API has none)', async () => {
    const wireTeam = (await upstream.birdTeams()).find((t) => t.name === 'Security')!;
    const team = (await groupsOf(orgOf('BIRD'))).teams.edges.find((e) => e.node.externalId === wireTeam.id)!.node;
    const wire = await upstream.birdTeamMembers(str(wireTeam.id));
    const members = await membersOf(team.id);
    const status: Record<string, string> = { active: 'ACTIVE', invited: 'INVITED', 'requested-to-join': 'REQUESTED_TO_JOIN' };
    expect(members.totalCount).toBeNull();
    expect(nodes(members)).toEqual(
      wire.map((w) => ({
        id: expect.any(String),
        provider: 'BIRD',
        memberId: w.id,
        userId: w.id,
        email: null,
        displayName: null,
        firstName: null,
        lastName: null,
        username: null,
        role: null,
        status: status[str(w.status)],
        mfaEnabled: null,
        lastLoginAt: null,
        joinedAt: null,
        createdAt: iso(w.createdAt),
        updatedAt: iso(w.updatedAt),
        raw: w,
        group: { id: team.id, externalId: wireTeam.id },
        groups: null,
        organization: { id: orgOf('BIRD').id },
      })),
    );
    expect(new Set(nodes(members).map((m) => m.status))).toEqual(new Set(['ACTIVE', 'INVITED']));
  });

  it('Checkmarx: the user profile, active flag, dates, and every team the user is in (Member.groups)', async () => {
    const org = orgOf('CHECKMARX');
    const team = (await groupsOf(org)).teams.edges.find((e) => e.node.name === 'Engineering')!.node;
    const wire = await upstream.checkmarxTeamUsers(team.externalId);
    const members = await membersOf(team.id);
    expect(members.totalCount).toBe(wire.length);
    expect(nodes(members)).toEqual(
      wire.map((w) => ({
        id: expect.any(String),
        provider: 'CHECKMARX',
        memberId: str(w.id),
        userId: str(w.id),
        email: w.email,
        displayName: `${str(w.firstName)} ${str(w.lastName)}`,
        firstName: w.firstName,
        lastName: w.lastName,
        username: w.userName,
        role: null,
        status: w.active ? 'ACTIVE' : 'BLOCKED',
        mfaEnabled: null,
        lastLoginAt: isoUtc(w.lastLoginDate),
        joinedAt: null,
        createdAt: isoUtc(w.creationDate),
        updatedAt: null,
        raw: w,
        group: { id: team.id, externalId: team.externalId },
        groups: (w.teamIds as number[]).map((id) => ({ externalId: str(id) })),
        organization: { id: org.id },
      })),
    );
    // Some Engineering members are in a second team, and some users are deactivated.
    expect(nodes(members).some((m) => m.groups!.length > 1)).toBe(true);
  });

  it('Cloudflare: the account member id, e-mail and status from the group list; user id and names from the account member', async () => {
    const account = (await upstream.cloudflareAccounts()).find((a) => a.name === 'Acme Corporation')!;
    const org = orgOf('CLOUDFLARE', str(account.id));
    const wireGroup = (await upstream.cloudflareUserGroups(str(account.id))).find((g) => g.name === 'Support')!;
    const group = (await groupsOf(org)).userGroups.edges.find((e) => e.node.externalId === wireGroup.id)!.node;
    const wire = await upstream.cloudflareGroupMembers(str(account.id), str(wireGroup.id));
    const accountMembers = new Map((await upstream.cloudflareAccountMembers(str(account.id))).map((m) => [m.id, m]));
    const members = await membersOf(group.id);
    expect(members.totalCount).toBe(wire.totalCount);
    const status: Record<string, string> = { accepted: 'ACTIVE', pending: 'PENDING' };
    expect(nodes(members)).toEqual(
      wire.items.slice(0, 100).map((w) => {
        const user = accountMembers.get(w.id)!.user as Wire;
        const names = [user.first_name, user.last_name].filter((n) => typeof n === 'string' && n !== '');
        return {
          id: expect.any(String),
          provider: 'CLOUDFLARE',
          memberId: w.id,
          userId: user.id,
          email: w.email,
          displayName: names.length ? names.join(' ') : null,
          firstName: user.first_name ?? null,
          lastName: user.last_name ?? null,
          username: null,
          role: null,
          status: status[str(w.status)],
          mfaEnabled: user.two_factor_authentication_enabled ?? null,
          lastLoginAt: null,
          joinedAt: null,
          createdAt: null,
          updatedAt: null,
          raw: w,
          group: { id: group.id, externalId: wireGroup.id },
          groups: null,
          organization: { id: org.id },
        };
      }),
    );
    // The membership id is never the user id on Cloudflare.
    expect(nodes(members).every((m) => m.userId !== m.memberId)).toBe(true);
  });

  it('GoodAccess: name, login, blocked and MFA flags, and the creation time read as UTC', async () => {
    const org = orgOf('GOODACCESS');
    const wireGroup = (await upstream.goodaccessGroups())[0]!;
    const group = (await groupsOf(org)).userGroups.edges.find((e) => e.node.externalId === wireGroup.id)!.node;
    const wire = await upstream.goodaccessGroupMembers(str(wireGroup.id));
    const members = await membersOf(group.id);
    expect(members.totalCount).toBe(wire.length);
    expect(nodes(members)).toEqual(
      wire.map((w) => ({
        id: expect.any(String),
        provider: 'GOODACCESS',
        memberId: w.id,
        userId: w.id,
        email: w.username,
        displayName: w.name,
        firstName: null,
        lastName: null,
        username: w.username,
        role: null,
        status: w.is_user_blocked ? 'BLOCKED' : 'ACTIVE',
        mfaEnabled: w.is_mfa_active,
        lastLoginAt: null,
        joinedAt: null,
        createdAt: isoUtc(w.created_at),
        updatedAt: null,
        raw: w,
        group: { id: group.id, externalId: wireGroup.id },
        groups: null,
        organization: { id: org.id },
      })),
    );
  });
});

describe('Organization.members', () => {
  it('serves the tenant members of GoodAccess, GitBook, Checkmarx and Cloudflare, with no group', async () => {
    const gitbookOrg = (await upstream.gitbookOrganizations()).find((o) => o.title === 'Acme Documentation')!;
    const account = (await upstream.cloudflareAccounts()).find((a) => a.name === 'Acme Corporation')!;
    const cases: Array<[OrganizationSeen, Wire[], (w: Wire) => string]> = [
      [orgOf('GOODACCESS'), await upstream.goodaccessMembers(), (w) => str(w.id)],
      [orgOf('GITBOOK', str(gitbookOrg.id)), await upstream.gitbookMembers(str(gitbookOrg.id)), (w) => str(w.id)],
      [orgOf('CHECKMARX'), await upstream.checkmarxUsers(), (w) => str(w.id)],
      [orgOf('CLOUDFLARE', str(account.id)), await upstream.cloudflareAccountMembers(str(account.id)), (w) => str(w.id)],
    ];
    for (const [org, wire, idOf] of cases) {
      const members = await organizationMembers(org.id);
      expect(members.totalCount, org.provider).toBe(wire.length);
      expect(
        nodes(members).map((m) => m.memberId),
        org.provider,
      ).toEqual(wire.slice(0, 100).map(idOf));
      expect(
        nodes(members).every((m) => m.group === null && m.organization.id === org.id && m.provider === org.provider),
        org.provider,
      ).toBe(true);
    }
  });

  it('is an UNSUPPORTED_OPERATION error naming Bird, whose API has no organization member list, for no upstream call', async () => {
    gateway.clearLogs();
    const answer = await gateway.query<{ node: unknown }>('query ($id: ID!) { node(id: $id) { ... on Organization { members { totalCount } } } }', {
      id: orgOf('BIRD').id,
    });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]).toMatchObject({ path: ['node', 'members'], extensions: { code: 'UNSUPPORTED_OPERATION', provider: 'BIRD' } });
    expect(answer.errors![0]!.message).toMatch(/Bird.*no list of an organization's own members/);
    // Only the field is null: the organization itself still arrives.
    expect(answer.data?.node).toEqual({ members: null });
    expect(gateway.calls()).toEqual([]);
  });
});
