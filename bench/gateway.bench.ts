// `npm run bench`: load on the real gateway over the sandbox with autocannon; throughput, latency, upstream calls.
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAdapters, createAdapters } from '../src/providers/registry.js';
import { startSandbox } from '../src/sandbox/index.js';
import { createGateway } from '../src/server/gateway.js';
import { sandboxProviderConfigs } from '../src/server/sandbox-providers.js';

/** The operations a frontend sends most: a small lookup, one team page, and the whole dashboard. */
const SCENARIOS: Record<string, string> = {
  providers: '{ providers { id name healthy } }',
  teamPage: `{ organizations(provider: GITBOOK, first: 1) { edges { node { teams(first: 1, name: "Everyone") { edges { node {
    members(first: 50) { totalCount edges { node { id displayName email role status } } } } } } } } } }`,
  dashboard: `{ organizations(first: 20) { edges { node { id provider name
    teams(first: 10) { edges { node { id name memberCount members(first: 20) { edges { node { id displayName email role status } } } } } }
    userGroups(first: 10) { edges { node { id name members(first: 20) { edges { node { id displayName email status } } } } } } } } } }`,
};

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const sandbox = await startSandbox();
const adapters = createAdapters(sandboxProviderConfigs(sandbox));
const server = createServer(createGateway({ adapters, mode: 'SANDBOX', apiKeys: [], offlineGraphiQL: false }));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

function upstreamCalls(): number {
  return Object.values(sandbox.servers).reduce((sum, s) => sum + s.log.list().length, 0);
}

console.log(`teamgraph bench: ${connections} connections, ${seconds} s per scenario, gateway and sandbox in one process on ${process.arch}\n`);
console.log('scenario    req/s   p50 ms  p99 ms  errors  upstream calls per request');
for (const [name, query] of Object.entries(SCENARIOS)) {
  const body = JSON.stringify({ query });
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sandbox' };
  // One request alone first: its upstream calls are deterministic, the number this product is judged by.
  sandbox.reset();
  const probe = await fetch(url, { method: 'POST', headers, body });
  const probeBody = (await probe.json()) as { errors?: unknown[] };
  if (probeBody.errors) throw new Error(`${name} answered errors: ${JSON.stringify(probeBody.errors).slice(0, 300)}`);
  const perRequest = upstreamCalls();
  const result = await autocannon({ url, method: 'POST', headers, body, connections, duration: seconds });
  const failed = result.errors + result.timeouts + result.non2xx;
  console.log(
    `${name.padEnd(10)} ${result.requests.average.toFixed(0).padStart(6)} ${String(result.latency.p50).padStart(8)} ${String(result.latency.p99).padStart(7)} ${String(failed).padStart(7)}  ${perRequest}`,
  );
  sandbox.reset();
}

server.close();
await closeAdapters(adapters);
await sandbox.stop();
