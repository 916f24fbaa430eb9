// The authorization matrix: every caller (API keys, JWTs good and bad, none) × every root field × path spellings, on `npm start` and on the Lambda handler.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createHttpApiHandler } from '../../src/lambda/http-api.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../../src/providers/types.js';
import { startSandbox, SANDBOX_PROVIDERS, type Sandbox } from '../../src/sandbox/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { httpApiEvent } from '../lambda/support/http-api-event.js';
import { captureLogs, leakedSecrets, remember } from '../support/logs.js';
import { startNpmStart } from '../support/npm-start.js';

const ISSUER = 'https://login.example.test/';
const AUDIENCE = 'teamgraph-api';
const KEYS = {
  read: 'matrix-read-key-0001',
  readwrite: 'matrix-write-key-0001',
  trace: 'matrix-trace-key-0001',
  writeonly: 'matrix-writeonly-key-0001',
  router: 'matrix-router-key-0001',
  federation: 'matrix-federation-key-0001',
};
const API_KEYS =
  `dash:${KEYS.read}:read;sync:${KEYS.readwrite}:read+write;ops:${KEYS.trace}:read+trace;prov:${KEYS.writeonly}:write;` +
  `router:${KEYS.router}:read+federation;registry:${KEYS.federation}:federation`;

/** One root field and an operation that selects only it; mutation inputs fail validation, so no write is ever made. */
interface FieldCase {
  type: 'query' | 'mutation';
  field: string;
  text: string;
  variables?: (ids: { organization: string }) => Record<string, unknown>;
}

const FIELD_CASES: FieldCase[] = [
  { type: 'query', field: 'node', text: 'query($id: ID!) { node(id: $id) { id } }', variables: (ids) => ({ id: ids.organization }) },
  { type: 'query', field: 'nodes', text: 'query($id: ID!) { nodes(ids: [$id]) { id } }', variables: (ids) => ({ id: ids.organization }) },
  { type: 'query', field: 'organizations', text: '{ organizations(first: 1, provider: GOODACCESS) { edges { node { id name } } } }' },
  { type: 'query', field: 'providers', text: '{ providers { id } }' },
  { type: 'query', field: 'person', text: '{ person(email: "nobody@example.com") { id email } }' },
  { type: 'query', field: 'people', text: '{ people(first: 1, filter: { providers: [GOODACCESS] }) { edges { node { id email } } } }' },
  {
    type: 'query',
    field: '_entities',
    text: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id name } } }',
    variables: (ids) => ({ r: [{ __typename: 'Organization', id: ids.organization }] }),
  },
  { type: 'query', field: '_service', text: '{ _service { sdl } }' },
  { type: 'query', field: '__schema', text: '{ __schema { queryType { name } } }' },
  { type: 'query', field: '__type', text: '{ __type(name: "Member") { name } }' },
  { type: 'query', field: '__typename', text: '{ __typename }' },
  { type: 'mutation', field: 'addMembers', text: 'mutation { addMembers(input: { groupId: "bad", members: [{ email: "a@example.com" }] }) { __typename } }' },
  { type: 'mutation', field: 'removeMembers', text: 'mutation { removeMembers(input: { groupId: "bad", memberIds: ["bad"] }) { __typename } }' },
  { type: 'mutation', field: 'setMembers', text: 'mutation { setMembers(input: { groupId: "bad", members: [] }) { __typename } }' },
  { type: 'mutation', field: 'setMemberRole', text: 'mutation { setMemberRole(input: { memberId: "bad", role: OWNER }) { __typename } }' },
  { type: 'mutation', field: 'createMember', text: 'mutation { createMember(input: {}) { __typename } }' },
  { type: 'mutation', field: 'updateMember', text: 'mutation { updateMember(input: { memberId: "bad" }) { __typename } }' },
  { type: 'mutation', field: 'deleteMember', text: 'mutation { deleteMember(input: { memberId: "bad" }) { __typename } }' },
  { type: 'mutation', field: 'disconnectMember', text: 'mutation { disconnectMember(input: { memberId: "bad" }) { __typename } }' },
  // A dry run too: offboarding needs `write` even to plan, and a malformed e-mail is refused before any read.
  { type: 'mutation', field: 'offboardPerson', text: 'mutation { offboardPerson(input: { email: "bad", dryRun: true }) { __typename } }' },
  { type: 'mutation', field: '__typename', text: 'mutation { __typename }' },
];

/**
 * The documented policy (README, Security), written out here rather than read from the code under test: each field
 * lists the sets of scopes that admit a caller (any one set, all of its scopes). Query fields need `read`; the
 * schema (`__schema`, `__type`) and `__typename` need `read` or `write`; `_service` needs `federation`, `_entities`
 * `read` and `federation`; mutations need `write`.
 */
const POLICY: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  node: [['read']],
  nodes: [['read']],
  organizations: [['read']],
  providers: [['read']],
  person: [['read']],
  people: [['read']],
  _entities: [['read', 'federation']],
  _service: [['federation']],
  __schema: [['read'], ['write']],
  __type: [['read'], ['write']],
  __typename: [['read'], ['write']],
};
/** Root fields only the subgraph schema has: a caller without `federation` is served the client schema, without them. */
const SUBGRAPH_ONLY = new Set(['_entities', '_service']);

/** Who calls: the Authorization header, and the scopes the gateway must grant (null: refused at the gate). */
interface CallerCase {
  name: string;
  authorization: () => string | undefined;
  scopes: readonly string[] | null;
}

/** Spellings of the path that must never execute anything, key or not. */
const PATH_VARIANTS = ['/graphql/', '//graphql', '/x/graphql', '/graphql/.', '/GRAPHQL', '/%67raphql', '/graphql%2F', '/graphql/..;/graphql', '/'];

interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
  /** Upstream calls this request cost. */
  calls: number;
}

interface Target {
  send(path: string, authorization: string | undefined, payload: { query: string; variables?: Record<string, unknown> }): Promise<Answer>;
}

// ---- JWT issuer on 127.0.0.1 ----
let jwks: Server;
let jwksUrl = '';
const tokens: Record<string, string> = {};

async function startIssuer(): Promise<void> {
  const good = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  const now = Math.floor(Date.now() / 1000);
  const sign = (
    claims: Record<string, unknown>,
    options: { key?: CryptoKey; kid?: string; iss?: string; aud?: string; iat?: number; exp?: number; nbf?: number } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setSubject('user-42')
      .setIssuedAt(options.iat ?? now)
      .setNotBefore(options.nbf ?? now - 5)
      .setExpirationTime(options.exp ?? now + 600)
      .sign(options.key ?? good.privateKey);
  tokens.read = await sign({ scope: 'read' });
  tokens.readwrite = await sign({ scope: 'read write' });
  tokens.router = await sign({ scope: 'read federation' });
  tokens.noscope = await sign({});
  tokens.expired = await sign({ scope: 'read write' }, { iat: now - 7200, nbf: now - 7200, exp: now - 3600 });
  tokens.notyet = await sign({ scope: 'read write' }, { nbf: now + 3600, exp: now + 7200 });
  tokens.audience = await sign({ scope: 'read write' }, { aud: 'another-api' });
  tokens.issuer = await sign({ scope: 'read write' }, { iss: 'https://evil.example.test/' });
  tokens.kid = await sign({ scope: 'read write' }, { key: stranger.privateKey, kid: 'k-unknown' });
  tokens.forged = await sign({ scope: 'read write' }, { key: stranger.privateKey, kid: 'k1' });
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  tokens.none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: 'x', scope: 'read write', exp: now + 600 })}.`;
  const hmac = new TextEncoder().encode('a-shared-secret-that-is-long-enough-32');
  tokens.hs256 = await new SignJWT({ scope: 'read write' })
    .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime(now + 600)
    .sign(hmac);
}

const CALLERS: CallerCase[] = [
  { name: 'no credentials', authorization: () => undefined, scopes: null },
  { name: 'an unknown key', authorization: () => 'Bearer matrix-unknown-key-0001', scopes: null },
  { name: 'Basic auth', authorization: () => `Basic ${Buffer.from(`dash:${KEYS.read}`).toString('base64')}`, scopes: null },
  { name: 'an empty bearer', authorization: () => 'Bearer ', scopes: null },
  { name: 'the sandbox key (not configured here)', authorization: () => 'Bearer sandbox', scopes: null },
  { name: 'a read key', authorization: () => `Bearer ${KEYS.read}`, scopes: ['read'] },
  { name: 'a read+write key', authorization: () => `Bearer ${KEYS.readwrite}`, scopes: ['read', 'write'] },
  { name: 'a read+trace key', authorization: () => `Bearer ${KEYS.trace}`, scopes: ['read', 'trace'] },
  { name: 'a write-only key', authorization: () => `Bearer ${KEYS.writeonly}`, scopes: ['write'] },
  { name: 'a read+federation key (a router)', authorization: () => `Bearer ${KEYS.router}`, scopes: ['read', 'federation'] },
  { name: 'a federation-only key', authorization: () => `Bearer ${KEYS.federation}`, scopes: ['federation'] },
  { name: 'a JWT with read', authorization: () => `Bearer ${tokens.read}`, scopes: ['read'] },
  { name: 'a JWT with read write', authorization: () => `Bearer ${tokens.readwrite}`, scopes: ['read', 'write'] },
  { name: 'a JWT with read federation', authorization: () => `Bearer ${tokens.router}`, scopes: ['read', 'federation'] },
  { name: 'a JWT without a scope', authorization: () => `Bearer ${tokens.noscope}`, scopes: [] },
  { name: 'an expired JWT', authorization: () => `Bearer ${tokens.expired}`, scopes: null },
  { name: 'a JWT not yet valid', authorization: () => `Bearer ${tokens.notyet}`, scopes: null },
  { name: 'a JWT for another audience', authorization: () => `Bearer ${tokens.audience}`, scopes: null },
  { name: 'a JWT from another issuer', authorization: () => `Bearer ${tokens.issuer}`, scopes: null },
  { name: 'a JWT with alg none', authorization: () => `Bearer ${tokens.none}`, scopes: null },
  { name: 'a JWT signed by an unknown kid', authorization: () => `Bearer ${tokens.kid}`, scopes: null },
  { name: 'a JWT whose signature does not verify', authorization: () => `Bearer ${tokens.forged}`, scopes: null },
  { name: 'an HS256 JWT', authorization: () => `Bearer ${tokens.hs256}`, scopes: null },
];

const ENV = {
  TEAMGRAPH_SANDBOX: 'on',
  TEAMGRAPH_API_KEYS: API_KEYS,
  TEAMGRAPH_JWT_ISSUER: ISSUER,
  TEAMGRAPH_JWT_AUDIENCE: AUDIENCE,
};

function parse(text: string): Answer['body'] {
  try {
    return JSON.parse(text) as Answer['body'];
  } catch {
    return null;
  }
}

/** What the matrix requires of one cell. */
function expectCell(answer: Answer, caller: CallerCase, field: FieldCase): void {
  const where = `${caller.name} × ${field.type} ${field.field}`;
  const codes = (answer.body?.errors ?? []).map((e) => e.extensions?.code);
  expect(
    codes.every((code) => typeof code === 'string'),
    `${where}: every error has a code`,
  ).toBe(true);
  expect(answer.text, where).not.toContain('originalError');
  if (caller.scopes === null) {
    expect(answer.status, where).toBe(401);
    expect(codes, where).toEqual(['UNAUTHENTICATED']);
    expect(answer.body?.data, where).toBeUndefined();
    expect(answer.calls, `${where}: upstream calls`).toBe(0);
    return;
  }
  if (SUBGRAPH_ONLY.has(field.field) && !caller.scopes.includes('federation')) {
    // Not in the schema this caller is served: validation refuses it before anything runs.
    expect(answer.status, where).toBe(200);
    // `_entities` takes `[_Any!]!`, a type the client schema lacks too: one error for each, all of this code.
    expect(codes.length, where).toBeGreaterThan(0);
    expect(new Set(codes), where).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(answer.body?.data, where).toBeUndefined();
    expect(answer.calls, `${where}: upstream calls`).toBe(0);
    return;
  }
  const allowed = (POLICY[field.field] ?? []).some((set) => set.every((scope) => caller.scopes?.includes(scope)));
  if (field.type === 'mutation' && field.field !== '__typename') {
    // Mutations answer their typed ForbiddenError without the write scope, and never reach a provider either way.
    expect(answer.status, where).toBe(200);
    const typename = (answer.body?.data?.[field.field] as { __typename?: string } | undefined)?.__typename;
    expect(typename, where).toBe(caller.scopes.includes('write') ? 'ValidationError' : 'ForbiddenError');
    expect(answer.calls, `${where}: upstream calls`).toBe(0);
    return;
  }
  if (allowed) {
    expect(codes, where).not.toContain('FORBIDDEN');
    expect(answer.body?.data && field.field in answer.body.data, `${where}: the field answers`).toBe(true);
  } else {
    expect(codes, where).toEqual(['FORBIDDEN']);
    expect(answer.body?.data ?? null, where).toBeNull();
    expect(answer.calls, `${where}: upstream calls`).toBe(0);
  }
}

function matrix(name: string, start: () => Promise<{ target: Target; organizationId: string; stop: () => Promise<void> }>): void {
  describe(name, () => {
    let target: Target;
    let organizationId = '';
    let stop: () => Promise<void> = async () => {};

    beforeAll(async () => {
      ({ target, organizationId, stop } = await start());
    }, 60_000);
    afterAll(async () => {
      await stop();
      expect(leakedSecrets(Object.values(tokens))).toEqual([]);
    });

    it.each(CALLERS.map((caller) => [caller.name, caller] as const))('%s: every root field is answered as its scopes allow', async (_name, caller) => {
      for (const field of FIELD_CASES) {
        const answer = await target.send('/graphql', caller.authorization(), {
          query: field.text,
          variables: field.variables?.({ organization: organizationId }) ?? {},
        });
        expectCell(answer, caller, field);
      }
    });

    it.each(PATH_VARIANTS.map((path) => [path] as const))('%s executes nothing, with or without a key', async (path) => {
      for (const authorization of [undefined, `Bearer ${KEYS.readwrite}`, `Bearer ${tokens.readwrite}`]) {
        for (const field of FIELD_CASES) {
          const answer = await target.send(path, authorization, { query: field.text, variables: field.variables?.({ organization: organizationId }) ?? {} });
          expect(answer.status, `${path} ${field.field}`).toBe(404);
          expect(answer.body?.data, `${path} ${field.field}`).toBeUndefined();
          expect(answer.body?.errors?.[0]?.extensions?.code, `${path} ${field.field}`).toBe('NOT_FOUND');
          expect(answer.calls).toBe(0);
        }
      }
    });
  });
}

beforeAll(startIssuer);
afterAll(async () => {
  await new Promise((resolve) => jwks.close(resolve));
});

/** The organization id every cell's node/_entities asks for: GoodAccess's tenant, read with the read key. */
async function firstOrganization(target: Target): Promise<string> {
  const answer = await target.send('/graphql', `Bearer ${KEYS.read}`, { query: '{ organizations(first: 1, provider: GOODACCESS) { edges { node { id } } } }' });
  const id = (answer.body?.data?.organizations as { edges: Array<{ node: { id: string } }> } | undefined)?.edges[0]?.node.id;
  if (!id) throw new Error(`no organization: ${answer.text}`);
  return id;
}

matrix('npm start (a real process, sandbox with keys and a JWT issuer configured)', async () => {
  const server = await startNpmStart({ ...ENV, TEAMGRAPH_JWT_JWKS_URL: jwksUrl });
  const origin = new URL(server.url).origin;
  /** The request's own log line, by the x-request-id the response carried: its upstreamCalls is what it cost. */
  const lineOf = async (requestId: string): Promise<Record<string, unknown>> => {
    const until = Date.now() + 5000;
    for (;;) {
      const line = server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.requestId === requestId && l.msg === 'request');
      if (line) return line;
      if (Date.now() > until) throw new Error(`no log line for ${requestId}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const target: Target = {
    async send(path, authorization, payload) {
      // node's fetch normalises paths; a raw request keeps the spelling an attacker would send.
      const { request } = await import('node:http');
      const body = JSON.stringify(payload);
      const { status, text, requestId } = await new Promise<{ status: number; text: string; requestId: string }>((resolve, reject) => {
        const req = request(`${origin}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(authorization !== undefined ? { authorization } : {}) },
        });
        req.on('response', (res) => {
          let data = '';
          res.on('data', (chunk: Buffer) => (data += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data, requestId: String(res.headers['x-request-id'] ?? '') }));
        });
        req.on('error', reject);
        req.end(body);
      });
      remember(text);
      const line = await lineOf(requestId);
      return { status, text, body: parse(text), calls: Number(line.upstreamCalls) };
    },
  };
  const organizationId = await firstOrganization(target);
  return {
    target,
    organizationId,
    async stop() {
      remember(server.output());
      await server.stop();
    },
  };
});

matrix('the Lambda handler (HTTP API events, configuration from the same environment)', async () => {
  const sandbox: Sandbox = await startSandbox();
  const adapters: Map<ProviderId, ProviderAdapter> = await createAdapters(sandboxProviderConfigs(sandbox));
  const config = loadConfig({ ...ENV, TEAMGRAPH_JWT_JWKS_URL: jwksUrl });
  const gateway = createGateway({
    adapters,
    mode: 'SANDBOX',
    apiKeys: config.apiKeys,
    jwt: config.jwt,
    security: config.security,
    logger: captureLogs().logger,
    offlineGraphiQL: false,
  });
  const handler = createHttpApiHandler(async () => gateway);
  const simulatorCalls = () => SANDBOX_PROVIDERS.reduce((sum, name) => sum + sandbox.servers[name].log.list().length, 0);
  const target: Target = {
    async send(path, authorization, payload) {
      SANDBOX_PROVIDERS.forEach((name) => sandbox.servers[name].log.clear());
      const result = await handler(
        httpApiEvent({
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
          body: JSON.stringify(payload),
        }),
      );
      remember(result.body);
      return { status: result.statusCode, text: result.body, body: parse(result.body), calls: simulatorCalls() };
    },
  };
  const organizationId = await firstOrganization(target);
  return {
    target,
    organizationId,
    async stop() {
      await closeAdapters(adapters);
      await sandbox.stop();
    },
  };
});
