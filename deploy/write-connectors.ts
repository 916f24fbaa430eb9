// `npm run codegen` (second step): writes deploy/connectors.generated.yml from the provider list.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONNECTORS_FILE, connectorsYaml } from './connectors.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, CONNECTORS_FILE), connectorsYaml());
console.log(`wrote ${CONNECTORS_FILE}`);
