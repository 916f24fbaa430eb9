// Query limits (depth, aliases, directives, tokens, cost): refused with a message naming the limit, before any upstream call.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../src/server/limits.js';
import { DEFAULT_QUERY } from '../src/server/graphiql.js';
import { startGateway, type GatewayHarness } from './support/gateway.js';

let gateway: GatewayHarness;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.stop();
});
beforeEach(() => gateway.clearLogs());

/** Sends a query that must be refused: no data, one error naming the limit, no provider called. */
async function expectRefused(query: string, message: RegExp, variables: Record<string, unknown> = {}, code = 'BAD_USER_INPUT'): Promise<void> {
  const answer = await gateway.query(query, variables);
  expect(answer.data ?? null).toBeNull();
  expect(answer.errors?.map((e) => e.message).join(' | ')).toMatch(message);
  expect(answer.errors?.[0]?.extensions?.code).toBe(code);
  expect(gateway.calls()).toHaveLength(0);
}

const DASHBOARD = `query Dashboard($orgs: Int = 100) {
  organizations(first: $orgs) { edges { node { id name
    teams(first: 10) { edges { node { id name members(first: 20) { edges { node { id displayName email role status } } } } } }
    userGroups(first: 10) { edges { node { id name members(first: 20) { edges { node { id displayName email status } } } } } }
  } } }
}`;

describe('query limits', () => {
  it('serve GraphiQL`s default query and the dashboard whole', async () => {
    expect((await gateway.query(DEFAULT_QUERY)).errors).toBeUndefined();
    expect((await gateway.query(DASHBOARD)).errors).toBeUndefined();
  });

  it('refuse a query deeper than the limit', async () => {
    // member → groups → members → … : each hop is three levels deep.
    let selection = 'id';
    for (let i = 0; i < 6; i += 1) selection = `groups { id members(first: 1) { edges { node { ${selection} } } } }`;
    await expectRefused(`{ nodes(ids: ["x"]) { ... on Member { ${selection} } } }`, new RegExp(`depth.*${QUERY_LIMITS.maxDepth}`, 'i'));
  });

  it('refuse alias batching', async () => {
    const aliases = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: providers { id }`).join(' ');
    await expectRefused(`{ ${aliases} }`, new RegExp(`aliases.*${QUERY_LIMITS.maxAliases}`, 'i'));
  });

  it('refuse directive overloading', async () => {
    const directives = Array.from({ length: QUERY_LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ');
    await expectRefused(`{ providers ${directives} { id } }`, new RegExp(`directives.*${QUERY_LIMITS.maxDirectives}`, 'i'));
  });

  it('refuse a query of more tokens than the limit before parsing it whole', async () => {
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens }, () => 'id').join(' ');
    // Refused by the parser itself, so it is a parse failure, as graphql-over-HTTP names it.
    await expectRefused(`{ providers { ${fields} } }`, new RegExp(`token limit of ${QUERY_LIMITS.maxTokens}`, 'i'), {}, 'GRAPHQL_PARSE_FAILED');
  });

  it('refuse a costly query, counting page sizes given through variables and defaults', async () => {
    const costly = `query ($n: Int!) { organizations(first: $n) { edges { node {
      teams(first: $n) { edges { node { members(first: $n) { edges { node { id displayName email } } } } } } } } } }`;
    await expectRefused(costly, /cost/i, { n: 100 });
    // The same text with small pages is served: the variables decide.
    const small = await gateway.query(costly, { n: 2 });
    expect(small.errors).toBeUndefined();
  });

  it('measure the cost again when the same text comes with other page sizes, however often it was served before', async () => {
    const costly = `query ($n: Int!, $m: Int = 2) { organizations(first: $n) { edges { node {
      teams(first: $m) { edges { node { members(first: $n) { edges { node { id displayName email } } } } } } } } } }`;
    for (let run = 0; run < 3; run += 1) expect((await gateway.query(costly, { n: 2 })).errors).toBeUndefined();
    gateway.clearLogs();
    await expectRefused(costly, /cost/i, { n: 100, m: 100 });
    expect((await gateway.query(costly, { n: 2, m: 3 })).errors).toBeUndefined();
    gateway.clearLogs();
    await expectRefused(costly, /cost/i, { n: 100, m: 100 });
  });
});
