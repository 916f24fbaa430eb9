// offboardPerson under a shared rate budget (in memory): a provider's writes are reserved before the first is sent, so a budget that cannot hold them leaves that provider untouched and the others applied.
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { startCluster, type Cluster } from '../store/cluster.js';
import { dataOf } from '../support/gateway.js';
import { type OffboardPayload, personToOffboard } from './offboard-support.js';

/** Only what the plan itself reads: no payload field that reads (groups, organizations) after the writes. */
const OFFBOARD_LEAN = `mutation($input: OffboardPersonInput!) {
  offboardPerson(input: $input) { ... on OffboardPersonSuccess { changes { provider action status error { __typename } } summary { done } } }
}`;

/** Every read goes to the provider and spends the budget, the same in each run. */
const FRESH = { 'cache-control': 'no-cache' };

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

async function offboardOn(budget: number, input: Record<string, unknown>): Promise<{ result: OffboardPayload; reads: number; writes: string[] }> {
  cluster = await startCluster({ instances: 1, env: { TEAMGRAPH_RATE_BUDGETS: `GOODACCESS=${budget}/1m` }, deadlineMs: 1_000 });
  const [instance] = cluster.instances;
  if (!instance) throw new Error('the cluster started no instance');
  const answer = await instance.query<{ offboardPerson: OffboardPayload }>(OFFBOARD_LEAN, { input }, FRESH);
  const calls = cluster.calls('GOODACCESS');
  const result = dataOf(answer).offboardPerson;
  const writes = calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.route} ${c.status}`);
  await cluster.stop();
  cluster = undefined;
  return { result, reads: calls.filter((c) => c.method === 'GET').length, writes };
}

describe('offboardPerson and the shared rate budget', () => {
  it('a budget one call short of the lookup and the reserved writes fails GoodAccess whole, unsent; one call more and it is applied', async () => {
    // What the lookup reads and what the plan writes on GoodAccess, measured with a budget that holds everything.
    const sandbox = await startSandbox();
    const email = personToOffboard(sandbox);
    await sandbox.stop();
    const dry = await offboardOn(1000, { email, dryRun: true });
    const planned = dry.result.changes?.filter((c) => c.provider === 'GOODACCESS' && c.status === 'PLANNED') ?? [];
    const groups = planned.filter((c) => c.action === 'REMOVE_FROM_GROUP').length;
    expect(groups).toBeGreaterThan(0);
    expect(dry.writes).toEqual([]);
    // The reservation: one call per change and one per group removal (a read it may make).
    const reserved = planned.length + groups;

    const short = await offboardOn(dry.reads + reserved - 1, { email });
    const goodaccess = short.result.changes?.filter((c) => c.provider === 'GOODACCESS') ?? [];
    expect(goodaccess.map((c) => `${c.action} ${c.status} ${c.error?.__typename}`)).toEqual(planned.map((c) => `${c.action} FAILED RateLimitedError`));
    expect(short.writes).toEqual([]);
    expect(short.reads).toBe(dry.reads);
    // The other providers are applied all the same.
    expect(short.result.changes?.filter((c) => c.provider !== 'GOODACCESS' && c.status === 'FAILED')).toEqual([]);
    expect(short.result.summary?.done).toBeGreaterThan(0);

    const enough = await offboardOn(dry.reads + reserved, { email });
    expect(enough.result.changes?.filter((c) => c.provider === 'GOODACCESS').map((c) => c.status)).toEqual(planned.map(() => 'DONE'));
    expect(enough.writes).toHaveLength(planned.length);
  });
});
