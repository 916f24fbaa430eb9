// teamgraph in a supergraph: composed with a second Relay subgraph and with one that extends Member (both composers), then served by Hive Gateway, one _entities request per batch of members.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices as composeWithGuild, compositionHasErrors } from '@theguild/federation-composition';
import { createServerAdapter } from '@whatwg-node/server';
import { type DefinitionNode, type DirectiveNode, type DocumentNode, Kind, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAdapters, createAdapters } from '../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../src/providers/types.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { createGateway } from '../src/server/gateway.js';
import { sandboxProviderConfigs } from '../src/server/sandbox-providers.js';
import { apiKey } from './support/keys.js';
import { captureLogs, leakedSecrets, remember } from './support/logs.js';
import { freePort } from '../scripts/free-port.js';

const require = createRequire(import.meta.url);

/** What a router or a registry composes: the committed file, which test/schema-sdl.test.ts keeps current. */
const TEAMGRAPH_SDL = readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8');

/** Another team's Relay subgraph: its own Node interface, node and nodes, PageInfo and connections, as federation asks. */
const RELAY_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  scalar DateTime

  "An object with a global id."
  interface Node {
    id: ID!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Repository implements Node @key(fields: "id") {
    id: ID!
    name: String!
    createdAt: DateTime!
  }

  type RepositoryEdge {
    cursor: String!
    node: Repository
  }

  type RepositoryConnection {
    pageInfo: PageInfo!
    edges: [RepositoryEdge!]!
    totalCount: Int
  }

  type Query {
    node(id: ID!): Node @shareable
    nodes(ids: [ID!]!): [Node]! @shareable
    repositories(first: Int, after: String): RepositoryConnection!
  }
`;

/** A subgraph that adds a field to teamgraph's Member, keyed by the same global id, and lists members of its own. */
const TRAINING_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Member @key(fields: "id") {
    id: ID!
    trainingCompleted: Boolean
  }

  type Query {
    membersDueTraining: [Member!]!
  }
`;

interface Service {
  name: string;
  typeDefs: DocumentNode;
  url: string;
}

const service = (name: string, sdl: string, url = `http://127.0.0.1:1/${name}`): Service => ({ name, typeDefs: parse(sdl), url });

/** The supergraph SDL from both composers, or their errors' messages. */
function compose(services: Service[]): Record<'apollo' | 'guild', { errors: string[]; supergraphSdl: string }> {
  const apollo = composeWithApollo(services);
  const guild = composeWithGuild(services);
  return {
    apollo: apollo.errors ? { errors: apollo.errors.map((e) => e.message), supergraphSdl: '' } : { errors: [], supergraphSdl: apollo.supergraphSdl },
    guild: compositionHasErrors(guild) ? { errors: guild.errors.map((e) => e.message), supergraphSdl: '' } : { errors: [], supergraphSdl: guild.supergraphSdl },
  };
}

/** A named definition of a supergraph SDL. */
function definition(supergraph: string, name: string): DefinitionNode | undefined {
  return parse(supergraph).definitions.find((d) => 'name' in d && d.name?.value === name);
}

/** A type's or field's `@join__*` and `@inaccessible` directives, each as `name(GRAPH)`: where the supergraph resolves it. */
function joins(node: { readonly directives?: readonly DirectiveNode[] } | undefined): string[] {
  return (node?.directives ?? [])
    .filter((d) => d.name.value.startsWith('join__') || d.name.value === 'inaccessible')
    .map((d) => {
      const graph = d.arguments?.find((a) => a.name.value === 'graph')?.value;
      return `${d.name.value}${graph?.kind === Kind.ENUM ? `(${graph.value})` : ''}`;
    });
}

function fieldOf(supergraph: string, type: string, field: string) {
  const found = definition(supergraph, type);
  if (found?.kind !== Kind.OBJECT_TYPE_DEFINITION && found?.kind !== Kind.INTERFACE_TYPE_DEFINITION) return undefined;
  return found.fields?.find((f) => f.name.value === field);
}

/** Both composers, by package name: Apollo's (rover, GraphOS) and The Guild's (Hive). */
const COMPOSERS = [
  ['@apollo/composition', 'apollo'],
  ['@theguild/federation-composition', 'guild'],
] as const;

describe('composition', () => {
  it.each(COMPOSERS)('with a second Relay subgraph (%s): PageInfo shared, both Node interfaces merged, node kept out of the API', (_name, composer) => {
    const result = compose([service('teamgraph', TEAMGRAPH_SDL), service('repositories', RELAY_SDL)])[composer];
    expect(result.errors).toEqual([]);
    const supergraph = result.supergraphSdl;
    expect(joins(definition(supergraph, 'PageInfo'))).toEqual(expect.arrayContaining(['join__type(TEAMGRAPH)', 'join__type(REPOSITORIES)']));
    for (const field of ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']) expect(fieldOf(supergraph, 'PageInfo', field), field).toBeDefined();
    const node = definition(supergraph, 'Node');
    expect(node?.kind).toBe(Kind.INTERFACE_TYPE_DEFINITION);
    expect(joins(node)).toEqual(expect.arrayContaining(['join__type(TEAMGRAPH)', 'join__type(REPOSITORIES)']));
    // Each subgraph's node resolves only its own ids: the supergraph offers neither (docs/schema.md, Federation).
    for (const field of ['node', 'nodes']) expect(joins(fieldOf(supergraph, 'Query', field)), field).toContain('inaccessible');
    // Everything else of both stays in the API.
    expect(fieldOf(supergraph, 'Query', 'organizations')).toBeDefined();
    expect(fieldOf(supergraph, 'Query', 'repositories')).toBeDefined();
  });

  it.each(COMPOSERS)('with a subgraph that extends Member (%s): its field joins teamgraph’s entity', (_name, composer) => {
    const result = compose([service('teamgraph', TEAMGRAPH_SDL), service('training', TRAINING_SDL)])[composer];
    expect(result.errors).toEqual([]);
    expect(joins(definition(result.supergraphSdl, 'Member'))).toEqual(expect.arrayContaining(['join__type(TEAMGRAPH)', 'join__type(TRAINING)']));
    expect(joins(fieldOf(result.supergraphSdl, 'Member', 'trainingCompleted'))).toEqual(['join__field(TRAINING)']);
    expect(fieldOf(result.supergraphSdl, 'Member', 'displayName')).toBeDefined();
  });

  it.each(COMPOSERS)('with both at once (%s)', (_name, composer) => {
    const result = compose([service('teamgraph', TEAMGRAPH_SDL), service('repositories', RELAY_SDL), service('training', TRAINING_SDL)])[composer];
    expect(result.errors).toEqual([]);
    expect(result.supergraphSdl).toContain('@join__graph(name: "teamgraph"');
  });
});

// ---- Hive Gateway over teamgraph and the training subgraph, all on 127.0.0.1 ----

/** The router's key: `federation` for the subgraph schema, `read` for the client queries it forwards. */
const ROUTER_KEY = 'composition-router-key-0001';
/** A client's key, for reading what to expect straight from teamgraph. */
const CLIENT_KEY = 'composition-client-key-0001';

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}
interface MemberSeen {
  id: string;
  provider: ProviderId;
  displayName: string | null;
  group: { name: string } | null;
}
interface GroupSeen {
  members: { edges: Array<{ node: MemberSeen }> };
}
interface OrganizationsSeen {
  organizations: {
    edges: Array<{
      node: { provider: ProviderId; teams: { edges: Array<{ node: GroupSeen }> } | null; userGroups: { edges: Array<{ node: GroupSeen }> } | null };
    }>;
  };
}
/** The same members, with the field the training subgraph adds. */
interface TrainedOrganizations {
  organizations: {
    edges: Array<{
      node: {
        teams: { edges: Array<{ node: { members: { edges: Array<{ node: MemberSeen & { trainingCompleted: boolean | null } }> } } }> } | null;
        userGroups: { edges: Array<{ node: { members: { edges: Array<{ node: MemberSeen & { trainingCompleted: boolean | null } }> } } }> } | null;
      };
    }>;
  };
}

const MEMBER_FIELDS = 'id provider displayName group { name }';
const GROUPS = `edges { node { members(first: 3) { edges { node { ${MEMBER_FIELDS} } } } } }`;
const ORGANIZATIONS = `organizations(first: 50) { edges { node { provider teams(first: 2) { ${GROUPS} } userGroups(first: 2) { ${GROUPS} } } } }`;

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;
let teamgraph: Server;
let teamgraphUrl = '';
/** teamgraph's own log lines: who called, and what each request cost upstream. */
let teamgraphLogs: ReturnType<typeof captureLogs>;
const requestLines = () => teamgraphLogs.lines().filter((line) => line.msg === 'request');
/** The query text of every POST teamgraph received, in order. */
const teamgraphPosts: string[] = [];
let training: Server;
/** The representations of each `_entities` request the training subgraph received. */
const trainingEntityBatches: Array<Array<{ __typename: string; id: string }>> = [];
let hive: ChildProcess | undefined;
let hiveOutput = '';
let hiveUrl = '';
let workDir = '';
/** Members read straight from teamgraph: the fixture, and what the supergraph must answer for them. */
let members: MemberSeen[] = [];
/** Which members the training subgraph says have completed their training: every other one. */
const completed = new Set<string>();

async function post<T>(url: string, query: string, authorization?: string): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  remember(text);
  expect(response.status, text.slice(0, 500)).toBe(200);
  return JSON.parse(text) as GraphQLAnswer<T>;
}

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
};

/** The root fields a query selects (what a subgraph was asked for), or [] when it does not parse. */
function rootFields(query: unknown): string[] {
  if (typeof query !== 'string') return [];
  try {
    return parse(query).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? d.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) : [],
    );
  } catch {
    return [];
  }
}
/** The root fields of a POSTed JSON body. */
const rootFieldsOf = (body: string): string[] => rootFields((JSON.parse(body) as { query?: unknown }).query);
const entityPostsToTeamgraph = () => teamgraphPosts.filter((body) => rootFieldsOf(body).includes('_entities')).length;

function membersOf(seen: OrganizationsSeen['organizations']): MemberSeen[] {
  return seen.edges.flatMap((e) =>
    [...(e.node.teams?.edges ?? []), ...(e.node.userGroups?.edges ?? [])].flatMap((g) => g.node.members.edges.map((m) => m.node)),
  );
}

async function startTeamgraph(): Promise<void> {
  sandbox = await startSandbox();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox));
  teamgraphLogs = captureLogs([ROUTER_KEY, CLIENT_KEY]);
  const gateway = createGateway({
    adapters,
    mode: 'SANDBOX',
    apiKeys: [apiKey('router', ROUTER_KEY, ['read', 'federation']), apiKey('dashboard', CLIENT_KEY, ['read'])],
    logger: teamgraphLogs.logger,
    offlineGraphiQL: false,
  });
  // In front of the gateway: note each POST's query (a copy of the body), then hand the request on untouched.
  teamgraph = createServer(
    createServerAdapter(async (request: Request) => {
      if (request.method === 'POST') teamgraphPosts.push(await request.clone().text());
      return gateway.fetch(request);
    }),
  );
  teamgraphUrl = await listen(teamgraph);
}

async function startTraining(): Promise<string> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(TRAINING_SDL),
    resolvers: {
      Query: { membersDueTraining: () => members.map((m) => ({ id: m.id })) },
      Member: {
        __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
        trainingCompleted: (member: { id: string }) => completed.has(member.id),
      },
    },
  });
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: [
      {
        onParams({ params }) {
          if (rootFields(params.query).includes('_entities')) {
            const representations = (params.variables as { representations?: Array<{ __typename: string; id: string }> } | undefined)?.representations;
            trainingEntityBatches.push(representations ?? []);
          }
        },
      },
    ],
  });
  training = createServer(yoga);
  return listen(training);
}

async function startHive(trainingUrl: string): Promise<void> {
  workDir = mkdtempSync(path.join(tmpdir(), 'teamgraph-supergraph-'));
  const composed = compose([service('teamgraph', TEAMGRAPH_SDL, teamgraphUrl), service('training', TRAINING_SDL, trainingUrl)]).apollo;
  expect(composed.errors).toEqual([]);
  const supergraphFile = path.join(workDir, 'supergraph.graphql');
  writeFileSync(supergraphFile, composed.supergraphSdl);
  // The router sends its own key to teamgraph (never a client's), read from its environment, not written to a file.
  const configFile = path.join(workDir, 'gateway.config.mjs');
  writeFileSync(
    configFile,
    `export const gatewayConfig = { transportEntries: { teamgraph: { headers: [['authorization', 'Bearer {env.TEAMGRAPH_ROUTER_KEY}']] } } };\n`,
  );
  const port = await freePort();
  // The package's `hive-gateway` bin sits beside its entry point.
  const bin = path.join(path.dirname(require.resolve('@graphql-hive/gateway')), 'bin.js');
  hive = spawn(process.execPath, [bin, 'supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1', '--config-path', configFile], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', TEAMGRAPH_ROUTER_KEY: ROUTER_KEY, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  hive.stdout?.on('data', (chunk: Buffer) => (hiveOutput += chunk.toString()));
  hive.stderr?.on('data', (chunk: Buffer) => (hiveOutput += chunk.toString()));
  // Generous: the first start compiles the gateway's modules. A start, not a speed, is what is waited for.
  const deadline = Date.now() + 60_000;
  while (!hiveOutput.includes('Listening on')) {
    if (hive.exitCode !== null || Date.now() > deadline) throw new Error(`hive-gateway did not start: ${hiveOutput.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  hiveUrl = `http://127.0.0.1:${port}/graphql`;
}

describe('Hive Gateway over the supergraph (a real process)', () => {
  beforeAll(async () => {
    await startTeamgraph();
    const seen = await post<OrganizationsSeen>(teamgraphUrl, `{ ${ORGANIZATIONS} }`, `Bearer ${CLIENT_KEY}`);
    expect(seen.errors).toBeUndefined();
    members = membersOf(seen.data!.organizations);
    for (const [index, member] of members.entries()) if (index % 2 === 0) completed.add(member.id);
    expect(new Set(members.map((m) => m.provider)).size).toBe(5);
    await startHive(await startTraining());
  }, 90_000);

  afterAll(async () => {
    if (hive && hive.exitCode === null) {
      hive.kill('SIGTERM');
      await once(hive, 'exit');
    }
    remember(hiveOutput);
    for (const server of [teamgraph, training]) {
      if (!server) continue;
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    }
    if (adapters) await closeAdapters(adapters);
    await sandbox?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    expect(leakedSecrets([ROUTER_KEY, CLIENT_KEY])).toEqual([]);
  }, 30_000);

  it('teamgraph’s members with the training subgraph’s field: one _entities request for the whole batch', async () => {
    teamgraphPosts.length = 0;
    trainingEntityBatches.length = 0;
    const answer = await post<TrainedOrganizations>(hiveUrl, `{ ${ORGANIZATIONS.replaceAll('group { name }', 'group { name } trainingCompleted')} }`);
    expect(answer.errors).toBeUndefined();
    const trained = answer.data!.organizations.edges.flatMap((e) =>
      [...(e.node.teams?.edges ?? []), ...(e.node.userGroups?.edges ?? [])].flatMap((g) => g.node.members.edges.map((m) => m.node)),
    );
    expect(trained).toEqual(members.map((m) => ({ ...m, trainingCompleted: completed.has(m.id) })));
    // teamgraph answered the list once; the training subgraph got every member of it in one _entities request.
    expect(teamgraphPosts.map(rootFieldsOf)).toEqual([['organizations']]);
    expect(requestLines().at(-1)).toMatchObject({ caller: 'router', status: 200, errorCodes: [] });
    expect(trainingEntityBatches).toHaveLength(1);
    expect(new Set(trainingEntityBatches[0]!.map((r) => r.id))).toEqual(new Set(members.map((m) => m.id)));
  });

  it('the training subgraph’s members with teamgraph’s fields: one _entities request to teamgraph for the whole batch', async () => {
    teamgraphPosts.length = 0;
    trainingEntityBatches.length = 0;
    const answer = await post<{ membersDueTraining: Array<MemberSeen & { trainingCompleted: boolean | null }> }>(
      hiveUrl,
      `{ membersDueTraining { ${MEMBER_FIELDS} trainingCompleted } }`,
    );
    expect(answer.errors).toBeUndefined();
    // Members of every provider and of many groups, all resolved by teamgraph as node(id:) would.
    expect(answer.data!.membersDueTraining).toEqual(members.map((m) => ({ ...m, trainingCompleted: completed.has(m.id) })));
    expect(teamgraphPosts.map(rootFieldsOf)).toEqual([['_entities']]);
    expect(entityPostsToTeamgraph()).toBe(1);
    expect(trainingEntityBatches).toHaveLength(0);
    // And that request cost the providers what the same nodes(ids:) query costs: the request's loaders batch it alike.
    const routed = requestLines().at(-1);
    expect(routed).toMatchObject({ caller: 'router', status: 200, errorCodes: [] });
    const direct = await post<{ nodes: unknown[] }>(
      teamgraphUrl,
      `{ nodes(ids: ${JSON.stringify(members.map((m) => m.id))}) { ... on Member { ${MEMBER_FIELDS} } } }`,
      `Bearer ${CLIENT_KEY}`,
    );
    expect(direct.errors).toBeUndefined();
    expect(Number(routed?.upstreamCalls)).toBeGreaterThan(0);
    expect(routed?.upstreamCalls).toBe(requestLines().at(-1)?.upstreamCalls);
  });

  it('clients of the router see the supergraph: no federation internals, and teamgraph’s node kept out', async () => {
    const answer = await post<{ __schema: { queryType: { fields: Array<{ name: string }> } } }>(hiveUrl, '{ __schema { queryType { fields { name } } } }');
    expect(answer.errors).toBeUndefined();
    const fields = answer.data!.__schema.queryType.fields.map((f) => f.name).sort();
    expect(fields).toEqual(['membersDueTraining', 'organizations', 'people', 'person', 'providers']);
  });
});
