// Test runner settings: real servers on 127.0.0.1, so files run in parallel processes with generous hooks.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    /*
     * graphql 16 ships index.js (CommonJS) and index.mjs with no exports map. Node (npm start, tsx) loads
     * index.js everywhere, but Vite would give our sources index.mjs while CommonJS packages (@apollo/subgraph,
     * yoga's deps) require index.js: two GraphQLError classes, so yoga would mask our own user errors as
     * INTERNAL_SERVER_ERROR. One copy, the one production runs.
     */
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
