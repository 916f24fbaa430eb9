// The schema: every type file registers itself on the builder; this module loads them and builds once.
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './enums.js';
import './provider.js';
import './member-filter.js';
import './member.js';
import './member-group.js';
import './organization.js';
import './person.js';
import './query.js';
import './errors.js';
import './mutations/index.js';
import { loadApolloSubgraph, printSubgraphSchema } from './apollo-subgraph.js';
import { boundEntities } from './federation.js';

let subgraph: Promise<GraphQLSchema> | null = null;

/**
 * The subgraph schema, served to routers only (callers with the `federation` scope): the API plus the Apollo
 * Federation v2 surface (`@link`, `@key`, `_service`, `_entities`), so a router can compose teamgraph and resolve its
 * entities. The federation version is pinned here rather than left to the plugin's default. Built on first use, not
 * at start: only routers and the SDL printer need it, and building it (federation's validation and SDL included)
 * took a fifth of a Lambda cold start; federation's code loads then too (apollo-subgraph.ts).
 */
export function subgraphSchema(): Promise<GraphQLSchema> {
  subgraph ??= loadApolloSubgraph().then(() => {
    const schema = builder.toSubGraphSchema({ sortSchema: true, linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
    boundEntities(schema);
    return schema;
  });
  return subgraph;
}

/**
 * The client schema, served to every other caller and printed to schema.graphql: the same types and fields without
 * the subgraph surface (a router's clients see the composed supergraph, where that surface is gone too). Built once,
 * beside the subgraph schema, and handed out on every request.
 */
const CLIENT_SCHEMA = builder.toSchema({ sortSchema: true });

export function clientSchema(): GraphQLSchema {
  return CLIENT_SCHEMA;
}

/**
 * The subgraph SDL a router or a schema registry composes, printed to subgraph.graphql: the text `_service { sdl }`
 * answers (the federation plugin prints it with the same function, from the same schema).
 */
export async function subgraphSdl(): Promise<string> {
  return printSubgraphSchema(await subgraphSchema());
}
