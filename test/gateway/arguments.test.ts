// Paging arguments a connection refuses: `first` over the cap, malformed or foreign cursors — clear errors, no calls; `last`/`before`, which no connection takes, fail validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { dataOf, startGateway, type GatewayHarness, type GraphQLAnswer } from '../support/gateway.js';

let gateway: GatewayHarness;
/** Organization ids by provider (the first of each). */
let orgs: Record<ProviderId, string>;
let checkmarxTeam: string;
let cloudflareGroup: string;

beforeAll(async () => {
  gateway = await startGateway();
  const answer = await gateway.query<{
    organizations: {
      edges: Array<{
        node: { id: string; provider: ProviderId; teams: { edges: Array<{ node: { id: string } }> }; userGroups: { edges: Array<{ node: { id: string } }> } };
      }>;
    };
  }>(
    '{ organizations(first: 100) { edges { node { id provider teams(first: 1) { edges { node { id } } } userGroups(first: 1) { edges { node { id } } } } } } }',
  );
  const edges = dataOf(answer).organizations.edges.map((e) => e.node);
  orgs = Object.fromEntries([...edges].reverse().map((o) => [o.provider, o.id])) as Record<ProviderId, string>;
  checkmarxTeam = edges.find((o) => o.provider === 'CHECKMARX')!.teams.edges[0]!.node.id;
  cloudflareGroup = edges.find((o) => o.provider === 'CLOUDFLARE')!.userGroups.edges[0]!.node.id;
});

afterAll(async () => {
  await gateway?.stop();
});

/** Runs a query that must be refused: one BAD_USER_INPUT error at `path`, naming `argument`. */
async function expectRefused(
  query: string,
  variables: Record<string, unknown>,
  path: Array<string | number>,
  argument: string,
): Promise<GraphQLAnswer<unknown>> {
  const answer = await gateway.query(query, variables);
  expect(answer.errors, JSON.stringify(variables)).toHaveLength(1);
  expect(answer.errors![0]).toMatchObject({ path, extensions: { code: 'BAD_USER_INPUT', argument } });
  return answer;
}

/** The paging arguments every connection refuses, and what the error must say. */
const REFUSED: Array<[string, Record<string, unknown>, string, RegExp]> = [
  ['first above the cap', { first: 101 }, 'first', /between 0 and 100; got 101/],
  ['a negative first', { first: -1 }, 'first', /between 0 and 100/],
];
const ARGS = '$first: Int, $after: String';
const PASS = 'first: $first, after: $after';

/**
 * Backward paging the schema does not offer: connections take only `first` and `after`, so `last` and `before`
 * fail validation (an unknown argument) before anything runs, as literals and as variables alike.
 */
const NOT_ACCEPTED: Array<[string, string, string]> = [
  ['last', 'last: 5', ''],
  ['before', 'before: $before', '$before: String'],
  ['last with first', 'first: 5, last: $last', '$last: Int'],
];

/** Runs a query that must fail validation: GRAPHQL_VALIDATION_FAILED naming the unknown argument, no data, no upstream call. */
async function expectNotAccepted(query: string, variables: Record<string, unknown>, argument: string, why: string): Promise<void> {
  gateway.clearLogs();
  const answer = await gateway.query(query, variables);
  expect(answer.errors, why).toHaveLength(1);
  expect(answer.errors![0]!.extensions?.code, why).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(answer.errors![0]!.message, why).toMatch(new RegExp(`Unknown argument "${argument}"`));
  expect(answer.data, why).toBeUndefined();
  expect(gateway.calls(), why).toEqual([]);
}

describe('first over the cap', () => {
  it('on organizations: BAD_USER_INPUT naming the argument, no data, no upstream call', async () => {
    for (const [why, variables, argument, message] of REFUSED) {
      gateway.clearLogs();
      const answer = await expectRefused(`query (${ARGS}) { organizations(${PASS}) { totalCount } }`, variables, ['organizations'], argument);
      expect(answer.errors![0]!.message, why).toMatch(message);
      expect(answer.data, why).toBeNull();
      expect(gateway.calls(), why).toEqual([]);
    }
  });

  it('on every connection of an organization, refused before its list is read', async () => {
    // Organizations that cost no call to look up (one tenant, one server, one configured organization), so any call would be the list's.
    const cases: Array<[ProviderId, string]> = [
      ['GOODACCESS', 'userGroups'],
      ['GOODACCESS', 'members'],
      ['BIRD', 'teams'],
      ['CHECKMARX', 'teams'],
      ['CHECKMARX', 'members'],
    ];
    for (const [provider, field] of cases) {
      for (const [why, variables, argument] of REFUSED) {
        gateway.clearLogs();
        await expectRefused(
          `query ($id: ID!, ${ARGS}) { node(id: $id) { ... on Organization { ${field}(${PASS}) { totalCount } } } }`,
          { id: orgs[provider], ...variables },
          ['node', field],
          argument,
        );
        expect(gateway.calls(), `${provider} ${field}: ${why}`).toEqual([]);
      }
    }
  });

  it("on a group's members and a team's children, refused before the list is read", async () => {
    // The group itself is looked up first (that call is the parent's); `first` is checked when its field runs.
    // A team's children come from the team list its lookup reads anyway: no list route of their own.
    const cases: Array<[string, string, string, RegExp | null]> = [
      [cloudflareGroup, 'UserGroup', 'members', /user_groups\/\{user_group_id\}\/members$/],
      [checkmarxTeam, 'Team', 'members', /Teams\/\{teamId\}\/Users$/],
      [checkmarxTeam, 'Team', 'children', null],
    ];
    for (const [id, type, field, listRoute] of cases) {
      for (const [why, variables, argument] of REFUSED) {
        gateway.clearLogs();
        await expectRefused(
          `query ($id: ID!, ${ARGS}) { node(id: $id) { ... on ${type} { ${field}(${PASS}) { totalCount } } } }`,
          { id, ...variables },
          ['node', field],
          argument,
        );
        const calls = gateway.calls();
        if (listRoute)
          expect(
            calls.filter((c) => listRoute.test(c.route)),
            `${type}.${field}: ${why}`,
          ).toEqual([]);
        // Only the group's own lookup: one call (Checkmarx's team list, which its children would have come from, too).
        expect(calls.length, `${type}.${field}: ${why}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('first: 100 exactly is served', async () => {
    const answer = await gateway.query<{ node: { members: { edges: unknown[] } } }>(
      'query ($id: ID!) { node(id: $id) { ... on UserGroup { members(first: 100) { edges { cursor } } } } }',
      { id: cloudflareGroup },
    );
    expect(answer.errors).toBeUndefined();
  });

  it('arguments of the wrong type are refused by validation, before any call', async () => {
    gateway.clearLogs();
    for (const query of [
      '{ organizations(first: "10") { totalCount } }',
      '{ organizations(after: 5) { totalCount } }',
      '{ organizations(provider: SLACK) { totalCount } }',
    ]) {
      const answer = await gateway.query(query);
      expect(answer.errors?.[0]?.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const variable = await gateway.query('query ($first: Int) { organizations(first: $first) { totalCount } }', { first: 'ten' });
    expect(variable.errors?.[0]?.message).toMatch(/\$first/);
    expect(gateway.calls()).toEqual([]);
  });
});

describe('last and before are not arguments', () => {
  it('on organizations: a validation error naming the argument, no data, no upstream call', async () => {
    for (const [why, args, variables] of NOT_ACCEPTED) {
      const query = `query ${variables ? `(${variables}) ` : ''}{ organizations(${args}) { totalCount } }`;
      await expectNotAccepted(query, { before: 'abc', last: 5 }, why.split(' ')[0]!, why);
    }
  });

  it("on every connection of an organization, a group's members and a team's children: refused before anything is read", async () => {
    // Validation runs before execution, so even the parent object's lookup is never made.
    const cases: Array<[string, string, string]> = [
      [orgs.GOODACCESS, 'Organization', 'userGroups'],
      [orgs.GOODACCESS, 'Organization', 'members'],
      [orgs.BIRD, 'Organization', 'teams'],
      [orgs.CHECKMARX, 'Organization', 'members'],
      [cloudflareGroup, 'UserGroup', 'members'],
      [checkmarxTeam, 'Team', 'members'],
      [checkmarxTeam, 'Team', 'children'],
    ];
    for (const [id, type, field] of cases) {
      for (const [why, args, variables] of NOT_ACCEPTED) {
        const query = `query ($id: ID!${variables ? `, ${variables}` : ''}) { node(id: $id) { ... on ${type} { ${field}(${args}) { totalCount } } } }`;
        await expectNotAccepted(query, { id, before: 'abc', last: 5 }, why.split(' ')[0]!, `${type}.${field}: ${why}`);
      }
    }
  });

  it('the schema offers first and after only, on every connection field', async () => {
    const answer = await gateway.query<{
      __schema: { types: Array<{ name: string; fields: Array<{ name: string; args: Array<{ name: string }>; type: unknown }> | null }> };
    }>('{ __schema { types { name fields { name args { name } type { name kind ofType { name kind } } } } } }');
    const connectionFields = dataOf(answer)
      .__schema.types.flatMap((type) => (type.fields ?? []).map((field) => ({ ...field, parent: type.name })))
      .filter((field) => JSON.stringify(field.type).includes('Connection"'));
    expect(connectionFields.length).toBeGreaterThanOrEqual(8);
    for (const field of connectionFields) {
      const names = field.args.map((arg) => arg.name);
      expect(names, `${field.parent}.${field.name}`).toEqual(expect.arrayContaining(['first', 'after']));
      expect(names, `${field.parent}.${field.name}`).not.toContain('last');
      expect(names, `${field.parent}.${field.name}`).not.toContain('before');
    }
  });
});

describe('cursors', () => {
  /** Cursors that are not ones this API issued for that list. */
  async function foreignCursors(): Promise<Array<[string, string]>> {
    const teams = await gateway.query<{ node: { teams: { pageInfo: { endCursor: string } } } }>(
      'query ($id: ID!) { node(id: $id) { ... on Organization { teams(first: 1) { pageInfo { endCursor } } } } }',
      { id: orgs.BIRD },
    );
    const members = await gateway.query<{ node: { members: { pageInfo: { endCursor: string } } } }>(
      'query ($id: ID!) { node(id: $id) { ... on Organization { members(first: 1) { pageInfo { endCursor } } } } }',
      { id: orgs.GOODACCESS },
    );
    const all = await gateway.query<{ organizations: { pageInfo: { endCursor: string } } }>('{ organizations(first: 1) { pageInfo { endCursor } } }');
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const real = JSON.parse(Buffer.from(dataOf(members).node.members.pageInfo.endCursor, 'base64url').toString()) as Record<string, unknown>;
    return [
      ['garbage', 'not a cursor!'],
      ['base64 of something else', Buffer.from('hello').toString('base64url')],
      ['JSON without the fields of a cursor', json({ page: 2 })],
      ['a negative offset', json({ ...real, o: -1 })],
      ['a page size that is not a number', json({ ...real, s: 'all' })],
      ["another organization's member list", dataOf(members).node.members.pageInfo.endCursor],
      ["a team list's cursor", dataOf(teams).node.teams.pageInfo.endCursor],
      ["the organization list's cursor", dataOf(all).organizations.pageInfo.endCursor],
      ['an enormous one', 'A'.repeat(10_000)],
    ];
  }

  it('a cursor this list did not issue is BAD_USER_INPUT naming `after`, for no upstream call', async () => {
    for (const [why, cursor] of await foreignCursors()) {
      gateway.clearLogs();
      // Checkmarx's own members: every cursor above comes from elsewhere or is no cursor at all.
      const answer = await expectRefused(
        'query ($id: ID!, $after: String) { node(id: $id) { ... on Organization { members(first: 5, after: $after) { totalCount } } } }',
        { id: orgs.CHECKMARX, after: cursor },
        ['node', 'members'],
        'after',
      );
      expect(answer.errors![0]!.message, why).toMatch(/Invalid cursor in `after`/);
      expect(gateway.calls(), why).toEqual([]);
    }
  });

  it('organizations refuses a cursor of organizations filtered by provider (another list), for no call', async () => {
    const gitbook = await gateway.query<{ organizations: { pageInfo: { endCursor: string } } }>(
      '{ organizations(provider: GITBOOK, first: 1) { pageInfo { endCursor } } }',
    );
    gateway.clearLogs();
    await expectRefused(
      'query ($after: String) { organizations(after: $after) { totalCount } }',
      { after: dataOf(gitbook).organizations.pageInfo.endCursor },
      ['organizations'],
      'after',
    );
    expect(gateway.calls()).toEqual([]);
  });
});
