// The schema: every type file registers itself on the builder; this module loads them and builds once.
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './enums.js';
import './provider.js';
import './member-filter.js';
import './member.js';
import './member-group.js';
import './organization.js';
import './query.js';
import './errors.js';
import './mutations/index.js';
import { boundEntities } from './federation.js';

/**
 * The served schema: the API plus the Apollo Federation v2 subgraph surface (`@link`, `@key`, `_service`,
 * `_entities`), so a router can compose teamgraph and resolve its entities. The federation version is pinned
 * here rather than left to the plugin's default.
 */
export const schema = builder.toSubGraphSchema({ sortSchema: true, linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
boundEntities(schema);

/**
 * The client-facing schema that schema.graphql prints: the same types and fields without the subgraph surface,
 * which only a router uses (its clients see the composed supergraph, where that surface is gone too). Built on
 * demand, so serving never pays for a second build.
 */
export function clientSchema(): GraphQLSchema {
  return builder.toSchema({ sortSchema: true });
}
