// GraphQL Code Generator: prints the client-facing schema to schema.graphql, which is committed and checked for staleness.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { clientSchema } from './src/schema/index.js';

const config: CodegenConfig = {
  // The schema object itself (not the module path): the subgraph surface (_service, _entities, _Any, @link)
  // stays out of the client contract; `_service { sdl }` serves the subgraph SDL to a router.
  schema: clientSchema(),
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      // graphql's own printer: the directives a client can see through introspection (@deprecated,
      // @specifiedBy, @oneOf) and none of the ones recorded only for a router (@key).
      config: { includeDirectives: false, sort: false },
    },
  },
  silent: true,
};

export default config;
