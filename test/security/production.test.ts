// TEAMGRAPH_ENV=production: what loadConfig demands and defaults, and a production gateway's GraphiQL, introspection, suggestions, masking and CORS.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadSecurityConfig, type SecurityConfig } from '../../src/config-security.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../../src/providers/types.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createGateway, DEVELOPMENT_SECURITY, type GatewayOptions } from '../../src/server/gateway.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import type { GraphQLErrorShape } from '../support/gateway.js';
import { apiKey } from '../support/keys.js';
import { captureLogs, leakedSecrets, remember } from '../support/logs.js';
import { failGitBookListingOnDemand, type UnexpectedFailure } from '../support/unexpected-failure.js';

const CURSOR_SECRET = `${'c'.repeat(16)}0123456789abcdef0123456789abcdef`;
const PRODUCTION_ENV = {
  TEAMGRAPH_ENV: 'production',
  TEAMGRAPH_SANDBOX: 'off',
  GITBOOK_TOKEN: 'gb-live-token-0001',
  TEAMGRAPH_API_KEYS: 'dashboard:dashboard-key-0001:read',
  TEAMGRAPH_CURSOR_SECRET: CURSOR_SECRET,
} as const;
const JWT_ENV = {
  TEAMGRAPH_JWT_JWKS_URL: 'https://login.example.test/.well-known/jwks.json',
  TEAMGRAPH_JWT_ISSUER: 'https://login.example.test/',
  TEAMGRAPH_JWT_AUDIENCE: 'api://teamgraph',
};

const KEY = 'production-read-key-0001';
const APP_ORIGIN = 'https://app.example.com';
const EVIL_ORIGIN = 'https://evil.example';

function without(env: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
}

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted a bad configuration');
}

describe('loadConfig with TEAMGRAPH_ENV=production', () => {
  it('refuses the sandbox: no providers configured, or TEAMGRAPH_SANDBOX=on', () => {
    const noProviders = without(PRODUCTION_ENV, 'GITBOOK_TOKEN', 'TEAMGRAPH_SANDBOX');
    expect(failure(noProviders)).toMatch(/TEAMGRAPH_ENV=production needs real providers/);
    expect(failure({ ...noProviders, TEAMGRAPH_SANDBOX: 'on' })).toMatch(/TEAMGRAPH_ENV=production needs real providers/);
    // Connectors pointed at a sandbox are a sandbox too.
    expect(failure({ ...noProviders, TEAMGRAPH_TRANSPORT: 'lambda', TEAMGRAPH_SANDBOX: 'on' })).toMatch(/TEAMGRAPH_ENV=production needs real providers/);
  });

  it('refuses a missing or short TEAMGRAPH_CURSOR_SECRET', () => {
    expect(failure(without(PRODUCTION_ENV, 'TEAMGRAPH_CURSOR_SECRET'))).toMatch(/TEAMGRAPH_ENV=production needs TEAMGRAPH_CURSOR_SECRET/);
    expect(failure({ ...PRODUCTION_ENV, TEAMGRAPH_CURSOR_SECRET: '   ' })).toMatch(/TEAMGRAPH_ENV=production needs TEAMGRAPH_CURSOR_SECRET/);
    expect(failure({ ...PRODUCTION_ENV, TEAMGRAPH_CURSOR_SECRET: 'too-short-secret' })).toMatch(/TEAMGRAPH_CURSOR_SECRET must be at least 32 characters/);
  });

  it('refuses a production without API keys or JWT settings', () => {
    expect(failure(without(PRODUCTION_ENV, 'TEAMGRAPH_API_KEYS'))).toMatch(/TEAMGRAPH_API_KEYS is required/);
    expect(failure({ ...without(PRODUCTION_ENV, 'TEAMGRAPH_API_KEYS', 'GITBOOK_TOKEN'), TEAMGRAPH_TRANSPORT: 'lambda' })).toMatch(
      /TEAMGRAPH_API_KEYS is required|TEAMGRAPH_ENV=production needs TEAMGRAPH_API_KEYS/,
    );
  });

  it('accepts a full configuration: production defaults are GraphiQL off, introspection off, no CORS, the shared cursor key', () => {
    const config = loadConfig(PRODUCTION_ENV);
    expect(Object.keys(config.providers)).toEqual(['GITBOOK']);
    expect(config.apiKeys.map((key) => key.name)).toEqual(['dashboard']);
    expect(config.security).toMatchObject({
      env: 'production',
      graphiql: false,
      introspection: false,
      corsOrigins: [],
      trustedDocuments: null,
      jwtPersistedOnly: false,
      logLevel: 'info',
    });
    expect(config.security.cursorSecret?.toString('utf8')).toBe(CURSOR_SECRET);
    // JWT settings instead of keys will do too.
    const withJwt = loadConfig({ ...without(PRODUCTION_ENV, 'TEAMGRAPH_API_KEYS'), ...JWT_ENV });
    expect(withJwt.apiKeys).toEqual([]);
    expect(withJwt.jwt).not.toBeNull();
  });

  it('turns GraphiQL and introspection on only when asked, and refuses a value that is not on or off', () => {
    expect(loadConfig({ ...PRODUCTION_ENV, TEAMGRAPH_GRAPHIQL: 'on' }).security).toMatchObject({ graphiql: true, introspection: false });
    expect(loadConfig({ ...PRODUCTION_ENV, TEAMGRAPH_INTROSPECTION: 'on' }).security).toMatchObject({ graphiql: false, introspection: true });
    expect(loadConfig({ ...PRODUCTION_ENV, TEAMGRAPH_GRAPHIQL: 'ON', TEAMGRAPH_INTROSPECTION: 'true' }).security).toMatchObject({
      graphiql: true,
      introspection: true,
    });
    expect(failure({ ...PRODUCTION_ENV, TEAMGRAPH_INTROSPECTION: 'yes' })).toMatch(/TEAMGRAPH_INTROSPECTION must be on or off/);
    // Development is the other way round.
    expect(loadSecurityConfig({})).toMatchObject({ env: 'development', graphiql: true, introspection: true, cursorSecret: null });
    expect(loadSecurityConfig({ TEAMGRAPH_GRAPHIQL: 'off', TEAMGRAPH_INTROSPECTION: 'off' })).toMatchObject({ graphiql: false, introspection: false });
  });

  it('reads TEAMGRAPH_CORS_ORIGINS as exact origins only', () => {
    expect(loadConfig({ ...PRODUCTION_ENV, TEAMGRAPH_CORS_ORIGINS: `${APP_ORIGIN}, http://localhost:5173` }).security.corsOrigins).toEqual([
      APP_ORIGIN,
      'http://localhost:5173',
    ]);
    for (const bad of ['*', `${APP_ORIGIN}/`, `${APP_ORIGIN}/app`, 'app.example.com', 'ftp://app.example.com']) {
      expect(failure({ ...PRODUCTION_ENV, TEAMGRAPH_CORS_ORIGINS: bad })).toMatch(/TEAMGRAPH_CORS_ORIGINS must be origins/);
    }
  });
});

interface Reply {
  status: number;
  headers: Headers;
  raw: string;
  body: { data?: unknown; errors?: GraphQLErrorShape[] } | null;
}

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;
let unexpected: UnexpectedFailure;
const servers: Server[] = [];

/** A gateway over the sandbox's adapters on 127.0.0.1:0; its base URL (`/graphql` appended). */
async function serve(security: SecurityConfig, options: Partial<GatewayOptions> = {}): Promise<string> {
  const captured = captureLogs();
  const server = createServer(
    createGateway({
      adapters,
      mode: 'LIVE',
      apiKeys: [apiKey('dashboard', KEY, ['read'])],
      security,
      logger: captured.logger,
      offlineGraphiQL: false,
      ...options,
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function send(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Reply> {
  const response = await fetch(url, init);
  const raw = await response.text();
  remember(raw);
  let body: Reply['body'] = null;
  try {
    body = JSON.parse(raw) as Reply['body'];
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, raw, body };
}

const graphql = (url: string, query: string, headers: Record<string, string> = {}): Promise<Reply> =>
  send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${KEY}`, ...headers },
    body: JSON.stringify({ query }),
  });

const codes = (reply: Reply): unknown[] => (reply.body?.errors ?? []).map((error) => error.extensions?.code);

const BROWSER_GET = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox), { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  unexpected = failGitBookListingOnDemand(adapters);
});

afterAll(async () => {
  const leaks = leakedSecrets([KEY]);
  for (const server of servers) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
  if (adapters) await closeAdapters(adapters);
  await sandbox?.stop();
  expect(leaks).toEqual([]);
});

describe('a production gateway', () => {
  const production = (env: Record<string, string> = {}): SecurityConfig =>
    loadSecurityConfig({ TEAMGRAPH_ENV: 'production', TEAMGRAPH_CURSOR_SECRET: CURSOR_SECRET, ...env });
  let url: string;
  beforeAll(async () => {
    url = await serve(production());
  });

  it('serves no GraphiQL page to a browser GET, with or without a key', async () => {
    const anonymous = await send(url, { method: 'GET', headers: BROWSER_GET });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    expect(anonymous.raw).not.toMatch(/<html|<!doctype|graphiql/i);
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);

    const keyed = await send(url, { method: 'GET', headers: { ...BROWSER_GET, authorization: `Bearer ${KEY}` } });
    // With a key the GET reaches yoga, which answers as to any GET without a query (in JSON, status 200 for an accept of */*).
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('content-type')).toMatch(/^application\/json/);
    expect(keyed.raw).not.toMatch(/<html|<!doctype|graphiql/i);
    expect(keyed.body?.data).toBeUndefined();
    expect(codes(keyed)).toEqual(['BAD_REQUEST']);
  });

  it('refuses introspection with FORBIDDEN and no data, whichever way it is spelled', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Member") { name } }',
      'query { ...F } fragment F on Query { __schema { queryType { name } } }',
      '{ providers { id } alias: __type(name: "Member") { fields { name } } }',
    ]) {
      const reply = await graphql(url, query);
      expect(reply.body?.data, query).toBeUndefined();
      expect(codes(reply), query).toEqual(['FORBIDDEN']);
      expect(reply.raw).not.toContain('"Member"');
    }
    // __typename is no introspection.
    const typename = await graphql(url, '{ __typename }');
    expect(typename.body?.data).toEqual({ __typename: 'Query' });
  });

  it('gives no "Did you mean" suggestion for a misspelled field, type or argument', async () => {
    for (const query of ['{ providers { nam } }', '{ organizations(frist: 1) { totalCount } }', '{ node(id: "x") { ... on Membr { id } } }']) {
      const reply = await graphql(url, query);
      expect(codes(reply).length, query).toBeGreaterThan(0);
      expect(reply.raw, query).not.toMatch(/did you mean/i);
    }
    // Where introspection is on, the same mistake gets its suggestion (so the test above is not vacuous).
    const development = await serve(DEVELOPMENT_SECURITY, { mode: 'LIVE' });
    const helped = await graphql(development, '{ providers { nam } }');
    expect(helped.body?.errors?.[0]?.message).toBe('Cannot query field "nam" on type "Provider". Did you mean "name"?');
  });

  it('masks an unexpected error: INTERNAL_SERVER_ERROR, "Unexpected error.", no stack, no message, no path on disk', async () => {
    unexpected.set(true);
    try {
      const reply = await graphql(url, '{ organizations(first: 5) { edges { node { name } } } }');
      expect(reply.status).toBe(200);
      expect(reply.body?.data).toBeNull();
      expect(reply.body?.errors).toHaveLength(1);
      expect(reply.body?.errors?.[0]?.message).toBe('Unexpected error.');
      expect(reply.body?.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      for (const leak of ['boom', '/secret/path', 'stack', 'originalError', '.ts:']) expect(reply.raw).not.toContain(leak);
    } finally {
      unexpected.set(false);
    }
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const post = await graphql(url, '{ providers { id } }', { origin: EVIL_ORIGIN });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('access-control-allow-credentials')).toBeNull();

    const preflight = await send(url, {
      method: 'OPTIONS',
      headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('answers a preflight from a configured origin with that origin and GET, POST; another origin is not allowed', async () => {
    const cors = await serve(production({ TEAMGRAPH_CORS_ORIGINS: APP_ORIGIN }));
    const preflight = (origin: string) =>
      send(cors, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });

    const allowed = await preflight(APP_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(
      allowed.headers
        .get('access-control-allow-methods')
        ?.split(',')
        .map((method) => method.trim()),
    ).toEqual(['GET', 'POST']);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    // The real request from the app gets its origin back and may read the request id.
    const post = await graphql(cors, '{ providers { id } }', { origin: APP_ORIGIN });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(post.headers.get('access-control-expose-headers')).toContain('x-request-id');

    // Another origin gets no CORS header at all (not the listed origin, not `null`), so a browser refuses it.
    const refused = await preflight(EVIL_ORIGIN);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const evilPost = await graphql(cors, '{ providers { id } }', { origin: EVIL_ORIGIN });
    expect(evilPost.headers.get('access-control-allow-origin')).toBeNull();
    const nullOrigin = await graphql(cors, '{ providers { id } }', { origin: 'null' });
    expect(nullOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with several origins, answers each configured one with itself and never echoes another', async () => {
    const admin = 'https://admin.example.com';
    const cors = await serve(production({ TEAMGRAPH_CORS_ORIGINS: `${APP_ORIGIN},${admin}` }));
    for (const origin of [APP_ORIGIN, admin]) {
      const preflight = await send(cors, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('vary')).toContain('Origin');
    }
    for (const origin of [EVIL_ORIGIN, 'null']) {
      const refused = await send(cors, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('a development gateway', () => {
  it('serves the GraphiQL page to a browser GET, rendered once: two GETs are byte-identical', async () => {
    const url = await serve(DEVELOPMENT_SECURITY, { mode: 'SANDBOX', apiKeys: [] });
    const first = await send(url, { method: 'GET', headers: BROWSER_GET });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.raw).toMatch(/<html/i);
    expect(first.raw).toContain('teamgraph');
    const second = await send(url, { method: 'GET', headers: BROWSER_GET });
    expect(second.status).toBe(200);
    expect(second.raw).toBe(first.raw);
  });

  it('renders the offline page (inlined assets) once and serves the same bytes again', async () => {
    const url = await serve(DEVELOPMENT_SECURITY, { mode: 'SANDBOX', apiKeys: [], offlineGraphiQL: true });
    const fetchPage = async () => {
      const response = await fetch(url, { headers: BROWSER_GET });
      return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const first = await fetchPage();
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/html/);
    expect(first.bytes.length).toBeGreaterThan(1_000_000);
    const second = await fetchPage();
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });
});
