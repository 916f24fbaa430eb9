// The Apollo Federation subgraph over HTTP, for a router's key: the SDL a router composes, and _entities answering like node(id:), batched.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAdapters, createAdapters } from '../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../src/providers/types.js';
import { encodeGlobalId } from '../src/resolvers/ids.js';
import { SANDBOX_PROVIDERS, startSandbox, type Sandbox, type SandboxProvider } from '../src/sandbox/index.js';
import { createGateway } from '../src/server/gateway.js';
import { sandboxProviderConfigs } from '../src/server/sandbox-providers.js';
import { apiKey } from './support/keys.js';
import { captureLogs } from './support/logs.js';

interface GraphQLErrorJson {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string };
}
interface GraphQLResponse<D> {
  data?: D;
  errors?: GraphQLErrorJson[];
}
interface Representation {
  __typename: string;
  id?: unknown;
}
type Entity = Record<string, unknown> | null;

interface GroupSeen {
  id: string;
  externalId: string;
  members: { edges: Array<{ node: { id: string } }> };
}
interface OrganizationSeen {
  id: string;
  provider: ProviderId;
  teams: { edges: Array<{ node: GroupSeen }> };
  userGroups: { edges: Array<{ node: GroupSeen }> };
}

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;
let server: Server;
let endpoint: string;
/** What the seeded sandbox holds, read once through the API: organizations with a few groups and members each. */
let organizations: OrganizationSeen[];

const SIMULATOR: Record<ProviderId, SandboxProvider> = {
  GOODACCESS: 'goodaccess',
  GITBOOK: 'gitbook',
  BIRD: 'bird',
  CHECKMARX: 'checkmarx',
  CLOUDFLARE: 'cloudflare',
};

/** The fields each entity type is compared on: its own and, through references, its neighbours'. */
const FIELDS: Record<string, string> = {
  Organization: 'id provider externalId name',
  Team: 'id provider externalId name memberCount path organization { id name }',
  UserGroup: 'id provider externalId name memberCount createdAt organization { id name }',
  Member: 'id provider memberId userId email displayName role status joinedAt group { id name } organization { id }',
};
const SELECTION = Object.entries(FIELDS)
  .map(([type, fields]) => `... on ${type} { __typename ${fields} }`)
  .join(' ');

/** A router's key: the subgraph schema (`federation`) and the data it forwards queries for (`read`). */
const ROUTER_KEY = 'federation-router-key-0001';
/** A client's key: the client schema, where the federation surface does not exist. */
const CLIENT_KEY = 'federation-client-key-0001';

async function graphql<D>(query: string, variables: Record<string, unknown> = {}, key = ROUTER_KEY): Promise<GraphQLResponse<D>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphQLResponse<D>;
}

async function entities(representations: Representation[]): Promise<GraphQLResponse<{ _entities: Entity[] }>> {
  return graphql(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ${SELECTION} } }`, { representations });
}

async function nodes(ids: string[]): Promise<Entity[]> {
  const result = await graphql<{ nodes: Entity[] }>(`query ($ids: [ID!]!) { nodes(ids: $ids) { ${SELECTION} } }`, { ids });
  expect(result.errors).toBeUndefined();
  return result.data!.nodes;
}

/** Every upstream request the simulators answered since the last clear, per simulator. */
function upstream(): Record<SandboxProvider, Array<{ method: string; path: string }>> {
  return Object.fromEntries(SANDBOX_PROVIDERS.map((name) => [name, sandbox.servers[name].log.list()])) as unknown as Record<
    SandboxProvider,
    Array<{ method: string; path: string }>
  >;
}
const upstreamCount = () => Object.values(upstream()).reduce((sum, calls) => sum + calls.length, 0);

const groupsOf = (org: OrganizationSeen) => [...org.teams.edges, ...org.userGroups.edges].map((e) => e.node);

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox));
  const apiKeys = [apiKey('router', ROUTER_KEY, ['read', 'federation']), apiKey('dashboard', CLIENT_KEY, ['read'])];
  server = createServer(createGateway({ adapters, mode: 'SANDBOX', apiKeys, logger: captureLogs().logger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const group = 'edges { node { id externalId members(first: 3) { edges { node { id } } } } }';
  const seen = await graphql<{ organizations: { edges: Array<{ node: OrganizationSeen }> } }>(
    `{ organizations(first: 50) { edges { node { id provider teams(first: 2) { ${group} } userGroups(first: 2) { ${group} } } } } }`,
  );
  expect(seen.errors).toBeUndefined();
  organizations = seen.data!.organizations.edges.map((e) => e.node);
  expect(new Set(organizations.map((o) => o.provider)).size).toBe(5);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (adapters) await closeAdapters(adapters);
  await sandbox?.stop();
});

beforeEach(() => {
  for (const name of SANDBOX_PROVIDERS) sandbox.servers[name].log.clear();
});

describe('_service { sdl }', () => {
  it('is the committed subgraph.graphql, which CI hands to a schema registry', async () => {
    const result = await graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!._service.sdl).toBe(readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8'));
  });

  it('declares the five entities keyed by id under a federation v2 @link', async () => {
    const result = await graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(result.errors).toBeUndefined();
    const document = parse(result.data!._service.sdl);
    const args = (d: ConstDirectiveNode) => Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, a.value]));

    const schemaDefinition = document.definitions.find((d) => d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION);
    const link = schemaDefinition?.directives?.find((d) => d.name.value === 'link');
    expect(link && args(link).url).toMatchObject({ kind: Kind.STRING, value: expect.stringMatching(/^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/) });

    const keys = new Map<string, string[]>();
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
      const fields = (definition.directives ?? [])
        .filter((d) => d.name.value === 'key')
        .map((d) => {
          const value = args(d).fields;
          return value?.kind === Kind.STRING ? value.value : '';
        });
      if (fields.length) keys.set(definition.name.value, fields);
    }
    expect(Object.fromEntries(keys)).toEqual({ Organization: ['id'], Team: ['id'], UserGroup: ['id'], Member: ['id'], Person: ['id'] });
  });
});

describe('the schema each caller is served', () => {
  /** The subgraph surface: fields, types, and the directives a router reads (none of which a client needs). */
  const FEDERATION_NAMES = [
    '_entities',
    '_service',
    '_Any',
    '_Entity',
    '_Service',
    'link__Import',
    'link__Purpose',
    'FieldSet',
    'link',
    'key',
    'shareable',
    'inaccessible',
  ];
  const INTROSPECTION = '{ __schema { queryType { fields { name } } types { name } directives { name } } }';
  interface Seen {
    __schema: { queryType: { fields: Array<{ name: string }> }; types: Array<{ name: string }>; directives: Array<{ name: string }> };
  }
  const names = (seen: Seen) => [
    ...seen.__schema.queryType.fields.map((f) => f.name),
    ...seen.__schema.types.map((t) => t.name),
    ...seen.__schema.directives.map((d) => d.name),
  ];

  it('a client key sees no federation internals, in introspection or otherwise', async () => {
    const result = await graphql<Seen>(INTROSPECTION, {}, CLIENT_KEY);
    expect(result.errors).toBeUndefined();
    const seen = names(result.data!);
    expect(seen).toEqual(expect.arrayContaining(['node', 'nodes', 'organizations', 'providers', 'Node', 'PageInfo']));
    expect(seen.filter((name) => FEDERATION_NAMES.includes(name) || name.startsWith('federation__') || name.startsWith('join__'))).toEqual([]);
    for (const query of ['{ _service { sdl } }', '{ _entities(representations: []) { __typename } }']) {
      const refused = await graphql(query, {}, CLIENT_KEY);
      expect(refused.data, query).toBeUndefined();
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
    expect(upstreamCount()).toBe(0);
  });

  it('a router key (read+federation) sees the subgraph surface', async () => {
    const result = await graphql<Seen>(INTROSPECTION);
    expect(result.errors).toBeUndefined();
    expect(names(result.data!)).toEqual(expect.arrayContaining(['_entities', '_service', '_Any', '_Entity', '_Service', 'node', 'organizations']));
  });
});

describe('_entities', () => {
  it('resolves each entity type to the same data as nodes(ids:), across every provider', async () => {
    const ids: Record<string, string[]> = {
      Organization: organizations.map((o) => o.id),
      Team: organizations.flatMap((o) => o.teams.edges.map((e) => e.node.id)),
      UserGroup: organizations.flatMap((o) => o.userGroups.edges.map((e) => e.node.id)),
      Member: organizations.flatMap((o) => groupsOf(o).flatMap((g) => g.members.edges.slice(0, 1).map((e) => e.node.id))),
    };
    // Teams on GitBook, Bird and Checkmarx; user groups on GoodAccess and Cloudflare; members on all five.
    expect(new Set(ids.Team!.map((id) => organizations.find((o) => o.teams.edges.some((e) => e.node.id === id))!.provider)).size).toBe(3);
    expect(new Set(ids.UserGroup!.map((id) => organizations.find((o) => o.userGroups.edges.some((e) => e.node.id === id))!.provider)).size).toBe(2);

    for (const [type, list] of Object.entries(ids)) {
      expect(list.length, type).toBeGreaterThan(0);
      const expected = await nodes(list);
      expect(
        expected.every((node) => node !== null && node.__typename === type),
        type,
      ).toBe(true);
      const result = await entities(list.map((id) => ({ __typename: type, id })));
      expect(result.errors, type).toBeUndefined();
      expect(result.data!._entities, type).toEqual(expected);
    }
  });

  it('answers null for an entity the provider no longer has, as node(id:) does', async () => {
    const gone = encodeGlobalId('Organization', JSON.stringify(['GITBOOK', 'org-that-is-not-there']));
    expect(await nodes([gone])).toEqual([null]);
    const result = await entities([{ __typename: 'Organization', id: gone }]);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null]);
  });

  it('batches member representations: at most one upstream call per group, whatever the mix of groups and providers', async () => {
    // Two groups per provider with members (up to three each): interleaved, as a router sends them.
    const picked = organizations.flatMap((org) =>
      groupsOf(org)
        .filter((g) => g.members.edges.length > 0)
        .slice(0, 2)
        .map((g) => ({ provider: org.provider, group: g, members: g.members.edges.map((e) => e.node.id) })),
    );
    expect(new Set(picked.map((p) => p.provider)).size).toBe(5);
    const representations = [0, 1, 2].flatMap((i) => picked.flatMap((p) => (i < p.members.length ? [{ __typename: 'Member', id: p.members[i]! }] : [])));
    expect(representations.length).toBeGreaterThanOrEqual(20);

    const result = await graphql<{ _entities: Array<{ id: string; memberId: string; status: string } | null> }>(
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Member { id memberId status } } }',
      { representations },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((m) => m?.id)).toEqual(representations.map((r) => r.id));

    const calls = upstream();
    for (const provider of new Set(picked.map((p) => p.provider))) {
      const groups = picked.filter((p) => p.provider === provider).map((p) => p.group.externalId.toLowerCase());
      const log = calls[SIMULATOR[provider]];
      // Each call reads one group's members: its path names the group, and no group is read twice.
      const segments = log.map((call) => call.path.toLowerCase().split('/').map(decodeURIComponent));
      const perGroup = groups.map((group) => segments.filter((s) => s.includes(group)).length);
      expect(
        log.every((call) => call.method === 'GET'),
        provider,
      ).toBe(true);
      expect(
        perGroup.every((n) => n <= 1),
        `${provider}: calls per group ${perGroup.join(', ')}`,
      ).toBe(true);
      expect(log.length, `${provider}: ${log.map((c) => c.path).join(' ')}`).toBeLessThanOrEqual(groups.length);
    }
  });
});

describe('malformed representations', () => {
  const memberId = () => organizations.flatMap((o) => groupsOf(o).flatMap((g) => g.members.edges.map((e) => e.node.id)))[0]!;
  const teamId = () => organizations.flatMap((o) => o.teams.edges.map((e) => e.node.id))[0]!;
  const userGroupId = () => organizations.flatMap((o) => o.userGroups.edges.map((e) => e.node.id))[0]!;

  it('fail each with BAD_USER_INPUT, naming what is wrong, and cost no upstream call', async () => {
    const bad: Array<[Representation, RegExp]> = [
      [{ __typename: 'Member', id: 'not-an-id' }, /Malformed id/],
      [{ __typename: 'Member', id: teamId() }, /is a Team id; expected Member/],
      [{ __typename: 'Team', id: userGroupId() }, /is a UserGroup id; expected Team/],
      [{ __typename: 'UserGroup', id: encodeGlobalId('UserGroup', JSON.stringify(['NOT_A_PROVIDER', 'x', 'y'])) }, /unknown provider/],
      [{ __typename: 'Member', id: encodeGlobalId('Member', JSON.stringify(['GITBOOK', 'org'])) }, /expected 3 path segments/],
      [{ __typename: 'Organization', id: 42 }, /id as a string/],
      [{ __typename: 'Organization' }, /id as a string/],
    ];
    const result = await entities(bad.map(([representation]) => representation));
    expect(result.data!._entities).toEqual(bad.map(() => null));
    const errors = result.errors ?? [];
    expect(errors).toHaveLength(bad.length);
    bad.forEach(([, message], index) => {
      const error = errors.find((e) => e.path?.[1] === index);
      expect(error?.extensions?.code, `representation ${index}`).toBe('BAD_USER_INPUT');
      expect(error?.message, `representation ${index}`).toMatch(message);
    });
    expect(upstreamCount()).toBe(0);
  });

  it('fail only their own entries: the valid representations in the same batch still resolve', async () => {
    const result = await entities([
      { __typename: 'Member', id: 'not-an-id' },
      { __typename: 'Member', id: memberId() },
      { __typename: 'Member', id: teamId() },
    ]);
    expect(result.data!._entities[0]).toBeNull();
    expect(result.data!._entities[1]).toMatchObject({ __typename: 'Member', id: memberId() });
    expect(result.data!._entities[2]).toBeNull();
    expect(result.errors?.map((e) => [e.path?.[1], e.extensions?.code])).toEqual([
      [0, 'BAD_USER_INPUT'],
      [2, 'BAD_USER_INPUT'],
    ]);
  });
});
