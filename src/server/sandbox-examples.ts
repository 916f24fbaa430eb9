// The sandbox ids GraphiQL's example tabs and `npm start` show: read once at start-up through the gateway itself.
import { encodeGlobalId, localId, parseGlobalId, type OrganizationKey } from '../resolvers/ids.js';
import type { Adapters } from '../resolvers/loaders.js';
import type { Sandbox } from '../sandbox/index.js';
import type { ExampleIds } from './graphiql.js';
import { createGateway, DEVELOPMENT_SECURITY } from './gateway.js';
import { createLogger } from './logging.js';

interface MemberNode {
  id: string;
  memberId: string;
  email: string | null;
  displayName: string | null;
  status: string;
  role?: string | null;
}

interface Edges<T> {
  edges: Array<{ node: T | null }>;
}

/** The person tab's person: the sandbox's e-mail to try, in every provider that shows e-mails. */
const PERSON = `query ExamplePerson($email: String!) {
  person(email: $email) { email displayName providers }
}`;

interface PersonNode {
  email: string;
  displayName: string | null;
  providers: string[];
}

interface ExampleRead {
  goodaccess: Edges<{
    id: string;
    name: string;
    userGroups: Edges<{ id: string; name: string; members: Edges<MemberNode> }>;
    members: Edges<MemberNode> | null;
  }>;
  gitbook: Edges<{ id: string; name: string; teams: Edges<{ id: string; name: string; memberCount: number | null }> }>;
}

/** GoodAccess lists whole (40 members, 6 groups); GitBook's team records carry their member counts: one call each. */
const READ = `query ExampleIds {
  goodaccess: organizations(provider: GOODACCESS, first: 1) {
    edges { node { id name
      userGroups(first: 100) { edges { node { id name members(first: 100) { edges { node { ...M } } } } } }
      members(first: 100) { edges { node { ...M } } }
    } }
  }
  gitbook: organizations(provider: GITBOOK, first: 100) {
    edges { node { id name teams(first: 100) { edges { node { id name memberCount } } } } }
  }
}
fragment M on Member { id memberId email displayName status }`;

const TEAM_MEMBERS = `query ExampleTeam($team: ID!) {
  node(id: $team) { ... on Team { members(first: 100) { edges { node { id memberId email displayName status role } } } } }
}`;

/** A team with a second page of five, and the smallest such, so that the last page comes soon. */
const PAGE = 5;
/** The name createMember's example gives its new member: an e-mail, GoodAccess's login identity. */
const NEWCOMER = 'newcomer@acme.example';
const RENAME_SUFFIX = ' (VPN admin)';

const nodes = <T>(connection: Edges<T> | null | undefined): T[] => (connection?.edges ?? []).flatMap((edge) => (edge.node ? [edge.node] : []));
const nameOf = (member: MemberNode) => member.displayName ?? member.email ?? member.memberId;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the sandbox has no ${what}`);
  return value;
}

/**
 * Reads the example ids from a gateway over the sandbox, as a client would (the sandbox key, the same resolvers),
 * so every id is one the API issues. The new member's id cannot be read (it does not exist yet): the sandbox says
 * which id its GoodAccess will give the next member created, and the Member id is built from it like any other.
 */
export async function readExampleIds(adapters: Adapters, sandbox: Pick<Sandbox, 'nextGoodAccessMemberId' | 'tryEmail'>): Promise<ExampleIds> {
  const gateway = createGateway({
    adapters,
    mode: 'SANDBOX',
    apiKeys: [],
    logger: createLogger({ level: 'silent' }),
    security: { ...DEVELOPMENT_SECURITY, graphiql: false },
  });
  const run = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await gateway.fetch(
      new Request('http://sandbox.invalid/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length || !body.data) throw new Error(`reading the sandbox failed: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
    return body.data;
  };

  const read = await run<ExampleRead>(READ);
  const person = need((await run<{ person: PersonNode | null }>(PERSON, { email: sandbox.tryEmail })).person ?? undefined, 'person to try');
  const tenant = need(nodes(read.goodaccess)[0], 'GoodAccess tenant');
  const tenantMembers = nodes(tenant.members).filter((m) => m.status === 'ACTIVE' && m.email);
  const groups = nodes(tenant.userGroups).map((g) => ({ ...g, members: nodes(g.members) }));
  const group = need(
    groups.find((g) => g.members.length > 0),
    'GoodAccess user group with members',
  );
  const inGroup = new Set(group.members.map((m) => m.memberId));
  const groupMember = need(
    group.members.find((m) => m.status === 'ACTIVE' && m.email),
    'active member in a GoodAccess user group',
  );
  const outsider = need(
    tenantMembers.find((m) => !inGroup.has(m.memberId)),
    `GoodAccess member outside "${group.name}"`,
  );
  const emptyGroup = need(
    groups.find((g) => g.members.length === 0),
    'empty GoodAccess user group',
  );
  const other = need(
    tenantMembers.find((m) => m.memberId !== groupMember.memberId && m.memberId !== outsider.memberId),
    'third GoodAccess member',
  );
  if (nodes(tenant.members).some((m) => m.email?.toLowerCase() === NEWCOMER || m.displayName?.toLowerCase() === NEWCOMER)) {
    throw new Error(`the sandbox has a member named ${NEWCOMER} already`);
  }

  const teams = nodes(read.gitbook).flatMap((org) => nodes(org.teams).map((team) => ({ ...team, organization: org.name })));
  const team = need(
    teams.filter((t) => (t.memberCount ?? 0) > PAGE).sort((a, b) => (a.memberCount ?? 0) - (b.memberCount ?? 0))[0],
    `GitBook team of more than ${PAGE} members`,
  );
  const teamRead = await run<{ node: { members: Edges<MemberNode> } | null }>(TEAM_MEMBERS, { team: team.id });
  const teamMember = need(
    nodes(teamRead.node?.members).find((m) => m.role === 'MEMBER' && m.status === 'ACTIVE'),
    `active MEMBER in GitBook team "${team.name}"`,
  );

  // parseGlobalId refused any id but an Organization's.
  const organization = parseGlobalId(tenant.id, ['Organization']).key as OrganizationKey;
  const newcomerId = encodeGlobalId(
    'Member',
    localId({
      type: 'Member',
      key: { provider: organization.provider, organizationId: organization.organizationId, groupId: null, memberId: sandbox.nextGoodAccessMemberId() },
    }),
  );
  const member = (m: MemberNode) => ({ id: m.id, name: nameOf(m), memberId: m.memberId, email: m.email ?? '' });
  return {
    team: { id: team.id, name: team.name, organization: team.organization, memberCount: team.memberCount ?? 0 },
    teamMember: { id: teamMember.id, name: nameOf(teamMember) },
    organization: { id: tenant.id, name: tenant.name },
    group: { id: group.id, name: group.name },
    groupMember: member(groupMember),
    outsider: member(outsider),
    emptyGroup: { id: emptyGroup.id, name: emptyGroup.name },
    other: { id: other.id, name: nameOf(other), newName: `${nameOf(other)}${RENAME_SUFFIX}` },
    newcomer: { id: newcomerId, name: NEWCOMER },
    person: { email: person.email, name: person.displayName ?? person.email, providers: person.providers.length },
  };
}

/** What `npm start` prints after its URL: a few ids to paste, each with what it is. */
export function exampleIdLines(ids: ExampleIds): string[] {
  return [
    'Ids to try (the sandbox is seeded: the same at every start; GraphiQL has a tab for each example):',
    `  team      ${ids.team.id}  (GitBook "${ids.team.name}" in "${ids.team.organization}", ${ids.team.memberCount} members)`,
    `  group     ${ids.group.id}  (GoodAccess user group "${ids.group.name}", with members)`,
    `  member    ${ids.teamMember.id}  (${ids.teamMember.name}, of team "${ids.team.name}")`,
    `  e-mail    ${ids.outsider.email}  (a GoodAccess member not in "${ids.group.name}": addMembers adds it)`,
  ];
}
