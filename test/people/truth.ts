// What the people tests compare with: every membership the gateway's own lists show, walked to their ends, grouped by e-mail.
import type { ProviderId } from '../../src/providers/types.js';
import { dataOf, type GatewayHarness, type GraphQLAnswer } from '../support/gateway.js';

export interface MemberSeen {
  id: string;
  provider: ProviderId;
  email: string | null;
}

export interface GroupSeen {
  id: string;
  /** Every member of the group, walked to the end. */
  members: MemberSeen[];
}

export interface OrganizationSeen {
  id: string;
  provider: ProviderId;
  /** The organization's own members, walked to the end; null where the provider cannot list them. */
  members: MemberSeen[] | null;
  groups: GroupSeen[];
}

export interface PersonSeen {
  /** Normalised: trimmed and lower-cased. */
  email: string;
  /** Every Member id (organization- and group-level) whose e-mail is this one in any case. */
  memberships: Set<string>;
  providers: Set<ProviderId>;
  /** The spellings the providers' records use (several when they differ by case). */
  spellings: Set<string>;
}

export interface Truth {
  organizations: OrganizationSeen[];
  people: Map<string, PersonSeen>;
}

interface Page {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: MemberSeen }>;
}

export const normal = (email: string) => email.trim().toLowerCase();

/** Every member of a list (an organization's or a group's), by `node(id:)`, 100 a page to the end. */
async function allMembers(gateway: GatewayHarness, id: string): Promise<MemberSeen[]> {
  const members: MemberSeen[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: GraphQLAnswer<{ node: { own?: Page; group?: Page } }> = await gateway.query(
      `query Walk($id: ID!, $after: String) { node(id: $id) {
        ... on Organization { own: members(first: 100, after: $after) { ...P } }
        ... on MemberGroup { group: members(first: 100, after: $after) { ...P } } } }
      fragment P on MemberConnection { totalCount pageInfo { hasNextPage endCursor } edges { node { id provider email } } }`,
      { id, after },
    );
    const { own, group } = dataOf(answer).node;
    const page = own ?? group;
    if (!page) throw new Error('not a list of members');
    members.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return members;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Reads every organization, group and member list through the gateway's list fields (not through people), and
 * groups the memberships by normalised e-mail: the independent answer `person` and `people` must give.
 */
export async function readTruth(gateway: GatewayHarness): Promise<Truth> {
  const listed = dataOf(
    await gateway.query<{
      providers: Array<{ id: ProviderId; capabilities: { organizationMembers: boolean } }>;
      organizations: { edges: Array<{ node: { id: string; provider: ProviderId; teams: GroupEdges; userGroups: GroupEdges } }> };
    }>(`{ providers { id capabilities { organizationMembers } }
          organizations(first: 100) { edges { node { id provider teams(first: 100) { edges { node { id } } } userGroups(first: 100) { edges { node { id } } } } } } }`),
  );
  const listsOrganizationMembers = new Map(listed.providers.map((p) => [p.id, p.capabilities.organizationMembers]));
  const organizations = await Promise.all(
    listed.organizations.edges.map(async ({ node: org }): Promise<OrganizationSeen> => {
      const groupIds = [...org.teams.edges, ...org.userGroups.edges].map((e) => e.node.id);
      const [members, groups] = await Promise.all([
        listsOrganizationMembers.get(org.provider) ? allMembers(gateway, org.id) : null,
        Promise.all(groupIds.map(async (id) => ({ id, members: await allMembers(gateway, id) }))),
      ]);
      return { id: org.id, provider: org.provider, members, groups };
    }),
  );
  const people = new Map<string, PersonSeen>();
  for (const org of organizations) {
    for (const member of [...(org.members ?? []), ...org.groups.flatMap((g) => g.members)]) {
      if (member.email === null) continue;
      const key = normal(member.email);
      const person = people.get(key) ?? { email: key, memberships: new Set(), providers: new Set(), spellings: new Set() };
      person.memberships.add(member.id);
      person.providers.add(member.provider);
      person.spellings.add(member.email);
      people.set(key, person);
    }
  }
  return { organizations, people };
}

type GroupEdges = { edges: Array<{ node: { id: string } }> };

/** The person in the most providers (the first by e-mail among equals): the one a lookup has the most to find for. */
export function widestPerson(truth: Truth): PersonSeen {
  const sorted = [...truth.people.values()].sort((a, b) => b.providers.size - a.providers.size || (a.email < b.email ? -1 : 1));
  const widest = sorted[0];
  if (!widest) throw new Error('the sandbox has no member with an e-mail');
  return widest;
}
