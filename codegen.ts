// GraphQL Code Generator: prints the code-first schema to schema.graphql, which is committed and checked for staleness.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: './src/schema/index.ts',
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: true, sort: false },
    },
  },
  silent: true,
};

export default config;
