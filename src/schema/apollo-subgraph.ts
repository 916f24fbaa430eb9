// @apollo/subgraph, loaded when the subgraph schema is first built: bundles point the federation plugin's imports here.
import type { GraphQLFieldConfig, GraphQLSchema, GraphQLUnionType } from 'graphql';

/*
 * The federation plugin imports @apollo/subgraph at its top, and that brings @apollo/federation-internals: about
 * 380 kB of the Lambda bundle, parsed at every cold start, for the one caller in a thousand that is a router. The
 * bundler (deploy/bundle.mjs) points the plugin's two imports at this module, whose bindings stay empty until
 * `loadApolloSubgraph` fills them from a chunk of their own, before the subgraph schema is built. Run from source
 * (tests, tsx), the plugin imports the real module and these bindings are filled all the same, and unused.
 */

/** Live bindings filled by loadApolloSubgraph; read only while the plugin's toSubGraphSchema builds the subgraph schema. */
export let EntityType: GraphQLUnionType;
export let entitiesField: GraphQLFieldConfig<unknown, unknown>;
export let serviceField: GraphQLFieldConfig<unknown, unknown>;

let printer: ((schema: GraphQLSchema) => string) | null = null;

/** The subgraph SDL (`_service { sdl }`), printed by federation's own printer. */
export function printSubgraphSchema(schema: GraphQLSchema): string {
  if (!printer) throw new Error('@apollo/subgraph is not loaded yet: await loadApolloSubgraph() first');
  return printer(schema);
}

let loading: Promise<void> | null = null;

/** A CommonJS module's exports, from what `import()` gives for it. */
function commonJs<T extends object>(namespace: T): T {
  return (namespace as { default?: T }).default ?? namespace;
}

/** Loads @apollo/subgraph once and fills the bindings above. */
export function loadApolloSubgraph(): Promise<void> {
  loading ??= Promise.all([import('@apollo/subgraph'), import('@apollo/subgraph/dist/types.js')]).then(([subgraphModule, typesModule]) => {
    // Both are CommonJS: Node names their exports on the namespace, a bundle's chunk only on `default`; both have it.
    const subgraph = commonJs(subgraphModule);
    const types = commonJs(typesModule);
    EntityType = types.EntityType;
    entitiesField = types.entitiesField;
    serviceField = types.serviceField;
    printer = subgraph.printSubgraphSchema;
  });
  return loading;
}
