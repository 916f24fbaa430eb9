// The benchmark's direct client is an honest baseline: for each operation the gateway's data, from exactly the minimal calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECT_OPERATIONS } from '../bench/direct/operations.js';
import { Upstream } from '../bench/direct/upstream.js';
import { sandboxProviderEnv } from '../src/server/sandbox-providers.js';
import { BENCHMARK_OPERATIONS, type Ask } from './support/benchmark-operations.js';
import { byRoute, dataOf, gatewayForFile } from './support/gateway.js';

const gateway = gatewayForFile();
let upstream: Upstream;

const ask: Ask = async <T>(query: string, variables?: Record<string, unknown>) => dataOf(await gateway.query<T>(query, variables));

beforeAll(async () => {
  upstream = new Upstream(sandboxProviderEnv(gateway.sandbox));
  // The access token is held across requests by both clients: fetched here, it is no call of any operation below.
  await upstream.login();
  await ask('{ organizations(provider: CHECKMARX) { edges { node { teams(first: 1) { totalCount } } } } }');
});

afterAll(async () => {
  await upstream?.close();
});

describe('the direct client', () => {
  it('has an answer for each benchmark operation and no other', () => {
    expect(Object.keys(DIRECT_OPERATIONS).sort()).toEqual(BENCHMARK_OPERATIONS.map((o) => o.name).sort());
  });

  for (const operation of BENCHMARK_OPERATIONS) {
    it(`${operation.name}: the gateway's data, from exactly the minimal calls`, async () => {
      const variables = await operation.variables(ask);
      const minimum = await operation.minimum(ask, variables);
      const answer = dataOf(await gateway.query(operation.query, variables));

      gateway.clearLogs();
      const direct = await DIRECT_OPERATIONS[operation.name]!(upstream, variables);
      const calls = gateway.calls();

      expect(direct).toEqual(answer);
      // Something to compare: members listed, or a sync that found every member already there.
      if (operation.name === 'syncNoop') {
        const { members } = variables.input as { members: unknown[] };
        expect(answer).toEqual({ setMembers: { __typename: 'SetMembersSuccess', summary: { alreadyMembers: members.length } } });
      } else expect(JSON.stringify(answer).match(/"id":/g)?.length ?? 0).toBeGreaterThan(3);
      expect(calls, JSON.stringify(byRoute(calls))).toHaveLength(minimum.calls);
      // No write where none is due (the sync no-op reads and stops).
      expect(calls.filter((call) => call.method !== 'GET')).toEqual([]);
      for (const [provider, count] of Object.entries(minimum.byProvider)) {
        expect(gateway.calls(provider as Parameters<typeof gateway.calls>[0]), provider).toHaveLength(count);
      }
    });
  }
});
