// End to end under serverless-offline: HTTP → graphql function → Invoke → connector functions → sandbox, and conformance.
import { serverAudits } from 'graphql-http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvoker } from '../../src/providers/lambda/invoke.js';
import { WIRE_VERSION, type InvokeResponse } from '../../src/providers/lambda/wire.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../../src/providers/types.js';
import { SANDBOX_PROVIDERS, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { sandboxProviderConfigs, sandboxProviderEnv } from '../../src/server/sandbox-providers.js';
import { byRoute } from '../support/gateway.js';
import { startOffline, type Offline } from './support/offline.js';
import { captureLogs } from '../support/logs.js';

const DASHBOARD = `{ organizations(first: 10) { edges { node { provider name
  teams(first: 3) { edges { node { name memberCount members(first: 3) { totalCount edges { node { email status role } } } } } }
  userGroups(first: 3) { edges { node { name members(first: 3) { edges { node { email displayName } } } } } } } } } }`;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer sandbox', 'x-teamgraph-trace': '1' };
/** The deployed function takes configured keys: one like the sandbox's, and a router's. */
const OFFLINE_KEY = 'offline-key-0001';
const ROUTER_KEY = 'router-key-0001';
const OFFLINE_HEADERS = { ...HEADERS, authorization: `Bearer ${OFFLINE_KEY}` };

interface Answer {
  data?: unknown;
  errors?: unknown[];
  extensions?: { upstream?: { calls: number } };
}

let sandbox: Sandbox;
let offline: Offline;
let inline: Map<ProviderId, ProviderAdapter>;

const upstream = () => SANDBOX_PROVIDERS.flatMap((name) => sandbox.servers[name].log.list());
const clearLogs = () => SANDBOX_PROVIDERS.forEach((name) => sandbox.servers[name].log.clear());

beforeAll(async () => {
  sandbox = await startSandbox();
  // The connectors get the sandbox's URLs and credentials; the gateway function gets none of them (serverless.yml).
  offline = await startOffline({
    ...sandboxProviderEnv(sandbox),
    TEAMGRAPH_SANDBOX: 'on',
    TEAMGRAPH_API_KEYS: `offline:${OFFLINE_KEY}:read+write+trace;router:${ROUTER_KEY}:read+federation`,
  });
  inline = await createAdapters(sandboxProviderConfigs(sandbox));
}, 60_000);

afterAll(async () => {
  await offline?.stop();
  if (inline) await closeAdapters(inline);
  await sandbox?.stop();
});

async function viaOffline(query: string): Promise<Answer> {
  const response = await fetch(offline.graphqlUrl, { method: 'POST', headers: { ...OFFLINE_HEADERS }, body: JSON.stringify({ query }) });
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

async function viaInline(query: string): Promise<Answer> {
  const gateway = createGateway({ adapters: inline, mode: 'SANDBOX', apiKeys: [], logger: captureLogs().logger, offlineGraphiQL: false });
  // A copy: yoga's Request writes content-length into a plain headers object it is given.
  const response = await gateway.fetch('http://localhost/graphql', { method: 'POST', headers: { ...HEADERS }, body: JSON.stringify({ query }) });
  return (await response.json()) as Answer;
}

describe('the Lambda stack under serverless-offline', () => {
  it("answers through gateway function, Invoke, connectors and sandbox with the inline transport's upstream calls", async () => {
    // The first run of each warms what lives per container or adapter (Checkmarx's token); then one clean run each.
    await viaOffline(DASHBOARD);
    await viaInline(DASHBOARD);

    clearLogs();
    const hopped = await viaOffline(DASHBOARD);
    const lambdaCalls = byRoute(upstream());
    clearLogs();
    const direct = await viaInline(DASHBOARD);
    const inlineCalls = byRoute(upstream());

    expect(hopped.errors).toBeUndefined();
    expect(hopped.data).toEqual(direct.data);
    expect(Object.keys(lambdaCalls).length).toBeGreaterThan(5);
    expect(lambdaCalls).toEqual(inlineCalls);
    expect(hopped.extensions?.upstream?.calls).toBe(direct.extensions?.upstream?.calls);
    // serverless-offline's own log: the HTTP route ran the graphql function, which invoked every connector.
    expect(offline.output()).toContain('POST /graphql (λ: graphql)');
    for (const connector of ['goodaccess', 'gitbook', 'bird', 'checkmarx', 'cloudflare']) expect(offline.output()).toContain(`(λ: ${connector}) RequestId`);
  });

  it('serves connector functions on the Lambda Invoke API under their deployed names', async () => {
    const invoker = createInvoker({ endpoint: offline.lambdaEndpoint, timeoutMs: 10_000 });
    try {
      clearLogs();
      const answer = (await invoker.invoke('teamgraph-dev-gitbook', {
        v: WIRE_VERSION,
        provider: 'GITBOOK',
        calls: [{ method: 'listOrganizations', args: [{ size: 5 }] }],
      })) as InvokeResponse;
      expect(answer).toMatchObject({ provider: 'GITBOOK', results: [{ ok: true, value: { items: [{ provider: 'GITBOOK' }, { provider: 'GITBOOK' }] } }] });
      expect(upstream().map((call) => call.route)).toEqual(['/v1/orgs']);
      // The gateway function holds no provider secret: asked to serve GitBook itself, it could not.
      await expect(invoker.invoke('teamgraph-dev-nothing', {})).rejects.toThrow(/does not exist/);
    } finally {
      invoker.close();
    }
  });

  it("serves a router from the bundle: federation's code, a chunk loaded on first use, prints the committed subgraph SDL and resolves entities", async () => {
    const ask = async (query: string) => {
      const response = await fetch(offline.graphqlUrl, {
        method: 'POST',
        headers: { ...HEADERS, authorization: `Bearer ${ROUTER_KEY}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const service = await ask('{ _service { sdl } }');
    expect(service.errors).toBeUndefined();
    expect((service.data?._service as { sdl: string }).sdl).toBe(readFileSync(new URL('../../subgraph.graphql', import.meta.url), 'utf8'));
    const org = await viaOffline('{ organizations(first: 1, provider: GITBOOK) { edges { node { id name } } } }');
    const node = (org.data as { organizations: { edges: Array<{ node: { id: string; name: string } }> } }).organizations.edges[0]!.node;
    const entities = await ask(
      `{ _entities(representations: [{ __typename: "Organization", id: ${JSON.stringify(node.id)} }]) { ... on Organization { name } } }`,
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data).toEqual({ _entities: [{ name: node.name }] });
  });

  it('passes every graphql-http server audit behind serverless-offline', async () => {
    const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${OFFLINE_KEY}`);
      return fetch(input, { ...init, headers });
    };
    // One at a time: auditServer's all-at-once would make serverless-offline cold-start a worker per request.
    const results = [];
    for (const audit of serverAudits({ url: offline.graphqlUrl, fetchFn })) results.push(await audit.fn());
    const failed = results
      .filter((result) => result.status === 'error')
      .map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
    console.log(
      `graphql-http audits behind serverless-offline: ${results.filter((r) => r.status === 'ok').length} ok, ${results.filter((r) => r.status === 'warn').length} warn, ${failed.length} error`,
    );
  });
});
