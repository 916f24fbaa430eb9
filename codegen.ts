// GraphQL Code Generator: prints the client-facing schema to schema.graphql and compiles the examples' operations to
// examples/gql/; both are committed and checked for staleness.
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
    // The examples' operations, typed: `graphql()` in examples/*.ts returns a TypedDocumentNode of its result and
    // variables. Committed, and checked for staleness by test/examples-codegen.test.ts.
    'examples/gql/': {
      preset: 'client',
      documents: ['examples/**/*.ts', '!examples/gql/**'],
      // useTypeImports: `import type` where only types are imported (verbatimModuleSyntax). Enums as string literal
      // unions (enumType, the client preset 6 name of enumsAsTypes), so the generated code has no runtime enums.
      // importExtension: relative imports end in .js, as NodeNext resolution needs. The custom scalars as what
      // they are on the wire (unknown otherwise).
      config: {
        useTypeImports: true,
        enumType: 'string-literal',
        importExtension: '.js',
        scalars: { DateTime: 'string', EmailAddress: 'string', JSONObject: 'Record<string, unknown>' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
  silent: true,
};

export default config;
