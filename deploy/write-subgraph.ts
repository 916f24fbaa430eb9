// `npm run codegen` (last step): writes subgraph.graphql, the subgraph SDL a router or a schema registry composes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { subgraphSdl } from '../src/schema/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'subgraph.graphql'), await subgraphSdl());
console.log('wrote subgraph.graphql');
