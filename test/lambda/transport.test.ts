// The lambda transport against a real Lambda Invoke API on 127.0.0.1 running the real connector module over the sandbox.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withCallPolicy } from '../../src/providers/call-policy.js';
import { createLambdaAdapters } from '../../src/providers/lambda/index.js';
import type { InvokeRequest } from '../../src/providers/lambda/wire.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import { PROVIDER_IDS } from '../../src/providers/catalog.js';
import { ProviderError, type ProviderAdapter, type ProviderId } from '../../src/providers/types.js';
import { startSandbox, SANDBOX_PROVIDERS, type Sandbox } from '../../src/sandbox/index.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';
import { sandboxProviderConfigs, sandboxProviderEnv } from '../../src/server/sandbox-providers.js';
import { byRoute } from '../support/gateway.js';
import { npmStartArgs } from '../support/npm-start.js';
import { loadConnector, type ConnectorHandler } from './support/connectors.js';
import { startInvokeServer, type InvokeServer } from './support/invoke-server.js';
import { eventually } from '../support/eventually.js';
import { captureLogs } from '../support/logs.js';

const PREFIX = 'teamgraph-test-';
const GITBOOK_ORG = 'IQGUo8l0pVJFnf0qicw8';
const GITBOOK_TEAM = 'lzZWjSSTYsY0ZJ0ZpxDx';
const GITBOOK_EMPTY_TEAM = 'n7kJcThWP3joZFgfJ5op';
/** Every level a dashboard reads, Cloudflare's detail fill from organization members included. */
const DASHBOARD = `{ organizations(first: 10) { edges { node { provider name
  teams(first: 3) { edges { node { name memberCount members(first: 3) { totalCount edges { node { email status role } } } } } }
  userGroups(first: 3) { edges { node { name members(first: 3) { edges { node { email displayName } } } } } } } } } }`;

let sandbox: Sandbox;
let invoke: InvokeServer;
let connectors: Record<string, ConnectorHandler>;
let inline: Map<ProviderId, ProviderAdapter>;
let lambda: Map<ProviderId, ProviderAdapter>;
const opened: Array<Map<ProviderId, ProviderAdapter>> = [];

function lambdaAdapters(options: { prefix?: string; timeoutMs?: number } = {}): Map<ProviderId, ProviderAdapter> {
  const adapters = createLambdaAdapters({
    providers: PROVIDER_IDS,
    functionPrefix: options.prefix ?? PREFIX,
    endpoint: invoke.endpoint,
    timeoutMs: options.timeoutMs ?? 5_000,
  });
  opened.push(adapters);
  return adapters;
}

async function query(gateway: Gateway, text: string, headers: Record<string, string> = {}) {
  const response = await gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer sandbox', ...headers },
    body: JSON.stringify({ query: text }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, unknown>;
  };
}

const gatewayOver = (adapters: Map<ProviderId, ProviderAdapter>) =>
  createGateway({ adapters, mode: 'SANDBOX', apiKeys: [], logger: captureLogs().logger, offlineGraphiQL: false });
const upstream = () => SANDBOX_PROVIDERS.flatMap((name) => sandbox.servers[name].log.list());
const clearLogs = () => SANDBOX_PROVIDERS.forEach((name) => sandbox.servers[name].log.clear());

/** What a call gave, as plain data: ProviderErrors by their serialised form, so two transports can be compared. */
async function outcome(work: Promise<unknown>): Promise<unknown> {
  const plain = (value: unknown): unknown =>
    value instanceof ProviderError
      ? { ProviderError: value.toJSON() }
      : Array.isArray(value)
        ? value.map(plain)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
          : value;
  try {
    return { value: plain(await work) };
  } catch (error) {
    return { thrown: plain(error) };
  }
}

beforeAll(async () => {
  sandbox = await startSandbox();
  // Before the connectors: each resets vitest's modules, and an adapter module imported after that would be a second
  // copy (its ProviderError another class than this file's).
  inline = await createAdapters(sandboxProviderConfigs(sandbox));
  const env = sandboxProviderEnv(sandbox);
  connectors = {};
  for (const provider of PROVIDER_IDS) connectors[`${PREFIX}${provider.toLowerCase()}`] = await loadConnector(provider, env);
  invoke = await startInvokeServer({
    ...connectors,
    ...Object.fromEntries(Object.entries(connectors).map(([name, handler]) => [name.replace(PREFIX, 'teamgraph-throttled-'), handler])),
  });
  lambda = lambdaAdapters();
});

afterAll(async () => {
  await Promise.all(opened.map((adapters) => closeAdapters(adapters)));
  if (inline) await closeAdapters(inline);
  await invoke?.stop();
  await sandbox?.stop();
});

beforeEach(() => {
  sandbox.reset();
  for (const [name, handler] of Object.entries(connectors)) invoke.set(name, handler);
  invoke.invokes.length = 0;
  invoke.cancelled.length = 0;
});

describe('the lambda transport', () => {
  it('answers like the inline transport, with the same upstream calls, one Invoke per provider per batch', async () => {
    // Warm both (Checkmarx's token is fetched once per adapter), then compare one clean run of each.
    await query(gatewayOver(inline), DASHBOARD);
    await query(gatewayOver(lambda), DASHBOARD);

    clearLogs();
    const direct = await query(gatewayOver(inline), DASHBOARD, { 'x-teamgraph-trace': '1' });
    const inlineCalls = byRoute(upstream());
    clearLogs();
    invoke.invokes.length = 0;
    const hopped = await query(gatewayOver(lambda), DASHBOARD, { 'x-teamgraph-trace': '1' });
    const lambdaCalls = byRoute(upstream());

    expect(hopped.errors).toBeUndefined();
    expect(hopped.data).toEqual(direct.data);
    expect(lambdaCalls).toEqual(inlineCalls);
    // Tracing replays the connector's events: the trace counts what the simulators answered.
    const trace = hopped.extensions?.upstream as { calls: number; byProvider: Record<string, number> };
    expect(trace.calls).toBe(upstream().length);
    expect(trace).toMatchObject({ byProvider: (direct.extensions?.upstream as { byProvider: unknown }).byProvider });

    const requests = invoke.invokes.map((entry) => entry.payload as InvokeRequest);
    const calls = requests.reduce((sum, request) => sum + request.calls.length, 0);
    expect(requests.every((request, i) => invoke.invokes[i]?.functionName === `${PREFIX}${request.provider.toLowerCase()}`)).toBe(true);
    // GitBook's two organizations' team pages are one DataLoader batch: one Invoke carrying both.
    const teamPages = requests.filter((request) => request.provider === 'GITBOOK' && request.calls.some((call) => call.method === 'listGroups'));
    expect(teamPages).toHaveLength(1);
    expect(teamPages[0]?.calls.filter((call) => call.method === 'listGroups')).toHaveLength(2);
    expect(requests.length).toBeLessThan(calls);
  });

  it('gives the same records and the same errors, kind by kind, as the inline adapter', async () => {
    const ref = { organizationId: GITBOOK_ORG, groupId: GITBOOK_EMPTY_TEAM };
    const member = (await inline.get('GITBOOK')?.listOrganizationMembers(GITBOOK_ORG, { size: 1 }))?.items[0]?.memberId ?? '';
    const script = (a: Map<ProviderId, ProviderAdapter>) => {
      const gitbook = a.get('GITBOOK') as Required<ProviderAdapter>;
      const bird = a.get('BIRD') as ProviderAdapter;
      const cloudflare = a.get('CLOUDFLARE') as ProviderAdapter;
      return [
        () => gitbook.getOrganizations([GITBOOK_ORG, 'noSuchOrganization00', 'not/an/id']),
        () => gitbook.listGroups(GITBOOK_ORG, { size: 2 }, { name: 'a' }),
        () => gitbook.getGroups(GITBOOK_ORG, [GITBOOK_TEAM, 'noSuchTeam0000000000']),
        () => gitbook.listGroupMembers({ organizationId: GITBOOK_ORG, groupId: GITBOOK_TEAM }, { size: 3 }),
        () => gitbook.listGroups('bad org!', { size: 1 }),
        () => gitbook.addMembers(ref, [{ email: 'nobody@example.com' }]),
        () => gitbook.addMembers(ref, [{ memberId: member }], 'MEMBER'),
        () => gitbook.setMemberRole(ref, member, 'OWNER'),
        () => gitbook.removeMember(ref, { memberId: member }),
        () => gitbook.removeMember(ref, { memberId: member }),
        () => bird.listOrganizationMembers(sandbox.birdOrganizationId, { size: 1 }),
        () => cloudflare.listOrganizations({ size: 1 }),
      ];
    };
    const run = async (a: Map<ProviderId, ProviderAdapter>) => {
      sandbox.reset();
      const out: unknown[] = [];
      for (const step of script(a)) out.push(await outcome(step()));
      return out;
    };
    const expected = await run(inline);
    expect(await run(lambda)).toEqual(expected);
    // The comparison covers what matters: records, a NOT_FOUND entry, INVALID and UNSUPPORTED throws, changes.
    expect(JSON.stringify(expected)).toContain('"kind":"NOT_FOUND"');
    expect(JSON.stringify(expected)).toContain('"kind":"INVALID"');
    expect(JSON.stringify(expected)).toContain('"kind":"UNSUPPORTED"');
    expect(JSON.stringify(expected)).toContain('"status":"REMOVED"');
  });

  it("keeps RATE_LIMITED and its retryAfter across the hop, as the gateway's own ProviderError", async () => {
    sandbox.servers.gitbook.faults.add({ kind: 'rateLimit', retryAfter: 30, times: 1 });
    const error = await lambda
      .get('GITBOOK')
      ?.listOrganizations({ size: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'GITBOOK', kind: 'RATE_LIMITED', retryAfter: 30, status: 429 });
  });

  it('turns a connector that throws into PROVIDER_UNAVAILABLE for that provider only', async () => {
    invoke.set(`${PREFIX}gitbook`, () => {
      throw new Error('connector crashed');
    });
    const answer = await query(gatewayOver(lambda), '{ organizations(first: 10) { edges { node { provider name } } } }');
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: 'GITBOOK' });
    expect(answer.errors?.[0]?.message).toContain('connector crashed');
    // The failing provider's place in the list is a null node; everyone else's organizations are there.
    const edges = (answer.data?.organizations as { edges: Array<{ node: { provider: string } | null }> }).edges;
    const providers = edges.map((edge) => edge.node?.provider).filter((provider) => provider !== undefined);
    expect(new Set(providers)).toEqual(new Set(['GOODACCESS', 'BIRD', 'CHECKMARX', 'CLOUDFLARE']));
    expect(lambda.get('GITBOOK')?.breakerState()).toBe('open');
    expect(lambda.get('CLOUDFLARE')?.breakerState()).toBe('closed');
  });

  it('turns a connector that does not answer in time into UNAVAILABLE, outcome unknown for a write', async () => {
    const quick = lambdaAdapters({ timeoutMs: 300 });
    invoke.set(`${PREFIX}gitbook`, () => new Promise(() => undefined));
    const started = Date.now();
    const answer = await query(gatewayOver(quick), '{ organizations(first: 10) { edges { node { provider } } } }');
    // The deadline this test proves: a connector that never answers is given up on after 300 ms, not waited for.
    // 3 s is 10 times that for a busy machine; only waiting for the hang fails it.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(answer.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE', provider: 'GITBOOK' })]);
    expect(answer.errors?.[0]?.message).toContain('did not answer within 300 ms');

    const ref = { organizationId: GITBOOK_ORG, groupId: GITBOOK_EMPTY_TEAM };
    const write = await quick
      .get('GITBOOK')
      ?.addMembers?.(ref, [{ email: 'a@example.com' }])
      .catch((e: unknown) => e);
    expect(write).toMatchObject({ kind: 'UNAVAILABLE', outcomeUnknown: true });
    const read = await quick
      .get('GITBOOK')
      ?.listOrganizations({ size: 1 })
      .catch((e: unknown) => e);
    expect(read).toMatchObject({ kind: 'UNAVAILABLE', outcomeUnknown: false });
  });

  it("turns a throttle (429 TooManyRequestsException) into UNAVAILABLE with Lambda's retryAfter", async () => {
    invoke.throttle('teamgraph-throttled-cloudflare', 7);
    const throttled = lambdaAdapters({ prefix: 'teamgraph-throttled-' });
    const error = await throttled
      .get('CLOUDFLARE')
      ?.addMember?.({ organizationId: 'a'.repeat(32), groupId: 'b'.repeat(32) }, { memberId: 'c'.repeat(32) })
      .catch((e: unknown) => e);
    // Lambda refused it, so the write certainly did not run.
    expect(error).toMatchObject({ provider: 'CLOUDFLARE', kind: 'UNAVAILABLE', retryAfter: 7, outcomeUnknown: false });
    expect((error as Error).message).toContain('throttled');
    expect(await throttled.get('GITBOOK')?.listOrganizations({ size: 1 })).toMatchObject({ items: [{ provider: 'GITBOOK' }] });
  });

  it('names the setting to check when a connector function does not exist', async () => {
    const missing = lambdaAdapters({ prefix: 'teamgraph-nowhere-' });
    const error = await missing
      .get('BIRD')
      ?.listGroups(sandbox.birdOrganizationId, { size: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'BIRD', kind: 'UNAVAILABLE', message: expect.stringContaining('TEAMGRAPH_CONNECTOR_PREFIX') });
  });

  it("knows names and capabilities without credentials, and has exactly the inline adapter's native writes", () => {
    const methods = (adapter: ProviderAdapter) =>
      Object.keys(adapter)
        .filter((key) => typeof (adapter as unknown as Record<string, unknown>)[key] === 'function')
        .sort();
    for (const provider of PROVIDER_IDS) {
      const [hop, here] = [lambda.get(provider) as ProviderAdapter, inline.get(provider) as ProviderAdapter];
      expect({ name: hop.name, capabilities: hop.capabilities }).toEqual({ name: here.name, capabilities: here.capabilities });
      expect(methods(hop), provider).toEqual(methods(here));
    }
  });
});

/** Holds a connector's answers until released (then answers as the real connector would). */
function heldConnector(name: string): { release: () => void } {
  const real = connectors[name] as ConnectorHandler;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  invoke.set(name, async (payload) => {
    await released;
    return real(payload);
  });
  return { release };
}

const callsOf = (recorded: { payload: unknown }) => (recorded.payload as InvokeRequest).calls.map((call) => call.method);

describe('a client that hangs up, over the lambda transport', () => {
  // Invokes may wait 30 s here: whatever ends one sooner is the hang-up, not the deadline.
  const PATIENT = 30_000;

  it('ends each of its reads at once, and cancels an Invoke only once every client whose calls it carries has left', async () => {
    const gitbook = lambdaAdapters({ timeoutMs: PATIENT }).get('GITBOOK') as ProviderAdapter;
    const held = heldConnector(`${PREFIX}gitbook`);
    try {
      // Two requests' reads in one turn of the event loop: one Invoke carries both.
      const [first, second] = [new AbortController(), new AbortController()];
      const left = withCallPolicy({ clientSignal: first.signal }, () => gitbook.listOrganizations({ size: 1 })).catch((e: unknown) => e);
      const stayed = withCallPolicy({ clientSignal: second.signal }, () => gitbook.listOrganizations({ size: 2 }));
      await eventually(() => invoke.invokes.length === 1, 'the Invoke');
      expect(callsOf(invoke.invokes[0]!)).toEqual(['listOrganizations', 'listOrganizations']);
      first.abort();
      expect(await left).toMatchObject({ provider: 'GITBOOK', kind: 'UNAVAILABLE', message: 'GitBook was not read: the client closed the request' });
      // The other client is still there: its answer arrives once the connector gives it, from the same Invoke.
      held.release();
      expect((await stayed).items.length).toBeGreaterThan(0);
      expect(invoke.invokes).toHaveLength(1);
      expect(invoke.cancelled).toEqual([]);
    } finally {
      held.release();
    }

    const again = heldConnector(`${PREFIX}gitbook`);
    try {
      const both = new AbortController();
      const reads = [1, 2].map((size) => withCallPolicy({ clientSignal: both.signal }, () => gitbook.listOrganizations({ size })).catch((e: unknown) => e));
      await eventually(() => invoke.invokes.length === 2, 'the second Invoke');
      both.abort();
      for (const read of await Promise.all(reads)) expect(read).toMatchObject({ kind: 'UNAVAILABLE', message: expect.stringContaining('client closed') });
      // Nobody waits for it any more: the gateway closes the Invoke well before its 30 s deadline.
      await eventually(() => invoke.cancelled.length === 1, 'the cancelled Invoke');
      expect(invoke.cancelled[0]).toBe(invoke.invokes[1]);
      // The connector did nothing wrong.
      expect(gitbook.breakerState()).toBe('closed');
    } finally {
      again.release();
    }
  });

  it('sends no Invoke for a read whose client has already left, and always sends and waits for a write', async () => {
    const gitbook = lambdaAdapters({ timeoutMs: PATIENT }).get('GITBOOK') as ProviderAdapter;
    const gone = AbortSignal.abort();
    const read = await withCallPolicy({ clientSignal: gone }, () => gitbook.listOrganizations({ size: 1 })).catch((e: unknown) => e);
    expect(read).toMatchObject({ kind: 'UNAVAILABLE', message: expect.stringContaining('client closed') });
    await new Promise((resolve) => setImmediate(resolve));
    expect(invoke.invokes).toEqual([]);

    // A write is never given up on, even under a signal that has fired: no change is left half-applied unsaid.
    const ref = { organizationId: GITBOOK_ORG, groupId: GITBOOK_EMPTY_TEAM };
    const [someone] = (await (inline.get('GITBOOK') as ProviderAdapter).listOrganizationMembers(GITBOOK_ORG, { size: 1 })).items;
    clearLogs();
    const held = heldConnector(`${PREFIX}gitbook`);
    const leaving = new AbortController();
    const write = withCallPolicy({ clientSignal: leaving.signal }, () => gitbook.addMembers?.(ref, [{ memberId: someone!.memberId }]));
    await eventually(() => invoke.invokes.length === 1, 'the write');
    leaving.abort();
    held.release();
    expect(await write).toBeDefined();
    expect(callsOf(invoke.invokes[0]!)).toEqual(['addMembers']);
    expect(invoke.cancelled).toEqual([]);
    expect(upstream().filter((call) => call.method !== 'GET')).toHaveLength(1);
  });

  it('answers 499 to a client that left a gateway served over HTTP, and stops waiting on the connector', async () => {
    const logs = captureLogs();
    const gateway = createGateway({
      adapters: lambdaAdapters({ timeoutMs: PATIENT }),
      mode: 'SANDBOX',
      apiKeys: [],
      logger: logs.logger,
      offlineGraphiQL: false,
    });
    const server = createServer(gateway);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const held = heldConnector(`${PREFIX}gitbook`);
    try {
      const leaving = new AbortController();
      const sent = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
        body: JSON.stringify({ query: 'query Leaves { organizations(first: 10, provider: GITBOOK) { totalCount } }' }),
        signal: leaving.signal,
      });
      await eventually(() => invoke.invokes.length === 1, 'the Invoke');
      leaving.abort();
      await expect(sent).rejects.toThrow(/abort/i);
      const line = await eventually(() => logs.lines().find((l) => l.operationName === 'Leaves'), 'the request line');
      expect(line).toMatchObject({ msg: 'request', status: 499, errorCodes: ['CLIENT_CLOSED_REQUEST'] });
      await eventually(() => invoke.cancelled.length === 1, 'the cancelled Invoke');
      // This request's Invoke, closed by the gateway well before its 30 s deadline.
      expect(invoke.cancelled[0]).toBe(invoke.invokes[0]);
      expect(callsOf(invoke.cancelled[0]!)).toEqual(['listOrganizations']);
    } finally {
      held.release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('npm start with TEAMGRAPH_TRANSPORT=lambda', () => {
  it('serves the gateway over connector functions, with no provider credential in its environment', async () => {
    const child = spawn(process.execPath, npmStartArgs(), {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        TEAMGRAPH_TRANSPORT: 'lambda',
        TEAMGRAPH_SANDBOX: 'on',
        TEAMGRAPH_LAMBDA_ENDPOINT: invoke.endpoint,
        TEAMGRAPH_CONNECTOR_PREFIX: PREFIX,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 15_000;
      while (!/localhost:\d+\/graphql/.test(output) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      const url = (/http:\/\/localhost:(\d+)\/graphql/.exec(output)?.[0] ?? '').replace('localhost', '127.0.0.1');
      expect(output).toContain(`Providers through connector Lambdas at ${invoke.endpoint}: ${PREFIX}goodaccess`);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
        body: JSON.stringify({ query: '{ organizations(first: 10) { totalCount } providers { id mode healthy } }' }),
      });
      const answer = (await response.json()) as { data?: { organizations: { totalCount: number }; providers: Array<{ mode: string; healthy: boolean }> } };
      expect(answer.data?.organizations.totalCount).toBe(7);
      expect(answer.data?.providers.every((provider) => provider.mode === 'SANDBOX' && provider.healthy)).toBe(true);
      expect(invoke.invokes.length).toBeGreaterThanOrEqual(5);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });
});
