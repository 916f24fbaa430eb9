// A repeated query runs compiled (graphql-jit) from its second time: it must answer exactly as graphql-js did the first time.
import { describe, expect, it } from 'vitest';
import { gatewayForFile } from '../support/gateway.js';

const gateway = gatewayForFile({}, { resetEach: true });

/** Nested connections, an interface and a union member (__typename), enums, custom scalars, aliases, a fragment, @include. */
const OVERVIEW = `query Overview($first: Int!, $withMembers: Boolean!) {
  providers { id name mode healthy }
  organizations(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        __typename id provider name
        teams(first: 3) { totalCount edges { node { ...Group } } }
        groups: userGroups(first: 3) { edges { node { ...Group } } }
      }
    }
  }
}
fragment Group on MemberGroup {
  __typename id name memberCount
  members(first: 4) @include(if: $withMembers) { edges { node { id memberId displayName email role status } } }
}`;

describe('a query sent again (compiled from its second run)', () => {
  it('answers the same data, the same pageInfo and cursors, and the same upstream calls in its trace', async () => {
    const variables = { first: 20, withMembers: true };
    const trace = { 'x-teamgraph-trace': '1' };
    // Once as another document (its own text) first: Checkmarx's token is fetched then, not in the runs compared.
    await gateway.query(`${OVERVIEW}\n# warm-up`, variables);
    const answers = [];
    for (let run = 0; run < 3; run += 1) answers.push(await gateway.query(OVERVIEW, variables, trace));
    expect(answers[0]?.errors).toBeUndefined();
    expect(JSON.stringify(answers[0]?.data)).toContain('"members"');
    for (const answer of answers.slice(1)) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(answers[0]?.data);
      const calls = (answer.extensions?.upstream as { byProvider: Record<string, number> } | undefined)?.byProvider;
      expect(calls).toEqual((answers[0]?.extensions?.upstream as { byProvider: Record<string, number> }).byProvider);
    }
    // The same document with other variables is the same compiled code: @include and page sizes still follow them.
    const without = await gateway.query<{ organizations: { edges: Array<{ node: { teams: { edges: Array<{ node: object }> } } }> } }>(OVERVIEW, {
      first: 1,
      withMembers: false,
    });
    expect(without.errors).toBeUndefined();
    expect(without.data?.organizations.edges).toHaveLength(1);
    expect(JSON.stringify(without.data)).not.toContain('"members"');
  });

  it('refuses a bad variable the same way each time: BAD_USER_INPUT naming it, without its value, no upstream call', async () => {
    const query = 'query ($first: Int) { organizations(first: $first) { totalCount } }';
    gateway.clearLogs();
    const answers = [await gateway.query(query, { first: 'ten' }), await gateway.query(query, { first: 'ten' }), await gateway.query(query, { first: 'ten' })];
    for (const answer of answers) {
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]?.extensions?.code).toBe(answers[0]?.errors?.[0]?.extensions?.code);
      expect(answer.errors?.[0]?.message).toMatch(/\$first/);
      expect(answer.errors?.[0]?.message).not.toContain('ten');
    }
    expect(answers[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.calls()).toEqual([]);
  });

  it('gives a refused id the same error, code and path each time, the rest of the answer intact', async () => {
    const query = 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } providers { id } }';
    const answers = [];
    for (let run = 0; run < 3; run += 1) answers.push(await gateway.query(query, { ids: ['not-an-id'] }));
    expect(answers[0]?.errors?.length).toBeGreaterThan(0);
    for (const answer of answers.slice(1)) {
      expect(answer.data).toEqual(answers[0]?.data);
      expect(answer.errors).toEqual(answers[0]?.errors);
    }
  });
});
