// Ids a provider compares without regard to case (UUIDs): an uppercase id reads the same object as the id the gateway issued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { decodeGlobalId, encodeGlobalId } from '../../src/resolvers/ids.js';
import { dataOf, startGateway, type GatewayHarness } from '../support/gateway.js';

type Seen = Record<string, unknown> & { __typename: string; id: string; provider: ProviderId };
interface Edges<T> {
  edges: Array<{ node: T }>;
}

const MEMBER = `__typename id provider memberId userId email displayName status createdAt raw group { id } organization { id }`;
const GROUP = `__typename id provider externalId name memberCount organization { id }`;
const ANY_NODE = `... on Team { ${GROUP} } ... on UserGroup { ${GROUP} } ... on Member { ${MEMBER} }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let gateway: GatewayHarness;
/** GoodAccess and Bird groups, their members and GoodAccess's own members, as listing showed them. */
let listed: Seen[];

/** The same global id with every UUID in its path upper-cased: what a user pasting an id from elsewhere may send. */
function upperCased(globalId: string): string {
  const { typename, id } = decodeGlobalId(globalId);
  const segments = (JSON.parse(id) as string[]).map((s) => (UUID.test(s) ? s.toUpperCase() : s));
  return encodeGlobalId(typename, JSON.stringify(segments));
}

beforeAll(async () => {
  gateway = await startGateway();
  const members = `members(first: 2) { edges { node { ${MEMBER} } } }`;
  const answer = await gateway.query<{
    organizations: Edges<{
      id: string;
      provider: ProviderId;
      teams: Edges<Seen & { members: Edges<Seen> }>;
      userGroups: Edges<Seen & { members: Edges<Seen> }>;
    }>;
  }>(`{ organizations(first: 100) { edges { node { id provider
        teams(first: 2) { edges { node { ${GROUP} ${members} } } }
        userGroups(first: 2) { edges { node { ${GROUP} ${members} } } } } } } }`);
  listed = [];
  for (const { node: org } of dataOf(answer).organizations.edges) {
    if (org.provider !== 'GOODACCESS' && org.provider !== 'BIRD') continue;
    for (const { node: group } of [...org.teams.edges, ...org.userGroups.edges]) {
      const { members: groupMembers, ...own } = group;
      listed.push(own as Seen, ...groupMembers.edges.map((e) => e.node));
    }
  }
  // Bird lists no organization members; GoodAccess does.
  const goodaccess = dataOf(answer).organizations.edges.find((e) => e.node.provider === 'GOODACCESS')!.node;
  const own = await gateway.query<{ node: { members: Edges<Seen> } }>(
    `query ($id: ID!) { node(id: $id) { ... on Organization { members(first: 2) { edges { node { ${MEMBER} } } } } } }`,
    { id: goodaccess.id },
  );
  listed.push(...dataOf(own).node.members.edges.map((e) => e.node));
});

afterAll(async () => {
  await gateway?.stop();
});

describe('uppercase UUIDs', () => {
  it('the listing has GoodAccess and Bird groups, group members and GoodAccess organization members, all lower-case', () => {
    const kinds = new Set(listed.map((o) => `${o.provider} ${o.__typename}${o.__typename === 'Member' && o.group === null ? ' (organization)' : ''}`));
    expect([...kinds].sort()).toEqual(['BIRD Member', 'BIRD Team', 'GOODACCESS Member', 'GOODACCESS Member (organization)', 'GOODACCESS UserGroup']);
    for (const seen of listed) expect(upperCased(seen.id), seen.id).not.toBe(seen.id);
  });

  /**
   * What a user expects: the same object, and its `id` is the one the gateway issued (lower-case), so ids read
   * back compare equal however the id that found them was written.
   */
  it('node(id:) with the id upper-cased gives back the listed object, under its issued id', async () => {
    for (const seen of listed) {
      const answer = await gateway.query<{ node: Seen | null }>(`query ($id: ID!) { node(id: $id) { ${ANY_NODE} } }`, { id: upperCased(seen.id) });
      expect(answer.errors, seen.id).toBeUndefined();
      expect(answer.data!.node, seen.id).toEqual(seen);
    }
  });

  it('both spellings in one request name the same object', async () => {
    for (const seen of listed) {
      const answer = await gateway.query<{ lower: Seen | null; upper: Seen | null }>(
        `query ($lower: ID!, $upper: ID!) { lower: node(id: $lower) { ${ANY_NODE} } upper: node(id: $upper) { ${ANY_NODE} } }`,
        { lower: seen.id, upper: upperCased(seen.id) },
      );
      expect(answer.errors, seen.id).toBeUndefined();
      expect(answer.data!.upper, seen.id).toEqual(answer.data!.lower);
    }
  });
});
