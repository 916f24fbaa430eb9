// node(id:) and nodes(ids:): every type round-trips to what listing showed; missing ids are null; malformed ones cost nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { encodeGlobalId } from '../../src/resolvers/ids.js';
import { MAX_NODE_IDS } from '../../src/resolvers/reads.js';
import { byRoute, dataOf, startGateway, type GatewayHarness } from '../support/gateway.js';

type Seen = Record<string, unknown> & { __typename: string; id: string; provider: ProviderId };
interface Edges<T> {
  edges: Array<{ node: T }>;
}

const ORGANIZATION = '__typename id provider externalId name';
const TEAM = '__typename id provider externalId name memberCount path parent { id } organization { id }';
const USER_GROUP = '__typename id provider externalId name memberCount createdAt organization { id }';
const MEMBER = `__typename id provider memberId userId email displayName firstName lastName username role status mfaEnabled
  lastLoginAt joinedAt createdAt updatedAt raw group { id } groups { id } organization { id }`;
const ANY_NODE = `... on Organization { ${ORGANIZATION} } ... on Team { ${TEAM} } ... on UserGroup { ${USER_GROUP} } ... on Member { ${MEMBER} }`;

let gateway: GatewayHarness;
/** Every object listing showed: organizations, their first groups, those groups' first members, their first own members. */
let listed: Seen[];

const id = (type: string, ...segments: string[]) => encodeGlobalId(type, JSON.stringify(segments));
const ofType = (type: string, provider?: ProviderId) => listed.filter((o) => o.__typename === type && (!provider || o.provider === provider));

beforeAll(async () => {
  gateway = await startGateway();
  const members = `members(first: 3) { edges { node { ${MEMBER} } } }`;
  const answer = await gateway.query<{
    providers: Array<{ id: ProviderId; capabilities: { organizationMembers: boolean } }>;
    organizations: Edges<Seen & { teams: Edges<Seen & { members: Edges<Seen> }>; userGroups: Edges<Seen & { members: Edges<Seen> }> }>;
  }>(`{ providers { id capabilities { organizationMembers } }
        organizations(first: 100) { edges { node { ${ORGANIZATION}
          teams(first: 3) { edges { node { ${TEAM} ${members} } } }
          userGroups(first: 3) { edges { node { ${USER_GROUP} ${members} } } } } } } }`);
  const data = dataOf(answer);
  listed = [];
  for (const { node: org } of data.organizations.edges) {
    const { teams, userGroups, ...own } = org;
    listed.push(own as Seen);
    for (const { node: group } of [...teams.edges, ...userGroups.edges]) {
      const { members: groupMembers, ...groupOwn } = group;
      listed.push(groupOwn as Seen);
      listed.push(...groupMembers.edges.map((e) => e.node));
    }
    // The organization's own members, where the provider lists them (a separate query: Bird refuses the field).
    if (data.providers.find((p) => p.id === org.provider)!.capabilities.organizationMembers) {
      const own = await gateway.query<{ node: { members: Edges<Seen> } }>(`query ($id: ID!) { node(id: $id) { ... on Organization { ${members} } } }`, {
        id: org.id,
      });
      listed.push(...dataOf(own).node.members.edges.map((e) => e.node));
    }
  }
});

afterAll(async () => {
  await gateway?.stop();
});

/**
 * The node read back must be the object listing showed. One exception, checked narrowly: a Cloudflare group
 * member read alone comes from the API's single read (MemberGet), which also says when the member joined the
 * group (`created_at`) and carries more JSON; the list item has neither. So there, a field listing left null may
 * be filled and `raw` may grow, but nothing listing said may change.
 */
function expectSameObject(found: Seen | null, seen: Seen): void {
  expect(found, `${seen.__typename} ${seen.id}`).not.toBeNull();
  const richerSingleRead = seen.provider === 'CLOUDFLARE' && seen.__typename === 'Member' && seen.group !== null;
  if (!richerSingleRead) {
    expect(found).toEqual(seen);
    return;
  }
  for (const [key, value] of Object.entries(seen)) {
    if (key === 'raw') expect(found!.raw, key).toMatchObject(value as object);
    else if (value !== null) expect(found![key], key).toEqual(value);
  }
}

describe('round trips', () => {
  it('the listing covers every node type on every provider that has it', () => {
    const covered = (type: string) => [...new Set(ofType(type).map((o) => o.provider))].sort();
    expect(covered('Organization')).toEqual(['BIRD', 'CHECKMARX', 'CLOUDFLARE', 'GITBOOK', 'GOODACCESS']);
    expect(covered('Team')).toEqual(['BIRD', 'CHECKMARX', 'GITBOOK']);
    expect(covered('UserGroup')).toEqual(['CLOUDFLARE', 'GOODACCESS']);
    expect(covered('Member')).toEqual(['BIRD', 'CHECKMARX', 'CLOUDFLARE', 'GITBOOK', 'GOODACCESS']);
    // Organization-level members (no group) too, on the four providers that list them.
    expect(
      [
        ...new Set(
          ofType('Member')
            .filter((m) => m.group === null)
            .map((m) => m.provider),
        ),
      ].sort(),
    ).toEqual(['CHECKMARX', 'CLOUDFLARE', 'GITBOOK', 'GOODACCESS']);
  });

  it('node(id:) gives back each listed object', async () => {
    for (const seen of listed) {
      const answer = await gateway.query<{ node: Seen | null }>(`query ($id: ID!) { node(id: $id) { ${ANY_NODE} } }`, { id: seen.id });
      expect(answer.errors, seen.id).toBeUndefined();
      expectSameObject(answer.data!.node, seen);
    }
  });

  it('nodes(ids:) gives back all of them at once, in the order asked, duplicates included', async () => {
    const ids = [...listed.map((o) => o.id), listed[0]!.id, listed.at(-1)!.id];
    const answer = await gateway.query<{ nodes: Array<Seen | null> }>(`query ($ids: [ID!]!) { nodes(ids: $ids) { ${ANY_NODE} } }`, { ids });
    expect(answer.errors).toBeUndefined();
    const found = answer.data!.nodes;
    expect(found).toHaveLength(ids.length);
    listed.forEach((seen, i) => expectSameObject(found[i]!, seen));
    expect(found.at(-2)).toEqual(found[0]);
    expect(found.at(-1)).toEqual(found[listed.length - 1]);
  });

  it('ids that are well formed but name nothing give null, without an error', async () => {
    const gitbookOrg = ofType('Organization', 'GITBOOK')[0]!.externalId as string;
    const gitbookTeam = ofType('Team', 'GITBOOK')[0]!.externalId as string;
    const cloudflareOrg = ofType('Organization', 'CLOUDFLARE')[0]!.externalId as string;
    const missing = [
      id('Organization', 'GITBOOK', 'noSuchOrganization'),
      id('Team', 'GITBOOK', gitbookOrg, 'noSuchTeam'),
      id('Member', 'GITBOOK', gitbookOrg, gitbookTeam, 'noSuchUser'),
      id('UserGroup', 'CLOUDFLARE', cloudflareOrg, '0'.repeat(32)),
      id('Member', 'CLOUDFLARE', cloudflareOrg, '', 'f'.repeat(32)),
      id('Team', 'BIRD', gateway.sandbox.birdOrganizationId, '00000000-0000-4000-8000-000000000000'),
      id('Team', 'CHECKMARX', 'cxserver', '999999'),
      id('Member', 'CHECKMARX', 'cxserver', '', '999999'),
      id('UserGroup', 'GOODACCESS', 'tenant', '00000000-0000-4000-8000-000000000000'),
      id('Organization', 'GOODACCESS', 'another-tenant'),
    ];
    const answer = await gateway.query<{ nodes: unknown[] }>('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: missing });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.nodes).toEqual(missing.map(() => null));
  });
});

describe('malformed, foreign and wrong-type ids', () => {
  /** Each is refused with BAD_USER_INPUT before any upstream call; the pattern is what the message must say. */
  const refused = (): Array<[string, string, RegExp]> => {
    const cloudflareOrg = ofType('Organization', 'CLOUDFLARE')[0]!.externalId as string;
    const cloudflareGroup = ofType('UserGroup', 'CLOUDFLARE')[0]!.externalId as string;
    const gitbookOrg = ofType('Organization', 'GITBOOK')[0]!.externalId as string;
    const gitbookTeam = ofType('Team', 'GITBOOK')[0]!.externalId as string;
    return [
      ['not base64 of anything', 'zzz', /Malformed id/],
      ['no type', Buffer.from('["GITBOOK","x"]').toString('base64url'), /Malformed id/],
      // What the id holds is never repeated back (it came from a client): the message says what is wrong.
      ['an unknown type', id('Project', 'GITBOOK', 'x'), /unknown type; ids name one of Organization, Team, UserGroup, Member, Person$/],
      ['an unknown provider', id('Organization', 'SLACK', 'T123'), /unknown provider; providers are GOODACCESS/],
      ['too few segments', id('Member', 'GITBOOK', gitbookOrg), /expected 3 path segments/],
      ['an empty segment', id('Team', 'GITBOOK', gitbookOrg, ''), /empty/],
      ['a local part that is not JSON', encodeGlobalId('Team', 'GITBOOK/x/y'), /not an id this API issued/],
      ['a segment far too long', id('Organization', 'GITBOOK', 'x'.repeat(5000)), /Malformed id/],
      ['GitBook: a path in an id', id('Organization', 'GITBOOK', '../orgs'), /Invalid organizationId/],
      ['Cloudflare: not 32 hex characters', id('UserGroup', 'CLOUDFLARE', cloudflareOrg, 'ABC'), /Invalid user group id/],
      ['Cloudflare: a member id not 32 hex', id('Member', 'CLOUDFLARE', cloudflareOrg, cloudflareGroup, 'nope'), /Invalid member id/],
      ['Bird: a team id that is not a UUID', id('Team', 'BIRD', gateway.sandbox.birdOrganizationId, 'team-1'), /Invalid groupId/],
      ['Checkmarx: a team id that is not a number', id('Team', 'CHECKMARX', 'cxserver', 'abc'), /Invalid groupId/],
      ['Checkmarx: a user id that is not a number', id('Member', 'CHECKMARX', 'cxserver', '', '-1'), /Invalid memberId/],
      ['GoodAccess: a group id that is not a UUID', id('UserGroup', 'GOODACCESS', 'tenant', 'Engineering'), /Invalid group id/],
      ['GoodAccess: a member id that is not a UUID', id('Member', 'GOODACCESS', 'tenant', '', '42'), /Invalid member id/],
      ['GitBook: a user id with a slash', id('Member', 'GITBOOK', gitbookOrg, gitbookTeam, 'a/b'), /Invalid/],
      ['a Team id for a provider of user groups', id('Team', 'CLOUDFLARE', cloudflareOrg, cloudflareGroup), /Team id cannot name a Cloudflare group/],
      ['a UserGroup id for a provider of teams', id('UserGroup', 'GITBOOK', gitbookOrg, gitbookTeam), /UserGroup id cannot name a GitBook group/],
    ];
  };

  it('node(id:) refuses each with BAD_USER_INPUT, saying what is wrong, for no upstream call', async () => {
    for (const [why, bad, message] of refused()) {
      gateway.clearLogs();
      const answer = await gateway.query<{ node: unknown }>('query ($id: ID!) { node(id: $id) { id } }', { id: bad });
      expect(answer.data?.node, why).toBeNull();
      expect(answer.errors, why).toHaveLength(1);
      expect(answer.errors![0]!.extensions?.code, why).toBe('BAD_USER_INPUT');
      expect(answer.errors![0]!.message, why).toMatch(message);
      expect(gateway.calls(), why).toEqual([]);
    }
  });

  it('an id of the wrong scalar type is refused the same way', async () => {
    gateway.clearLogs();
    const answer = await gateway.query<{ node: unknown }>('query ($id: ID!) { node(id: $id) { id } }', { id: 42 });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await gateway.query('{ node(id: true) { id } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(gateway.calls()).toEqual([]);
  });

  it('in nodes(ids:), every bad id fails only its own entry, for no upstream call of its own', async () => {
    const good = [
      ofType('Organization', 'GITBOOK')[0]!,
      ofType('Team', 'BIRD')[0]!,
      ofType('Member', 'CHECKMARX')[0]!,
      ofType('UserGroup', 'CLOUDFLARE')[0]!,
      ofType('Member', 'GOODACCESS')[0]!,
    ];
    // Every refused id, those that do not even decode ("zzz", an unknown type) included, and one another Relay
    // server issued (standard base64 with padding, around a bare database id).
    const bad: Array<[string, string, RegExp]> = [...refused(), ["another API's id", Buffer.from('Organization:1').toString('base64'), /Malformed id/]];
    const whyBad = new Map(bad.map(([why, badId, message]) => [badId, { why, message }]));
    // A good id before every fifth bad one and the last at the end, so each index shows an entry kept its place.
    const ids = [...bad.flatMap(([, badId], i) => (i % 5 === 0 && i / 5 < good.length - 1 ? [good[i / 5]!.id, badId] : [badId])), good.at(-1)!.id];
    const badIndexes = ids.flatMap((id, i) => (whyBad.has(id) ? [i] : []));
    expect(badIndexes).toHaveLength(bad.length);
    const query = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }';

    gateway.clearLogs();
    const alone = await gateway.query<{ nodes: Array<{ id: string } | null> }>(query, { ids: good.map((g) => g.id) });
    expect(dataOf(alone).nodes).toEqual(good.map((g) => ({ id: g.id })));
    const validCalls = byRoute(gateway.calls());
    expect(Object.keys(validCalls).length).toBeGreaterThan(0);

    gateway.clearLogs();
    const answer = await gateway.query<{ nodes: Array<{ id: string } | null> }>(query, { ids });
    expect(answer.data!.nodes).toEqual(ids.map((id) => (whyBad.has(id) ? null : { id })));
    // Errors come in the order entries settle, not the order asked.
    const errors = [...answer.errors!].sort((a, b) => (a.path![1] as number) - (b.path![1] as number));
    expect(errors.map((e) => [e.path, e.extensions?.code])).toEqual(badIndexes.map((i) => [['nodes', i], 'BAD_USER_INPUT']));
    for (const error of errors) {
      const { why, message } = whyBad.get(ids[error.path![1] as number]!)!;
      expect(error.message, why).toMatch(message);
    }
    // The good ids cost what they cost alone: the bad ones added no call, and split no batch.
    expect(byRoute(gateway.calls())).toEqual(validCalls);
  });

  it(`nodes(ids:) takes at most ${MAX_NODE_IDS} ids; more are refused whole, for no upstream call`, async () => {
    const query = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    gateway.clearLogs();
    const most = await gateway.query<{ nodes: Array<{ id: string } | null> }>(query, { ids: Array.from({ length: MAX_NODE_IDS }, () => listed[0]!.id) });
    expect(dataOf(most).nodes).toHaveLength(MAX_NODE_IDS);

    gateway.clearLogs();
    const over = await gateway.query<{ nodes: unknown }>(query, { ids: Array.from({ length: MAX_NODE_IDS + 1 }, () => listed[0]!.id) });
    expect(over.data).toBeNull();
    expect(over.errors).toHaveLength(1);
    expect(over.errors![0]).toMatchObject({ path: ['nodes'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(over.errors![0]!.message).toMatch(new RegExp(`at most ${MAX_NODE_IDS} ids, got ${MAX_NODE_IDS + 1}`));
    expect(gateway.calls()).toEqual([]);
  });
});
