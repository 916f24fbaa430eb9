// The shared read cache on a real redis-server: hits across instances, TTL expiry, the no-cache header, invalidation by our own writes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataOf } from '../support/gateway.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startCluster, traceOf, type Cluster } from './cluster.js';

const ORGANIZATIONS = '{ organizations(provider: GITBOOK, first: 5) { edges { node { id name } } } }';

interface GroupsAnswer {
  organizations: {
    edges: Array<{
      node: {
        id: string;
        externalId: string;
        name: string;
        userGroups: { edges: Array<{ node: { id: string; name: string; members: { edges: Array<{ node: { memberId: string } }> } } }> };
      };
    }>;
  };
}
const GROUPS = `{ organizations(provider: CLOUDFLARE, first: 5) { edges { node { id externalId name
  userGroups(first: 5) { edges { node { id name members(first: 50) { edges { node { memberId } } } } } } } } } }`;

let redis: RedisServer;
let cluster: Cluster;

beforeAll(async () => {
  redis = await startRedis();
  cluster = await startCluster({ instances: 2, env: { TEAMGRAPH_REDIS_URL: redis.url, TEAMGRAPH_CACHE_TTL: '1m;BIRD=300ms' } });
});
afterAll(async () => {
  await cluster?.stop();
  await redis?.stop();
});
beforeEach(() => {
  cluster.sandbox.reset();
});

describe('the shared read cache', () => {
  it('answers a repeated read from the cache, on the same instance and on another one, with no call sent', async () => {
    const [a, b] = cluster.instances as [Cluster['instances'][0], Cluster['instances'][0]];
    const cold = await a.query(`{ organizations(provider: GITBOOK, first: 4) { edges { node { id } } } }`);
    dataOf(cold);
    const sent = cluster.calls('GITBOOK').length;
    expect(sent).toBeGreaterThan(0);
    expect(traceOf(cold).calls).toBe(sent);

    cluster.clearLogs();
    const again = await a.query(`{ organizations(provider: GITBOOK, first: 4) { edges { node { id } } } }`);
    const elsewhere = await b.query(`{ organizations(provider: GITBOOK, first: 4) { edges { node { id } } } }`);
    expect(dataOf(again)).toEqual(dataOf(cold));
    expect(dataOf(elsewhere)).toEqual(dataOf(cold));
    expect(cluster.calls()).toHaveLength(0);
    for (const answer of [again, elsewhere]) {
      expect(traceOf(answer).calls).toBe(0);
      expect(traceOf(answer).log).toHaveLength(sent);
      expect(traceOf(answer).log.every((entry) => entry.cached)).toBe(true);
    }
    expect(traceOf(cold).log.every((entry) => !entry.cached)).toBe(true);
  });

  it('reads afresh for a request with cache-control: no-cache, and that read refreshes the cache', async () => {
    const [a, b] = cluster.instances as [Cluster['instances'][0], Cluster['instances'][0]];
    dataOf(await a.query(ORGANIZATIONS));
    cluster.clearLogs();
    const fresh = await b.query(ORGANIZATIONS, {}, { 'cache-control': 'no-cache' });
    dataOf(fresh);
    const sent = cluster.calls('GITBOOK').length;
    expect(sent).toBeGreaterThan(0);
    expect(traceOf(fresh).calls).toBe(sent);
    cluster.clearLogs();
    dataOf(await a.query(ORGANIZATIONS));
    expect(cluster.calls()).toHaveLength(0);
  });

  it('reads again once an entry has outlived its provider TTL', async () => {
    const [a] = cluster.instances as [Cluster['instances'][0]];
    const birdTeams = '{ organizations(provider: BIRD) { edges { node { teams(first: 3) { edges { node { id } } } } } } }';
    dataOf(await a.query(birdTeams));
    const cold = cluster.calls('BIRD').length;
    expect(cold).toBeGreaterThan(0);
    cluster.clearLogs();
    dataOf(await a.query(birdTeams));
    // Within the TTL (300 ms) the repeat is served whole from the cache (only a slow machine would read again).
    const within = cluster.calls('BIRD').length;
    expect(within === 0 || within === cold).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    cluster.clearLogs();
    dataOf(await a.query(birdTeams));
    expect(cluster.calls('BIRD')).toHaveLength(cold);
  });

  it('invalidates what a write touched on every instance: another instance reads the group afresh and sees the change', async () => {
    const [a, b] = cluster.instances as [Cluster['instances'][0], Cluster['instances'][0]];
    const before = dataOf(await b.query<GroupsAnswer>(GROUPS));
    const account = before.organizations.edges.find((edge) => edge.node.name === 'Side Project')?.node;
    expect(account).toBeDefined();
    const groups = account?.userGroups.edges.map((edge) => edge.node) ?? [];
    const members =
      (
        await a.query<{ node: { members: { edges: Array<{ node: { memberId: string } }> } } }>(
          'query($id: ID!) { node(id: $id) { ... on Organization { members(first: 50) { edges { node { memberId } } } } } }',
          { id: account?.id },
        )
      ).data?.node.members.edges.map((edge) => edge.node.memberId) ?? [];
    const group = groups.find((g) => members.some((m) => !g.members.edges.some((edge) => edge.node.memberId === m)));
    expect(group).toBeDefined();
    const newcomer = members.find((m) => !group?.members.edges.some((edge) => edge.node.memberId === m)) as string;

    // Cached on b now: a repeat costs nothing.
    cluster.clearLogs();
    dataOf(await b.query<GroupsAnswer>(GROUPS));
    expect(cluster.calls()).toHaveLength(0);

    const added = await a.query<{ addMembers: { __typename: string } }>('mutation($input: AddMembersInput!) { addMembers(input: $input) { __typename } }', {
      input: { groupId: group?.id, members: [{ memberId: newcomer }] },
    });
    expect(dataOf(added).addMembers.__typename).toBe('AddMembersSuccess');

    cluster.clearLogs();
    const after = dataOf(await b.query<GroupsAnswer>(GROUPS));
    const changed = after.organizations.edges.flatMap((edge) => edge.node.userGroups.edges).find((edge) => edge.node.id === group?.id);
    expect(changed?.node.members.edges.map((edge) => edge.node.memberId)).toContain(newcomer);
    // The account written to is read again; the other account's entries are still good.
    const other = before.organizations.edges.find((edge) => edge.node.name !== 'Side Project')?.node.externalId;
    expect(other).toBeDefined();
    expect(cluster.calls('CLOUDFLARE').some((call) => call.path.includes(account?.externalId ?? '#'))).toBe(true);
    expect(cluster.calls('CLOUDFLARE').filter((call) => call.path.includes(other ?? '#'))).toEqual([]);
  });

  it('reports the shared store in providers { sharedState }', async () => {
    const answer = await cluster.instances[0]?.query<{ providers: Array<{ sharedState: string }> }>('{ providers { sharedState } }');
    expect(dataOf(answer!).providers.map((p) => p.sharedState)).toEqual(['SHARED', 'SHARED', 'SHARED', 'SHARED', 'SHARED']);
  });
});
