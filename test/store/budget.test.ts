// The shared rate budget on a real redis-server: two instances spend one budget, wait when it fits, refuse unsent when not; a 429 seen by one blocks both; a write plan reserves its calls first.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, type GraphQLAnswer } from '../support/gateway.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startCluster, traceOf, type Cluster, type Instance } from './cluster.js';

const ORGANIZATIONS = '{ organizations(provider: GITBOOK, first: 5) { edges { node { id } } } }';
const FRESH = { 'cache-control': 'no-cache' };

function rateLimited(answer: GraphQLAnswer<unknown>): { retryAfter?: number } | undefined {
  return answer.errors?.find((error) => error.extensions?.code === 'RATE_LIMITED')?.extensions as { retryAfter?: number } | undefined;
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

async function twoInstances(budgets: string, keyspace: string, deadlineMs = 1_000): Promise<[Instance, Instance]> {
  // Each test its own Redis database number keeps budgets apart without flushing.
  cluster = await startCluster({ instances: 2, env: { TEAMGRAPH_REDIS_URL: `${redis.url}/${keyspace}`, TEAMGRAPH_RATE_BUDGETS: budgets }, deadlineMs });
  return cluster.instances as [Instance, Instance];
}

describe('the shared rate budget', () => {
  it('is one budget for every instance: the call past it is refused RATE_LIMITED with retryAfter, and never sent', async () => {
    const [a, b] = await twoInstances('GITBOOK=3/1m', '1');
    for (const instance of [a, b, a]) dataOf(await instance.query(ORGANIZATIONS, {}, FRESH));
    expect(cluster?.calls('GITBOOK')).toHaveLength(3);

    const refused = await b.query(ORGANIZATIONS, {}, FRESH);
    expect(rateLimited(refused)?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(rateLimited(refused)?.retryAfter).toBeLessThanOrEqual(60);
    expect(cluster?.calls('GITBOOK')).toHaveLength(3);
    expect(traceOf(refused).calls).toBe(0);
    expect(traceOf(refused).log.map((entry) => entry.outcome)).toEqual(['rate-limited']);
    // A cached read needs no budget.
    expect(dataOf(await a.query(ORGANIZATIONS))).toBeTruthy();
  });

  it('makes a call wait for room when the wait fits its deadline, instead of refusing it', async () => {
    const [a, b] = await twoInstances('GITBOOK=2/300ms', '2', 5_000);
    const answers = await Promise.all([a, b, a, b].map((instance) => instance.query(ORGANIZATIONS, {}, FRESH)));
    for (const answer of answers) dataOf(answer);
    expect(cluster?.calls('GITBOOK')).toHaveLength(4);
  });

  it('holds every instance back after a 429 one of them saw, until the wait the provider named is over', async () => {
    const [a, b] = await twoInstances('GITBOOK=off', '3');
    cluster?.sandbox.servers.gitbook.faults.add({ kind: 'rateLimit', retryAfter: 30, times: 1 });
    const first = await a.query(ORGANIZATIONS, {}, FRESH);
    expect(rateLimited(first)?.retryAfter).toBe(30);
    expect(cluster?.calls('GITBOOK')).toHaveLength(1);

    const second = await b.query(ORGANIZATIONS, {}, FRESH);
    expect(rateLimited(second)?.retryAfter).toBeGreaterThanOrEqual(29);
    expect(cluster?.calls('GITBOOK')).toHaveLength(1);
  });

  it('fails only the fields a spent budget refuses, whatever reads were started early, and keeps answering', async () => {
    const [a] = await twoInstances('GITBOOK=2/1m;CLOUDFLARE=3/1m', '5');
    const teams =
      '{ organizations(provider: GITBOOK, first: 5) { edges { node { teams(first: 5) { edges { node { members(first: 5) { edges { node { displayName } } } } } } } } } }';
    const answer = await a.query(teams, {}, FRESH);
    expect(rateLimited(answer)).toBeDefined();
    expect(cluster?.calls('GITBOOK')).toHaveLength(2);
    // Cloudflare's names come from the account's member pages, read beside the groups': refused there too.
    const groups =
      '{ organizations(provider: CLOUDFLARE, first: 5) { edges { node { userGroups(first: 5) { edges { node { members(first: 5) { edges { node { displayName } } } } } } } } } }';
    expect(rateLimited(await a.query(groups, {}, FRESH))).toBeDefined();
    expect(cluster?.calls('CLOUDFLARE')).toHaveLength(3);
    // Still serving: another provider, and the spent one refused again without a call.
    dataOf(await a.query('{ organizations(provider: GOODACCESS) { edges { node { id } } } }'));
    expect(rateLimited(await a.query(teams, {}, FRESH))).toBeDefined();
    expect(cluster?.calls('GITBOOK')).toHaveLength(2);
  });

  it('reserves a write plan’s calls before the first is sent: a change the budget cannot hold is refused whole, nothing sent', async () => {
    const [a] = await twoInstances('GOODACCESS=6/1m', '4');
    const groups = dataOf(
      await a.query<{
        organizations: {
          edges: Array<{ node: { userGroups: { edges: Array<{ node: { id: string } }> }; members: { edges: Array<{ node: { memberId: string } }> } } }>;
        };
      }>(
        '{ organizations(provider: GOODACCESS) { edges { node { userGroups(first: 1) { edges { node { id } } } members(first: 60) { edges { node { memberId } } } } } } }',
      ),
    );
    const org = groups.organizations.edges[0]?.node;
    const group = org?.userGroups.edges[0]?.node.id;
    const members = org?.members.edges.map((edge) => edge.node.memberId).slice(-5) ?? [];
    expect(members).toHaveLength(5);
    cluster?.clearLogs();

    const answer = await a.query<{ addMembers: { __typename: string; retryAfter?: number } }>(
      'mutation($input: AddMembersInput!) { addMembers(input: $input) { __typename ... on RateLimitedError { retryAfter } } }',
      { input: { groupId: group, members: members.map((memberId) => ({ memberId })) } },
    );
    expect(dataOf(answer).addMembers.__typename).toBe('RateLimitedError');
    expect(dataOf(answer).addMembers.retryAfter).toBeGreaterThanOrEqual(1);
    expect(cluster?.calls('GOODACCESS').filter((call) => call.method !== 'GET')).toEqual([]);
  });
});
