// Trusted documents: the example manifest is valid and honestly hashed, persisted-only callers run nothing else, and the config rules hold.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getOperationAST, parse, validate } from 'graphql';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadSecurityConfig, loadTrustedDocuments, sha256Hex, type SecurityConfig } from '../../src/config-security.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import type { Adapters } from '../../src/resolvers/loaders.js';
import { SANDBOX_PROVIDERS, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { clientSchema } from '../../src/schema/index.js';
import { createGateway, DEVELOPMENT_SECURITY } from '../../src/server/gateway.js';
import { parseJwtSettings, type JwtSettings } from '../../src/config-jwt.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import type { GraphQLErrorShape } from '../support/gateway.js';
import { apiKey } from '../support/keys.js';
import { captureLogs, leakedSecrets, remember, type CapturedLogs } from '../support/logs.js';

const MANIFEST_PATH = fileURLToPath(new URL('../../docs/examples/trusted-documents.json', import.meta.url));
const manifest = loadTrustedDocuments(MANIFEST_PATH);

/** The manifest's id of the operation with this name (as the client preset writes it, `sha256:<hex>`). */
function idOf(operationName: string): string {
  for (const [id, text] of manifest) {
    if (getOperationAST(parse(text))?.name?.value === operationName) return id;
  }
  throw new Error(`no operation ${operationName} in the example manifest`);
}
const bareHex = (id: string): string => id.replace(/^sha256:/, '');

const PERSISTED_KEY = 'web-frontend-key-0001';
const ORDINARY_KEY = 'dashboard-any-key-0001';
const ISSUER = 'https://login.example.test/';
const AUDIENCE = 'api://teamgraph';

interface Answer<T> {
  status: number;
  requestId: string | null;
  data: T | null | undefined;
  errors: GraphQLErrorShape[] | undefined;
}

interface Edges<T> {
  edges: Array<{ cursor?: string; node: T }>;
}
interface GroupsData {
  organizations: Edges<{
    id: string;
    provider: string;
    name: string;
    teams: Edges<{ id: string; name: string; memberCount: number | null }>;
    userGroups: Edges<{ id: string; name: string; memberCount: number | null }>;
  }>;
}
interface TeamPageData {
  node: {
    __typename: string;
    id: string;
    name: string;
    members: {
      totalCount: number | null;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ cursor: string; node: { id: string; memberId: string } }>;
    };
  } | null;
}
interface NodeData {
  node: { __typename: string; id: string; provider?: string } | null;
}
interface ProvidersData {
  providers: Array<{ id: string; name: string; mode: string; healthy: boolean }>;
}

let sandbox: Sandbox;
let adapters: Adapters;
let server: Server;
let url: string;
let jwtSigner: CryptoKey;
let captured: CapturedLogs;

/** Upstream requests the simulators answered since the last clear, all providers together. */
const upstreamCalls = (): number => SANDBOX_PROVIDERS.reduce((sum, name) => sum + sandbox.servers[name].log.list().length, 0);
const clearUpstream = (): void => SANDBOX_PROVIDERS.forEach((name) => sandbox.servers[name].log.clear());

async function post<T>(body: Record<string, unknown>, credential: string): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify(body),
  });
  const raw = await response.text();
  remember(raw);
  const parsed = JSON.parse(raw) as { data?: T | null; errors?: GraphQLErrorShape[] };
  return { status: response.status, requestId: response.headers.get('x-request-id'), data: parsed.data, errors: parsed.errors };
}

const codes = (answer: Answer<unknown>): unknown[] => (answer.errors ?? []).map((error) => error.extensions?.code);

async function jwtFor(subject: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: subject, scope: 'read', iat: now, exp: now + 300 })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .sign(jwtSigner);
}

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  jwtSigner = privateKey;
  const jwt: JwtSettings | null = parseJwtSettings({
    TEAMGRAPH_JWT_PUBLIC_KEY: await exportSPKI(publicKey),
    TEAMGRAPH_JWT_ISSUER: ISSUER,
    TEAMGRAPH_JWT_AUDIENCE: AUDIENCE,
    TEAMGRAPH_JWT_ALGORITHMS: 'ES256',
  });
  sandbox = await startSandbox();
  captured = captureLogs();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox));
  // As loadSecurityConfig builds it with the manifest set: JWT callers default to trusted documents only.
  const security: SecurityConfig = { ...DEVELOPMENT_SECURITY, trustedDocuments: loadTrustedDocuments(MANIFEST_PATH), jwtPersistedOnly: true };
  server = createServer(
    createGateway({
      adapters,
      mode: 'SANDBOX',
      apiKeys: [apiKey('web', PERSISTED_KEY, ['read'], true), apiKey('dashboard', ORDINARY_KEY, ['read'])],
      jwt,
      security,
      offlineGraphiQL: false,
      logger: captured.logger,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  const leaks = leakedSecrets([PERSISTED_KEY, ORDINARY_KEY]);
  const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
  server?.closeAllConnections();
  await closed;
  if (adapters) await closeAdapters(adapters);
  await sandbox?.stop();
  expect(leaks).toEqual([]);
});

beforeEach(() => clearUpstream());

describe('the example manifest (docs/examples/trusted-documents.json)', () => {
  it('loads, and every entry is keyed by the sha256 of its exact text, as the client preset writes it', () => {
    expect(manifest.size).toBeGreaterThanOrEqual(3);
    for (const [id, text] of manifest) {
      expect(id, text).toBe(`sha256:${sha256Hex(text)}`);
    }
  });

  it('holds one named query per entry, each valid against the client schema', () => {
    const schema = clientSchema();
    const names: string[] = [];
    for (const text of manifest.values()) {
      const document = parse(text);
      expect(
        validate(schema, document).map((error) => error.message),
        text,
      ).toEqual([]);
      const operations = document.definitions.filter((definition) => definition.kind === 'OperationDefinition');
      expect(operations).toHaveLength(1);
      const operation = getOperationAST(document);
      expect(operation?.operation).toBe('query');
      names.push(operation?.name?.value ?? '');
    }
    expect(names.sort()).toEqual(['NodeRefetch', 'OrganizationGroups', 'Providers', 'TeamPage']);
  });
});

describe('a persisted-only API key', () => {
  it('is refused a query text with PERSISTED_QUERY_ONLY (403) before any upstream call, even the text of a listed operation', async () => {
    for (const query of ['{ providers { id } }', manifest.get(idOf('Providers')) as string]) {
      const answer = await post({ query }, PERSISTED_KEY);
      expect(answer.status).toBe(403);
      expect(answer.data).toBeUndefined();
      expect(codes(answer)).toEqual(['PERSISTED_QUERY_ONLY']);
    }
    // A query beside a documentId is still a query.
    const both = await post({ query: '{ providers { id } }', documentId: idOf('Providers') }, PERSISTED_KEY);
    expect(both.status).toBe(403);
    expect(codes(both)).toEqual(['PERSISTED_QUERY_ONLY']);
    expect(upstreamCalls()).toBe(0);
    // The refusal has its request line like any other request.
    const lines = captured.lines().filter((line) => line.requestId === both.requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request', caller: 'web', status: 403, upstreamCalls: 0, errorCodes: ['PERSISTED_QUERY_ONLY'] });
  });

  it('runs the manifest operations by documentId: a team page paged with $after, a node refetch, the providers', async () => {
    const groups = await post<GroupsData>({ documentId: idOf('OrganizationGroups'), variables: { first: 20 } }, PERSISTED_KEY);
    expect(groups.status).toBe(200);
    expect(groups.errors).toBeUndefined();
    expect(upstreamCalls()).toBeGreaterThan(0);
    const teams =
      groups.data?.organizations.edges.flatMap((edge) => [...edge.node.teams.edges, ...edge.node.userGroups.edges].map((group) => group.node)) ?? [];
    const team = teams.find((group) => (group.memberCount ?? 0) >= 3);
    expect(team, 'a seeded group with at least three members').toBeDefined();
    if (!team) return;

    const first = await post<TeamPageData>({ documentId: idOf('TeamPage'), variables: { id: team.id, first: 2 } }, PERSISTED_KEY);
    expect(first.errors).toBeUndefined();
    expect(first.data?.node?.id).toBe(team.id);
    expect(first.data?.node?.name).toBe(team.name);
    const page1 = first.data?.node?.members;
    expect(page1?.edges).toHaveLength(2);
    expect(page1?.pageInfo.hasNextPage).toBe(true);

    const second = await post<TeamPageData>(
      { documentId: idOf('TeamPage'), variables: { id: team.id, first: 2, after: page1?.pageInfo.endCursor } },
      PERSISTED_KEY,
    );
    expect(second.errors).toBeUndefined();
    const page2 = second.data?.node?.members;
    expect(page2?.edges.length).toBeGreaterThan(0);
    const seen = new Set(page1?.edges.map((edge) => edge.node.id));
    expect(page2?.edges.some((edge) => seen.has(edge.node.id))).toBe(false);

    const member = page1?.edges[0]?.node;
    const refetched = await post<NodeData>({ documentId: idOf('NodeRefetch'), variables: { id: member?.id } }, PERSISTED_KEY);
    expect(refetched.errors).toBeUndefined();
    expect(refetched.data?.node).toMatchObject({ __typename: 'Member', id: member?.id });

    const providers = await post<ProvidersData>({ documentId: idOf('Providers') }, PERSISTED_KEY);
    expect(providers.errors).toBeUndefined();
    expect(providers.data?.providers.map((provider) => provider.id).sort()).toEqual(['BIRD', 'CHECKMARX', 'CLOUDFLARE', 'GITBOOK', 'GOODACCESS']);
  });

  it('finds an operation by its bare hex id too (a manifest key with or without the sha256: prefix)', async () => {
    const answer = await post<ProvidersData>({ documentId: bareHex(idOf('Providers')) }, PERSISTED_KEY);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.providers).toHaveLength(5);
  });

  it('gets PERSISTED_QUERY_NOT_FOUND (400) for an id not in the manifest, with no upstream call', async () => {
    for (const documentId of [`sha256:${sha256Hex('{ providers { id } }')}`, sha256Hex('query Other { providers { name } }'), 'not-a-hash']) {
      const answer = await post({ documentId }, PERSISTED_KEY);
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(codes(answer)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    }
    expect(upstreamCalls()).toBe(0);
  });

  it('gets PERSISTED_QUERY_ID_REQUIRED (400) for a body with neither id nor query', async () => {
    const answer = await post({ variables: {} }, PERSISTED_KEY);
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
    expect(upstreamCalls()).toBe(0);
  });

  it('runs a manifest operation sent as an APQ hash (extensions.persistedQuery.sha256Hash)', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: bareHex(idOf('Providers')) } };
    const answer = await post<ProvidersData>({ extensions }, PERSISTED_KEY);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.providers).toHaveLength(5);

    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ providers { id } }') } } }, PERSISTED_KEY);
    expect(unknown.status).toBe(400);
    expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('persisted operations over GET (cacheable, as the persisted-documents spec sends them)', () => {
  async function get<T>(search: Record<string, string>, credential: string): Promise<Answer<T>> {
    const response = await fetch(`${url}?${new URLSearchParams(search).toString()}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${credential}` },
    });
    const raw = await response.text();
    remember(raw);
    const parsed = JSON.parse(raw) as { data?: T | null; errors?: GraphQLErrorShape[] };
    return { status: response.status, requestId: response.headers.get('x-request-id'), data: parsed.data, errors: parsed.errors };
  }

  it('runs ?documentId= with variables for a persisted-only key', async () => {
    const answer = await get<ProvidersData>({ documentId: idOf('Providers') }, PERSISTED_KEY);
    expect(answer.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.data?.providers).toHaveLength(5);

    const groups = await get<GroupsData>({ documentId: idOf('OrganizationGroups'), variables: JSON.stringify({ first: 1 }) }, PERSISTED_KEY);
    expect(groups.errors).toBeUndefined();
    for (const edge of groups.data?.organizations.edges ?? []) {
      expect(edge.node.teams.edges.length + edge.node.userGroups.edges.length).toBeLessThanOrEqual(2);
    }
  });

  it('runs an APQ hash in ?extensions=, and refuses ?query= to a persisted-only key', async () => {
    const apq = await get<ProvidersData>(
      { extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: bareHex(idOf('Providers')) } }) },
      PERSISTED_KEY,
    );
    expect(apq.errors).toBeUndefined();
    expect(apq.data?.providers).toHaveLength(5);

    const text = await get({ query: '{ providers { id } }' }, PERSISTED_KEY);
    expect(text.status).toBe(403);
    expect(codes(text)).toEqual(['PERSISTED_QUERY_ONLY']);

    const unknown = await get({ documentId: `sha256:${sha256Hex('{ providers { id } }')}` }, PERSISTED_KEY);
    expect(unknown.status).toBe(400);
    expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(upstreamCalls()).toBe(0);
  });
});

describe('an ordinary API key', () => {
  it('may send any query, and documentIds too', async () => {
    const arbitrary = await post<{ providers: Array<{ id: string }> }>({ query: '{ providers { id } }' }, ORDINARY_KEY);
    expect(arbitrary.status).toBe(200);
    expect(arbitrary.errors).toBeUndefined();
    expect(arbitrary.data?.providers).toHaveLength(5);

    const listed = await post<ProvidersData>({ documentId: idOf('Providers') }, ORDINARY_KEY);
    expect(listed.status).toBe(200);
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.providers).toHaveLength(5);

    const unknown = await post({ documentId: 'sha256:0000000000000000000000000000000000000000000000000000000000000000' }, ORDINARY_KEY);
    expect(unknown.status).toBe(400);
    expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('a JWT caller where TEAMGRAPH_JWT_OPERATIONS is persisted (the default with a manifest)', () => {
  it('is refused a query text but runs manifest operations', async () => {
    const token = await jwtFor('user-42');
    const refused = await post({ query: '{ providers { id } }' }, token);
    expect(refused.status).toBe(403);
    expect(codes(refused)).toEqual(['PERSISTED_QUERY_ONLY']);
    expect(upstreamCalls()).toBe(0);

    const listed = await post<ProvidersData>({ documentId: idOf('Providers') }, token);
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.providers).toHaveLength(5);
  });
});

describe('configuration', () => {
  const JWT_ENV = {
    TEAMGRAPH_JWT_JWKS_URL: 'https://login.example.test/.well-known/jwks.json',
    TEAMGRAPH_JWT_ISSUER: ISSUER,
    TEAMGRAPH_JWT_AUDIENCE: AUDIENCE,
  };

  function failure(load: () => unknown): string {
    try {
      load();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('the configuration was accepted');
  }

  it('loads TEAMGRAPH_TRUSTED_DOCUMENTS into the security config, and a persisted key beside it', () => {
    const config = loadConfig({ TEAMGRAPH_API_KEYS: 'web:web-key-0001:read:persisted;dash:dash-key-0001:read', TEAMGRAPH_TRUSTED_DOCUMENTS: MANIFEST_PATH });
    expect(config.security.trustedDocuments?.size).toBe(manifest.size);
    expect(config.apiKeys.map((key) => [key.name, key.persistedOnly])).toEqual([
      ['web', true],
      ['dash', false],
    ]);
  });

  it('refuses a manifest it cannot read or that is not an object of id to text', () => {
    expect(failure(() => loadSecurityConfig({ TEAMGRAPH_TRUSTED_DOCUMENTS: '/nonexistent/persisted-documents.json' }))).toMatch(/cannot read/);
    expect(failure(() => loadTrustedDocuments(fileURLToPath(new URL('../../package.json', import.meta.url))))).toMatch(/must be an id/);
  });

  it('refuses a persisted key without a manifest, in loadConfig (with its variable named) and in createGateway', () => {
    expect(failure(() => loadConfig({ TEAMGRAPH_API_KEYS: 'web:web-key-0001:read:persisted' }))).toMatch(/TEAMGRAPH_TRUSTED_DOCUMENTS/);
    expect(
      failure(() =>
        loadConfig({ TEAMGRAPH_API_KEYS: `dash:dash-key-0001:read;web:sha256=${sha256Hex('web-key-0001')}:read:persisted`, GITBOOK_TOKEN: 'gb-token' }),
      ),
    ).toMatch(/TEAMGRAPH_TRUSTED_DOCUMENTS/);
    // Without the persisted key the same configuration is fine.
    expect(loadConfig({ TEAMGRAPH_API_KEYS: 'dash:dash-key-0001:read' }).apiKeys).toHaveLength(1);
    expect(() =>
      createGateway({
        adapters,
        mode: 'SANDBOX',
        apiKeys: [apiKey('web', PERSISTED_KEY, ['read'], true)],
        logger: captureLogs().logger,
        offlineGraphiQL: false,
      }),
    ).toThrow(/TEAMGRAPH_TRUSTED_DOCUMENTS/);
  });

  it('TEAMGRAPH_JWT_OPERATIONS: persisted by default with a manifest, any without; persisted needs a manifest; nothing else', () => {
    expect(loadSecurityConfig({ TEAMGRAPH_TRUSTED_DOCUMENTS: MANIFEST_PATH }).jwtPersistedOnly).toBe(true);
    expect(loadSecurityConfig({}).jwtPersistedOnly).toBe(false);
    expect(loadSecurityConfig({ TEAMGRAPH_TRUSTED_DOCUMENTS: MANIFEST_PATH, TEAMGRAPH_JWT_OPERATIONS: 'any' }).jwtPersistedOnly).toBe(false);
    expect(loadSecurityConfig({ TEAMGRAPH_TRUSTED_DOCUMENTS: MANIFEST_PATH, TEAMGRAPH_JWT_OPERATIONS: 'persisted' }).jwtPersistedOnly).toBe(true);
    expect(failure(() => loadConfig({ ...JWT_ENV, TEAMGRAPH_JWT_OPERATIONS: 'persisted' }))).toMatch(
      /TEAMGRAPH_JWT_OPERATIONS=persisted needs TEAMGRAPH_TRUSTED_DOCUMENTS/,
    );
    expect(failure(() => loadConfig({ ...JWT_ENV, TEAMGRAPH_TRUSTED_DOCUMENTS: MANIFEST_PATH, TEAMGRAPH_JWT_OPERATIONS: 'some' }))).toMatch(
      /TEAMGRAPH_JWT_OPERATIONS must be persisted or any/,
    );
    expect(loadConfig({ ...JWT_ENV, TEAMGRAPH_TRUSTED_DOCUMENTS: MANIFEST_PATH }).security.jwtPersistedOnly).toBe(true);
  });
});
