// The six benchmark operations by hand: exactly the minimal REST calls, each dependency level at once, the gateway's JSON.
import { globalId, pathOf } from './ids.js';
import {
  type BirdList,
  type BirdMember,
  type BirdTeam,
  birdMember,
  type CheckmarxTeam,
  type CheckmarxUser,
  checkmarxMember,
  type CloudflareAccount,
  type CloudflareAccountMember,
  type CloudflareGroup,
  type CloudflareGroupMember,
  type CloudflareList,
  cloudflareMember,
  type GitBookList,
  type GitBookOrganization,
  type GitBookTeam,
  type GitBookTeamMember,
  type GoodAccessGroup,
  type GoodAccessMember,
  gitbookMember,
  goodaccessMember,
  type MemberView,
} from './records.js';
import { type Provider, seg, type Upstream } from './upstream.js';

type Variables = Record<string, unknown>;
export type DirectOperation = (upstream: Upstream, variables: Variables) => Promise<unknown>;

/** Cloudflare's account member list serves at most 50 a page. */
const ACCOUNT_PAGE = 50;

const edges = <T>(nodes: T[]) => ({ edges: nodes.map((node) => ({ node })) });
const withoutRole = ({ id, displayName, email, status }: MemberView) => ({ id, displayName, email, status });

// --- Cloudflare names -----------------------------------------------------------------------------------------

/** The first page of an account's members (level 1 or 2), and with it how many pages the list has. */
function firstAccountPage(upstream: Upstream, accountId: string): Promise<CloudflareList<CloudflareAccountMember>> {
  return upstream.get('CLOUDFLARE', `/accounts/${seg(accountId)}/members?page=1&per_page=${ACCOUNT_PAGE}`);
}

/** Every page after the first, all at once (its total_pages is known): the account's members by id. */
async function accountMembers(
  upstream: Upstream,
  accountId: string,
  first: CloudflareList<CloudflareAccountMember>,
): Promise<Map<string, CloudflareAccountMember>> {
  const total = first.result_info?.total_pages ?? 1;
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, total - 1) }, (_, i) =>
      upstream.get<CloudflareList<CloudflareAccountMember>>('CLOUDFLARE', `/accounts/${seg(accountId)}/members?page=${i + 2}&per_page=${ACCOUNT_PAGE}`),
    ),
  );
  return new Map([first, ...rest].flatMap((page) => page.result).map((member) => [member.id, member]));
}

// --- the operations ---------------------------------------------------------------------------------------------

/** One GitBook team's first 50 members: the id carries organization and team, so one member page. */
const teamPage: DirectOperation = async (upstream, variables) => {
  const [organizationId, teamId] = pathOf(String(variables.id)).path as [string, string];
  const page = await upstream.get<GitBookList<GitBookTeamMember>>('GITBOOK', `/orgs/${seg(organizationId)}/teams/${seg(teamId)}/members?limit=50`);
  return { node: { members: edges(page.items.slice(0, 50).map((item) => gitbookMember(organizationId, teamId, item))) } };
};

/**
 * A Cloudflare group's first 20 members with names: its member page and the account's first member page at once;
 * then the members not on that page at once, by a GET each (the single read carries the names) or by every other
 * page of the account list, whichever is fewer calls.
 */
const groupWithNames: DirectOperation = async (upstream, variables) => {
  const [accountId, groupId] = pathOf(String(variables.id)).path as [string, string];
  const base = `/accounts/${seg(accountId)}/iam/user_groups/${seg(groupId)}/members`;
  const [page, first] = await Promise.all([
    upstream.get<CloudflareList<CloudflareGroupMember>>('CLOUDFLARE', `${base}?page=1&per_page=20`),
    firstAccountPage(upstream, accountId),
  ]);
  const shown = page.result.slice(0, 20);
  const onFirst = new Map(first.result.map((member) => [member.id, member]));
  const unseen = shown.filter((item) => !onFirst.has(item.id));
  const rest = (first.result_info?.total_pages ?? 1) - 1;
  let named: Map<string, CloudflareGroupMember | null> = new Map();
  let accounts = onFirst;
  if (unseen.length > 0 && unseen.length <= rest) {
    const singles = await Promise.all(unseen.map((item) => upstream.get<{ result: CloudflareGroupMember }>('CLOUDFLARE', `${base}/${seg(item.id)}`)));
    named = new Map(singles.map((one) => [one.result.id, one.result]));
  } else if (unseen.length > 0) {
    accounts = await accountMembers(upstream, accountId, first);
  }
  return {
    node: {
      members: edges(
        shown.map((item) => {
          const { id, displayName, email } = cloudflareMember(accountId, groupId, named.get(item.id) ?? item, accounts.get(item.id));
          return { id, displayName, email };
        }),
      ),
    },
  };
};

/** A GitBook organization's first 10 teams (the id carries the organization), then each team's first 20 members at once. */
const orgOverview: DirectOperation = async (upstream, variables) => {
  const [organizationId] = pathOf(String(variables.id)).path as [string];
  const teams = (await upstream.get<GitBookList<GitBookTeam>>('GITBOOK', `/orgs/${seg(organizationId)}/teams?limit=10`)).items.slice(0, 10);
  const pages = await Promise.all(
    teams.map((team) => upstream.get<GitBookList<GitBookTeamMember>>('GITBOOK', `/orgs/${seg(organizationId)}/teams/${seg(team.id)}/members?limit=20`)),
  );
  return {
    node: {
      teams: edges(
        teams.map((team, i) => ({
          id: globalId('Team', 'GITBOOK', organizationId, team.id),
          name: team.title,
          members: edges(pages[i]!.items.slice(0, 20).map((item) => gitbookMember(organizationId, team.id, item))),
        })),
      ),
    },
  };
};

// --- the dashboard: one chain per provider, at most three levels -------------------------------------------------

interface TeamNode {
  id: string;
  name: string;
  memberCount: number | null;
  members: ReturnType<typeof edges<MemberView>>;
}
interface GroupNode {
  id: string;
  name: string;
  members: ReturnType<typeof edges<ReturnType<typeof withoutRole>>>;
}
interface OrganizationNode {
  id: string;
  provider: Provider;
  name: string;
  teams: ReturnType<typeof edges<TeamNode>>;
  userGroups: ReturnType<typeof edges<GroupNode>>;
}

function organization(provider: Provider, id: string, name: string, teams: TeamNode[], userGroups: GroupNode[]): OrganizationNode {
  return { id: globalId('Organization', provider, id), provider, name, teams: edges(teams), userGroups: edges(userGroups) };
}

/** Level 1 the group list, level 2 each group's members. */
async function goodaccessDashboard(upstream: Upstream): Promise<OrganizationNode[]> {
  const groups = (await upstream.get<GoodAccessGroup[]>('GOODACCESS', '/groups')).slice(0, 10);
  const lists = await Promise.all(groups.map((group) => upstream.get<GoodAccessMember[]>('GOODACCESS', `/relation/group/${seg(group.id)}/members`)));
  const userGroups = groups.map((group, i) => ({
    id: globalId('UserGroup', 'GOODACCESS', 'tenant', group.id),
    name: group.name,
    members: edges(lists[i]!.slice(0, 20).map((item) => withoutRole(goodaccessMember(group.id, item)))),
  }));
  return [organization('GOODACCESS', 'tenant', upstream.setting('GOODACCESS_TENANT_NAME') ?? 'GoodAccess tenant', [], userGroups)];
}

/** Level 1 the organizations, level 2 each one's teams, level 3 each team's members. */
async function gitbookDashboard(upstream: Upstream): Promise<OrganizationNode[]> {
  const organizations = (await upstream.get<GitBookList<GitBookOrganization>>('GITBOOK', '/orgs?limit=1000')).items;
  return Promise.all(
    organizations.map(async (org) => {
      const teams = (await upstream.get<GitBookList<GitBookTeam>>('GITBOOK', `/orgs/${seg(org.id)}/teams?limit=10`)).items.slice(0, 10);
      const pages = await Promise.all(
        teams.map((team) => upstream.get<GitBookList<GitBookTeamMember>>('GITBOOK', `/orgs/${seg(org.id)}/teams/${seg(team.id)}/members?limit=20`)),
      );
      const nodes = teams.map((team, i) => ({
        id: globalId('Team', 'GITBOOK', org.id, team.id),
        name: team.title,
        memberCount: team.members,
        members: edges(pages[i]!.items.slice(0, 20).map((item) => gitbookMember(org.id, team.id, item))),
      }));
      return organization('GITBOOK', org.id, org.title, nodes, []);
    }),
  );
}

/** The configured organization: level 1 its teams, level 2 each team's members. */
async function birdDashboard(upstream: Upstream): Promise<OrganizationNode[]> {
  const organizationId = upstream.birdOrganizationId;
  const base = `/organizations/${seg(organizationId.toLowerCase())}/teams`;
  const teams = (await upstream.get<BirdList<BirdTeam>>('BIRD', `${base}?limit=10`)).results.slice(0, 10);
  const pages = await Promise.all(teams.map((team) => upstream.get<BirdList<BirdMember>>('BIRD', `${base}/${seg(team.id)}/members?limit=20`)));
  const nodes = teams.map((team, i) => ({
    id: globalId('Team', 'BIRD', organizationId, team.id),
    name: team.name,
    memberCount: team.activeMemberCount + team.pendingMemberCount,
    members: edges(pages[i]!.results.slice(0, 20).map((item) => birdMember(organizationId, team.id, item))),
  }));
  return [organization('BIRD', organizationId, upstream.setting('BIRD_ORGANIZATION_NAME') ?? 'Bird organization', nodes, [])];
}

/** One level: the teams and every user (each lists its teamIds), at once. */
async function checkmarxDashboard(upstream: Upstream): Promise<OrganizationNode[]> {
  const [teams, users] = await Promise.all([
    upstream.get<CheckmarxTeam[]>('CHECKMARX', '/auth/Teams'),
    upstream.get<CheckmarxUser[]>('CHECKMARX', '/auth/Users'),
  ]);
  const nodes = teams.slice(0, 10).map((team) => ({
    id: globalId('Team', 'CHECKMARX', 'cxserver', String(team.id)),
    name: team.name,
    memberCount: null,
    members: edges(
      users
        .filter((user) => user.teamIds?.includes(team.id))
        .sort((a, b) => a.id - b.id)
        .slice(0, 20)
        .map((user) => checkmarxMember(String(team.id), user)),
    ),
  }));
  return [organization('CHECKMARX', 'cxserver', 'CxSAST server', nodes, [])];
}

/** Level 1 the accounts; level 2 each one's groups and first member page; level 3 group members and the other pages. */
async function cloudflareDashboard(upstream: Upstream): Promise<OrganizationNode[]> {
  const accounts = (await upstream.get<CloudflareList<CloudflareAccount>>('CLOUDFLARE', '/accounts?page=1&per_page=50')).result;
  return Promise.all(
    accounts.map(async (account) => {
      const [groupList, first] = await Promise.all([
        upstream.get<CloudflareList<CloudflareGroup>>('CLOUDFLARE', `/accounts/${seg(account.id)}/iam/user_groups?page=1&per_page=10`),
        firstAccountPage(upstream, account.id),
      ]);
      const groups = groupList.result.slice(0, 10);
      const [pages, people] = await Promise.all([
        Promise.all(
          groups.map((group) =>
            upstream.get<CloudflareList<CloudflareGroupMember>>(
              'CLOUDFLARE',
              `/accounts/${seg(account.id)}/iam/user_groups/${seg(group.id)}/members?page=1&per_page=20`,
            ),
          ),
        ),
        groups.length === 0 ? new Map<string, CloudflareAccountMember>() : accountMembers(upstream, account.id, first),
      ]);
      const nodes = groups.map((group, i) => ({
        id: globalId('UserGroup', 'CLOUDFLARE', account.id, group.id),
        name: group.name,
        members: edges(pages[i]!.result.slice(0, 20).map((item) => withoutRole(cloudflareMember(account.id, group.id, item, people.get(item.id))))),
      }));
      return organization('CLOUDFLARE', account.id, account.name, [], nodes);
    }),
  );
}

/** Every organization of every provider in provider order, each provider's chain running beside the others. */
const dashboard: DirectOperation = async (upstream) => {
  const chains = await Promise.all([
    goodaccessDashboard(upstream),
    gitbookDashboard(upstream),
    birdDashboard(upstream),
    checkmarxDashboard(upstream),
    cloudflareDashboard(upstream),
  ]);
  return { organizations: edges(chains.flat().slice(0, 20)) };
};

// --- nodes: one list per group (a get per member on Cloudflare, which carries the names), all at once ------------

interface MemberRef {
  id: string;
  provider: Provider;
  organizationId: string;
  groupId: string;
  memberId: string;
}

/** Walks a cursor-paged list until every wanted member is seen (one page in the benchmark). */
async function walk<T>(read: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>, idOf: (item: T) => string, wanted: Set<string>) {
  const found = new Map<string, T>();
  let cursor: string | null = null;
  do {
    const page = await read(cursor);
    for (const item of page.items) if (wanted.has(idOf(item))) found.set(idOf(item), item);
    cursor = page.next;
  } while (cursor !== null && found.size < wanted.size);
  return found;
}

async function groupNodes(upstream: Upstream, refs: MemberRef[], users: () => Promise<CheckmarxUser[]>): Promise<Map<string, MemberView | null>> {
  const { provider, organizationId, groupId } = refs[0]!;
  const wanted = new Set(refs.map((ref) => ref.memberId));
  const out = new Map<string, MemberView | null>();
  if (provider === 'GOODACCESS') {
    const list = await upstream.get<GoodAccessMember[]>('GOODACCESS', `/relation/group/${seg(groupId)}/members`);
    for (const item of list) if (wanted.has(item.id)) out.set(item.id, goodaccessMember(groupId, item));
  } else if (provider === 'GITBOOK') {
    const base = `/orgs/${seg(organizationId)}/teams/${seg(groupId)}/members?limit=1000`;
    const found = await walk(
      async (cursor) => {
        const page = await upstream.get<GitBookList<GitBookTeamMember>>('GITBOOK', cursor ? `${base}&page=${encodeURIComponent(cursor)}` : base);
        return { items: page.items, next: page.next?.page ?? null };
      },
      (item) => item.organization.id,
      wanted,
    );
    for (const [id, item] of found) out.set(id, gitbookMember(organizationId, groupId, item));
  } else if (provider === 'BIRD') {
    const base = `/organizations/${seg(organizationId.toLowerCase())}/teams/${seg(groupId)}/members?limit=100`;
    const found = await walk(
      async (cursor) => {
        const page = await upstream.get<BirdList<BirdMember>>('BIRD', cursor ? `${base}&pageToken=${encodeURIComponent(cursor)}` : base);
        return { items: page.results, next: page.nextPageToken ? page.nextPageToken : null };
      },
      (item) => item.id,
      wanted,
    );
    for (const [id, item] of found) out.set(id, birdMember(organizationId, groupId, item));
  } else if (provider === 'CHECKMARX') {
    for (const user of await users()) {
      if (wanted.has(String(user.id)) && user.teamIds?.includes(Number(groupId))) out.set(String(user.id), checkmarxMember(groupId, user));
    }
  } else {
    const base = `/accounts/${seg(organizationId)}/iam/user_groups/${seg(groupId)}/members`;
    await Promise.all(
      [...wanted].map(async (id) => {
        const one = await upstream.get<{ result: CloudflareGroupMember }>('CLOUDFLARE', `${base}/${seg(id)}`);
        out.set(id, cloudflareMember(organizationId, groupId, one.result));
      }),
    );
  }
  return out;
}

const nodes: DirectOperation = async (upstream, variables) => {
  const refs: MemberRef[] = (variables.ids as string[]).map((id) => {
    const { provider, path } = pathOf(id);
    const [organizationId, groupId, memberId] = path as [string, string, string];
    return { id, provider, organizationId, groupId, memberId };
  });
  const groups = new Map<string, MemberRef[]>();
  for (const ref of refs) {
    const key = JSON.stringify([ref.provider, ref.organizationId, ref.groupId]);
    groups.set(key, [...(groups.get(key) ?? []), ref]);
  }
  // Checkmarx's user list answers every Checkmarx group: read once for the request.
  let users: Promise<CheckmarxUser[]> | null = null;
  const checkmarxUsers = () => {
    users ??= upstream.get<CheckmarxUser[]>('CHECKMARX', '/auth/Users');
    return users;
  };
  const found = await Promise.all([...groups.values()].map((group) => groupNodes(upstream, group, checkmarxUsers)));
  const byKey = new Map<string, MemberView | null>();
  [...groups.values()].forEach((group, i) => {
    for (const ref of group) byKey.set(ref.id, found[i]!.get(ref.memberId) ?? null);
  });
  return { nodes: refs.map((ref) => (byKey.get(ref.id) ? withoutRole(byKey.get(ref.id)!) : null)) };
};

// --- syncNoop ---------------------------------------------------------------------------------------------------

/** setMembers to the set the group already has: one read of the whole set shows nothing is due, so nothing is written. */
const syncNoop: DirectOperation = async (upstream, variables) => {
  const input = variables.input as { groupId: string; members: Array<{ memberId: string }> };
  const [accountId, groupId] = pathOf(input.groupId).path as [string, string];
  const base = `/accounts/${seg(accountId)}/iam/user_groups/${seg(groupId)}/members`;
  const page = await upstream.get<CloudflareList<CloudflareGroupMember>>('CLOUDFLARE', `${base}?page=1&per_page=500`);
  const current = new Set(page.result.map((member) => member.id));
  const wanted = [...new Set(input.members.map((member) => member.memberId))];
  const already = wanted.filter((id) => current.has(id)).length;
  if (already !== wanted.length || current.size !== wanted.length) {
    await upstream.put(
      'CLOUDFLARE',
      base,
      wanted.map((id) => ({ id })),
    );
  }
  return { setMembers: { __typename: 'SetMembersSuccess', summary: { alreadyMembers: already } } };
};

export const DIRECT_OPERATIONS: Readonly<Record<string, DirectOperation>> = { teamPage, groupWithNames, orgOverview, dashboard, nodes, syncNoop };
