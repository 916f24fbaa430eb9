// The benchmark operations cost exactly their fewest upstream calls, by route, in exactly their fewest sequential levels.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sequentialLevels } from '../../src/server/tracing.js';
import { BENCHMARK_OPERATIONS, type Ask } from '../support/benchmark-operations.js';
import { byRoute, dataOf, startGateway, type GatewayHarness } from '../support/gateway.js';

/**
 * Added to every simulator answer while an operation runs: long enough that calls sent together overlap and calls
 * sent one after another do not, even on a busy 2-core machine (levels come from the trace's start and end times).
 */
const LATENCY_MS = 40;

interface Trace {
  calls: number;
  levels: number;
  byProvider: Record<string, number>;
  log: Array<{ route: string; startMs: number; endMs: number; ms: number }>;
}

let gateway: GatewayHarness;
const ask: Ask = async <T>(query: string, variables?: Record<string, unknown>) => dataOf(await gateway.query<T>(query, variables));

beforeAll(async () => {
  gateway = await startGateway();
  // The first request fetches the Checkmarx access token, which the adapter then keeps: no operation below pays for it.
  await ask('{ organizations(provider: CHECKMARX) { edges { node { teams(first: 1) { totalCount } } } } }');
});
afterAll(async () => {
  await gateway?.stop();
});
beforeEach(() => gateway.reset());

describe('each benchmark operation costs its minimum', () => {
  for (const operation of BENCHMARK_OPERATIONS) {
    it(`${operation.name}: exactly the fewest calls, by route, in the fewest levels`, async () => {
      const variables = await operation.variables(ask);
      const least = await operation.minimum(ask, variables);
      expect(least.levels).toBeLessThanOrEqual(operation.minimumLevels);
      for (const server of Object.values(gateway.sandbox.servers)) server.faults.add({ kind: 'latency', latencyMs: LATENCY_MS });
      // Twice: a repeated query may run as compiled code (graphql-jit), which must plan its reads alike.
      for (const run of ['first', 'repeated']) {
        gateway.clearLogs();
        const answer = await gateway.query(operation.query, variables, { 'x-teamgraph-trace': '1' });
        expect(answer.errors, run).toBeUndefined();
        // A mutation answers its errors as typed results: the no-op must be a success.
        expect(JSON.stringify(answer.data)).not.toMatch(/"__typename":"\w+Error"/);
        const trace = answer.extensions?.upstream as Trace;
        expect(byRoute(gateway.calls()), run).toEqual(least.routes);
        expect(trace.calls, run).toBe(least.calls);
        expect(Object.fromEntries(Object.entries(trace.byProvider).filter(([, n]) => n > 0))).toEqual(least.byProvider);
        expect(trace.levels, `${run}: ${JSON.stringify(trace.log.map((c) => [c.route, c.startMs, c.endMs]))}`).toBe(least.levels);
      }
    });
  }
});

describe('the trace says when each call ran', () => {
  it('gives every call its start and end, in request time, and the levels they form', async () => {
    for (const server of Object.values(gateway.sandbox.servers)) server.faults.add({ kind: 'latency', latencyMs: LATENCY_MS });
    // An organization, then its teams, then their members: three levels, whatever else runs beside them.
    const answer = await gateway.query(
      '{ organizations(provider: GITBOOK, first: 1) { edges { node { teams(first: 2) { edges { node { members(first: 1) { totalCount } } } } } } } }',
      {},
      { 'x-teamgraph-trace': '1' },
    );
    const trace = answer.extensions?.upstream as Trace;
    expect(trace.log.length).toBeGreaterThanOrEqual(3);
    for (const call of trace.log) {
      expect(call.startMs).toBeGreaterThanOrEqual(0);
      expect(call.endMs).toBeGreaterThanOrEqual(call.startMs + LATENCY_MS);
      // `ms` is measured when the answer is in, `endMs` when the trace hears of it: the same moment, give or take a GC pause.
      expect(Math.abs(call.endMs - call.startMs - call.ms)).toBeLessThanOrEqual(5);
    }
    expect(trace.levels).toBe(3);
  });

  it('counts levels as the longest chain of calls each starting after the previous ended', () => {
    expect(sequentialLevels([])).toBe(0);
    expect(sequentialLevels([{ startMs: 0, endMs: 10 }])).toBe(1);
    // Overlapping calls are one level; a call starting exactly when another ended follows it.
    expect(
      sequentialLevels([
        { startMs: 0, endMs: 10 },
        { startMs: 5, endMs: 15 },
      ]),
    ).toBe(1);
    expect(
      sequentialLevels([
        { startMs: 0, endMs: 10 },
        { startMs: 10, endMs: 20 },
      ]),
    ).toBe(2);
    // The longest chain: 0-5, 6-11, 12-20, 31-32 is four; the long call from 1 to 30 runs beside three of them.
    expect(
      sequentialLevels([
        { startMs: 12, endMs: 20 },
        { startMs: 0, endMs: 5 },
        { startMs: 1, endMs: 30 },
        { startMs: 6, endMs: 11 },
        { startMs: 31, endMs: 32 },
      ]),
    ).toBe(4);
  });
});
