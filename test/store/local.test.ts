// Without TEAMGRAPH_REDIS_URL each instance keeps its own cache and budget in memory: what the shared store adds, by contrast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf } from '../support/gateway.js';
import { startCluster, traceOf, type Cluster, type Instance } from './cluster.js';

const ORGANIZATIONS = '{ organizations(provider: CLOUDFLARE, first: 5) { edges { node { id name } } } }';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ instances: 2, env: { TEAMGRAPH_RATE_BUDGETS: 'CLOUDFLARE=2/1m' }, deadlineMs: 500 });
});
afterAll(async () => {
  await cluster?.stop();
});

describe('the in-memory store', () => {
  it('caches per instance, budgets per instance, and says LOCAL', async () => {
    const [a, b] = cluster.instances as [Instance, Instance];
    const cold = await a.query(ORGANIZATIONS);
    dataOf(cold);
    const sent = cluster.calls('CLOUDFLARE').length;
    expect(sent).toBe(1);
    cluster.clearLogs();
    expect(traceOf(await a.query(ORGANIZATIONS)).calls).toBe(0);
    expect(cluster.calls('CLOUDFLARE')).toHaveLength(0);
    // The other instance has its own cache (a miss) and its own budget of 2.
    dataOf(await b.query(ORGANIZATIONS));
    dataOf(await b.query(ORGANIZATIONS, {}, { 'cache-control': 'no-cache' }));
    expect(cluster.calls('CLOUDFLARE')).toHaveLength(2);
    const states = dataOf(await b.query<{ providers: Array<{ sharedState: string }> }>('{ providers { sharedState } }'));
    expect(states.providers.map((p) => p.sharedState)).toEqual(Array(5).fill('LOCAL'));
  });
});
