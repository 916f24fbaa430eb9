// Redis going away mid-run: every instance keeps answering on its own store, says so once in its log and in providers { sharedState }, and shares again once Redis is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf } from '../support/gateway.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startCluster, type Cluster, type Instance } from './cluster.js';

const ORGANIZATIONS = '{ organizations(provider: GITBOOK, first: 5) { edges { node { id name } } } }';
const STATES = '{ providers { sharedState } }';

let redis: RedisServer;
let cluster: Cluster;

beforeAll(async () => {
  redis = await startRedis();
  cluster = await startCluster({ instances: 2, env: { TEAMGRAPH_REDIS_URL: redis.url } });
});
afterAll(async () => {
  await cluster?.stop();
  await redis?.stop();
});

async function states(instance: Instance): Promise<string[]> {
  return dataOf(await instance.query<{ providers: Array<{ sharedState: string }> }>(STATES)).providers.map((p) => p.sharedState);
}

const messages = (instance: Instance) => instance.logs().map((line) => String(line.msg ?? ''));

/** Polls until `check` holds (reconnects are ioredis' own schedule); the bound only stops a wait that never ends. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Redis going away', () => {
  it('keeps every instance answering on its local store, logged once, reported, and shares again when Redis is back', async () => {
    const [a, b] = cluster.instances as [Instance, Instance];
    expect(await states(a)).toEqual(Array(5).fill('SHARED'));
    const before = dataOf(await a.query(ORGANIZATIONS));

    await redis.stop();
    for (let i = 0; i < 3; i++) {
      expect(dataOf(await a.query(ORGANIZATIONS))).toEqual(before);
      expect(dataOf(await b.query(ORGANIZATIONS, {}, { 'cache-control': 'no-cache' }))).toEqual(before);
    }
    expect(await states(a)).toEqual(Array(5).fill('UNREACHABLE'));
    expect(await states(b)).toEqual(Array(5).fill('UNREACHABLE'));
    for (const instance of [a, b]) {
      const warnings = messages(instance).filter((message) => message.startsWith('shared store unreachable'));
      expect(warnings).toHaveLength(1);
      // The URL is named without a password; the line says what the instance does meanwhile.
      expect(instance.logs().find((line) => String(line.msg).startsWith('shared store unreachable'))?.store).toBe(redis.url);
    }

    await redis.start();
    await until(async () => (await states(a)).every((state) => state === 'SHARED') && (await states(b)).every((state) => state === 'SHARED'));
    for (const instance of [a, b]) expect(messages(instance).filter((message) => message.startsWith('shared store reachable again'))).toHaveLength(1);

    // Shared again: what one instance reads, the other is served from the cache (the restarted Redis started empty).
    cluster.clearLogs();
    dataOf(await a.query(ORGANIZATIONS));
    const sent = cluster.calls('GITBOOK').length;
    expect(sent).toBeGreaterThan(0);
    cluster.clearLogs();
    dataOf(await b.query(ORGANIZATIONS));
    expect(cluster.calls('GITBOOK')).toHaveLength(0);
  });
});
