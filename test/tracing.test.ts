// extensions.upstream: with x-teamgraph-trace: 1 a response lists the provider calls it cost, and only its own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAdapters, createAdapters } from '../src/providers/registry.js';
import { createGateway } from '../src/server/gateway.js';
import { sandboxProviderConfigs } from '../src/server/sandbox-providers.js';
import { byRoute, startGateway, type GatewayHarness } from './support/gateway.js';
import { apiKey } from './support/keys.js';
import { captureLogs } from './support/logs.js';

interface Trace {
  calls: number;
  byProvider: Record<string, number>;
  log: Array<{ provider: string; method: string; route: string; status: number | null; ms: number; attempt: number; outcome: string }>;
}

const TEAMS = '{ organizations(first: 10) { edges { node { provider teams(first: 2) { edges { node { name } } } } } } }';
const TRACE = { 'x-teamgraph-trace': '1' };

let gateway: GatewayHarness;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.stop();
});
beforeEach(() => gateway.reset());

describe('tracing in sandbox mode', () => {
  it('lists every upstream call of the request, matching the simulators own logs, with route templates only', async () => {
    const answer = await gateway.query(TEAMS, {}, TRACE);
    expect(answer.errors).toBeUndefined();
    const trace = answer.extensions?.upstream as Trace;
    const logged = gateway.calls();
    expect(trace.calls).toBe(logged.length);
    expect(trace.calls).toBeGreaterThan(0);
    expect(Object.keys(trace.byProvider).sort()).toEqual(['BIRD', 'CHECKMARX', 'CLOUDFLARE', 'GITBOOK', 'GOODACCESS']);
    for (const [provider, count] of Object.entries(trace.byProvider)) {
      expect(count, provider).toBe(trace.log.filter((call) => call.provider === provider).length);
    }
    for (const call of trace.log) {
      expect(call.status).toBe(200);
      expect(call.ms).toBeGreaterThanOrEqual(0);
      // A template names its parameters; no provider id (numbers, uuids, Bird's organization id) reaches the client.
      expect(call.route).not.toContain(gateway.sandbox.birdOrganizationId);
      expect(call.route).not.toMatch(/\/\d+(\/|$)/);
    }
    // The same calls, route by route, that the simulators answered.
    const traced: Record<string, number> = {};
    for (const call of trace.log) traced[`${call.method} ${call.route}`] = (traced[`${call.method} ${call.route}`] ?? 0) + 1;
    expect(traced).toEqual(byRoute(logged));
  });

  it('is absent without the header, and a retried call shows both attempts', async () => {
    const plain = await gateway.query(TEAMS);
    expect(plain.extensions?.upstream).toBeUndefined();

    // One 503 on GitBook's first call: the client retries it (GET is safe), and the trace shows both attempts.
    gateway.sandbox.servers.gitbook.faults.add({ kind: 'error', status: 503, times: 1 });
    const answer = await gateway.query(TEAMS, {}, TRACE);
    expect(answer.errors).toBeUndefined();
    const gitbook = (answer.extensions?.upstream as Trace).log.filter((call) => call.provider === 'GITBOOK');
    expect(gitbook.map((call) => [call.status, call.attempt])).toContainEqual([503, 1]);
    expect(gitbook.filter((call) => call.status === 503)).toHaveLength(1);
    expect(gitbook.filter((call) => call.attempt === 2).map((call) => call.status)).toEqual([200]);
  });

  it('keeps concurrent requests apart: each trace holds only its own calls', async () => {
    const gitbookOnly = '{ organizations(first: 10, provider: GITBOOK) { edges { node { name } } } }';
    const cloudflareOnly = '{ organizations(first: 10, provider: CLOUDFLARE) { edges { node { name } } } }';
    const answers = await Promise.all([0, 1, 2, 3].map((i) => gateway.query(i % 2 ? gitbookOnly : cloudflareOnly, {}, TRACE)));
    answers.forEach((answer, i) => {
      expect(answer.errors).toBeUndefined();
      const trace = answer.extensions?.upstream as Trace;
      const provider = i % 2 ? 'GITBOOK' : 'CLOUDFLARE';
      expect(trace.log.length).toBeGreaterThan(0);
      expect(
        trace.log.every((call) => call.provider === provider),
        JSON.stringify(trace.log),
      ).toBe(true);
    });
  });
});

describe('tracing in live mode', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const adapters = await createAdapters(sandboxProviderConfigs(gateway.sandbox));
    const gatewayLive = createGateway({
      adapters,
      mode: 'LIVE',
      apiKeys: [apiKey('dashboard', 'reader-key', ['read']), apiKey('ops', 'ops-key', ['read', 'trace'])],
      offlineGraphiQL: false,
      logger: captureLogs().logger,
    });
    server = createServer(gatewayLive);
    server.on('close', () => void closeAdapters(adapters));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const ask = async (key: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...TRACE },
      body: JSON.stringify({ query: '{ organizations(first: 5, provider: GITBOOK) { edges { node { name } } } }' }),
    });
    return (await response.json()) as { data?: unknown; extensions?: { upstream?: Trace } };
  };

  it('traces only for keys with the trace scope', async () => {
    const reader = await ask('reader-key');
    expect(reader.data).toBeTruthy();
    expect(reader.extensions?.upstream).toBeUndefined();
    const ops = await ask('ops-key');
    expect(ops.extensions?.upstream?.byProvider.GITBOOK).toBeGreaterThan(0);
  });
});
