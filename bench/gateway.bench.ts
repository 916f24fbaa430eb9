// `npm run bench`: load on the real gateway over the sandbox with autocannon; throughput, latency, upstream calls.
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAdapters, createAdapters } from '../src/providers/registry.js';
import { startSandbox } from '../src/sandbox/index.js';
import { createGateway } from '../src/server/gateway.js';
import { sandboxProviderConfigs } from '../src/server/sandbox-providers.js';
import { createLogger } from '../src/server/logging.js';

/** The operations a frontend sends most: a small lookup, one team page, and the whole dashboard. */
const SCENARIOS: Record<string, string> = {
  providers: '{ providers { id name healthy } }',
  teamPage: `{ organizations(provider: GITBOOK, first: 1) { edges { node { teams(first: 1, name: "Everyone") { edges { node {
    members(first: 50) { totalCount edges { node { id displayName email role status } } } } } } } } } }`,
  dashboard: `{ organizations(first: 20) { edges { node { id provider name
    teams(first: 10) { edges { node { id name memberCount members(first: 20) { edges { node { id displayName email role status } } } } } }
    userGroups(first: 10) { edges { node { id name members(first: 20) { edges { node { id displayName email status } } } } } } } } } }`,
};

/**
 * What a sync job sends: make a Cloudflare group exactly the set it already has (its first 20 members), so every
 * run is the same no-op change (ALREADY_MEMBER each) and the state never drifts during the load.
 */
async function syncGroupMutation(url: string): Promise<{ query: string; variables: Record<string, unknown> }> {
  const found = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
    body: JSON.stringify({
      query:
        '{ organizations(provider: CLOUDFLARE, first: 1) { edges { node { userGroups(first: 1) { edges { node { id members(first: 20) { edges { node { memberId } } } } } } } } } }',
    }),
  });
  type Found = {
    data: {
      organizations: {
        edges: Array<{ node: { userGroups: { edges: Array<{ node: { id: string; members: { edges: Array<{ node: { memberId: string } }> } } }> } } }>;
      };
    };
  };
  const group = ((await found.json()) as Found).data.organizations.edges[0]!.node.userGroups.edges[0]!.node;
  return {
    query: 'mutation ($input: SetMembersInput!) { setMembers(input: $input) { __typename ... on SetMembersSuccess { summary { alreadyMembers } } } }',
    variables: { input: { groupId: group.id, members: group.members.edges.map((e) => ({ memberId: e.node.memberId })) } },
  };
}

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const sandbox = await startSandbox();
const adapters = createAdapters(sandboxProviderConfigs(sandbox));
const server = createServer(createGateway({ adapters, mode: 'SANDBOX', apiKeys: [], logger: createLogger({ level: 'silent' }), offlineGraphiQL: false }));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

function upstreamCalls(): number {
  return Object.values(sandbox.servers).reduce((sum, s) => sum + s.log.list().length, 0);
}

/** Resolves once the simulators have seen no new request for 300 ms. */
async function quiet(): Promise<void> {
  for (let before = -1, now = upstreamCalls(); before !== now; before = now, now = upstreamCalls()) {
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

console.log(`teamgraph bench: ${connections} connections, ${seconds} s per scenario, gateway and sandbox in one process on ${process.arch}\n`);
console.log('scenario    req/s   p50 ms  p99 ms  errors  upstream calls per request');
const operations: Array<[string, { query: string; variables?: Record<string, unknown> }]> = [
  ...Object.entries(SCENARIOS).map(([name, query]): [string, { query: string }] => [name, { query }]),
  ['syncGroup', await syncGroupMutation(url)],
];
for (const [name, operation] of operations) {
  const body = JSON.stringify(operation);
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sandbox' };
  // One request alone first: its upstream calls are deterministic, the number this product is judged by.
  // Requests autocannon abandoned at the end of the last scenario still finish on the server: wait them out.
  await quiet();
  sandbox.reset();
  const probe = await fetch(url, { method: 'POST', headers, body });
  const probeBody = (await probe.json()) as { errors?: unknown[]; data?: Record<string, { __typename?: string }> };
  const typename = Object.values(probeBody.data ?? {})[0]?.__typename;
  if (typename?.endsWith('Error')) throw new Error(`${name} answered ${typename}`);
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
