// The layer rules of docs/architecture.md, checked by dependency-cruiser in `npm test`: arrows point one way.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No module imports itself through others, not even for types (ProviderId is filled in by each profile through declaration merging, so the contract imports no provider).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'providers-stay-below',
      severity: 'error',
      comment: 'Adapters and the HTTP client know nothing of GraphQL, resolvers, the server, the sandbox or the configuration loader.',
      from: { path: '^src/providers/' },
      to: { path: '^src/(resolvers|schema|server|lambda|sandbox)/|^src/config' },
    },
    {
      name: 'store-at-the-bottom',
      comment: 'The shared store (memory or Redis) knows nothing of teamgraph: the HTTP client and the wiring use it, it uses none of them.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(?!store/)' },
    },
    {
      name: 'sandbox-never-imports-an-adapter',
      severity: 'error',
      comment: 'The simulators are faithful to the vendors, not to our adapters: they share no code with them.',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/(providers|resolvers|schema|server|lambda)/|^src/config' },
    },
    {
      name: 'resolvers-below-schema',
      severity: 'error',
      comment: 'Resolvers are plain functions over the provider interface: no schema, server, Lambda or configuration.',
      from: { path: '^src/resolvers/' },
      to: { path: '^src/(schema|server|lambda|sandbox)/|^src/config' },
    },
    {
      name: 'schema-calls-resolvers-only',
      severity: 'error',
      comment: 'Schema files describe types and call resolvers; they reach providers only for record types and the provider list, never an adapter, the HTTP client or the registry.',
      from: { path: '^src/schema/' },
      to: { path: '^src/(server|lambda|sandbox)/|^src/config|^src/providers/(?!types\\.ts$|catalog\\.ts$)' },
    },
    {
      name: 'schema-no-provider-code',
      severity: 'error',
      comment: 'Outside the enums (the provider list and role and status values), the schema takes only types from the provider layer: every call goes through a resolver.',
      from: { path: '^src/schema/', pathNot: '^src/schema/enums\\.ts$' },
      to: { path: '^src/providers/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'config-at-the-bottom',
      severity: 'error',
      comment: 'The configuration loader depends on nothing above it (it may read the provider list for each profile\'s settings).',
      from: { path: '^src/config' },
      to: { path: '^src/(resolvers|schema|server|lambda|sandbox)/' },
    },
    {
      name: 'only-entry-points-read-config',
      severity: 'error',
      comment: 'Configuration is read once at start-up by the entry points (npm start, the Lambda handlers) and the server wiring.',
      from: { path: '^src/(providers|resolvers|schema|sandbox)/' },
      to: { path: '^src/config' },
    },
    {
      name: 'cli-is-a-client',
      severity: 'error',
      comment: 'The command-line tools (npm run access-review) are clients of the public GraphQL API: they reach the gateway over HTTP only, never through its code.',
      from: { path: '^src/cli/' },
      to: { path: '^(src/(?!cli/)|test/|bench/|deploy/|examples/)' },
    },
    {
      name: 'examples-are-clients',
      severity: 'error',
      comment: 'The examples are what a client of the API writes: they reach teamgraph over HTTP only, never through its code.',
      from: { path: '^examples/' },
      to: { path: '^(src|test|bench|deploy)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
