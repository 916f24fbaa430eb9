// `npm run package`: `osls package` with local settings and no AWS credentials, then each artifact's size.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { secretVariables } from './connectors.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const at = args.indexOf('--package');
const outDir = path.resolve(root, (at >= 0 ? args[at + 1] : undefined) ?? '.serverless');

/**
 * Provider credentials and API keys are left out of the child's environment: `source=env` reads the shell, and
 * an artifact made for inspection must not carry whatever secrets the developer's shell happens to hold.
 */
const SECRET = new Set(['TEAMGRAPH_API_KEYS', 'TEAMGRAPH_CURSOR_SECRET', 'TEAMGRAPH_REDIS_URL', ...secretVariables()]);
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SECRET.has(name)));

const started = Date.now();
const run = spawnSync(path.join(root, 'node_modules/.bin/osls'), ['package', '--param=source=env', '--package', outDir], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (run.status !== 0) process.exit(run.status ?? 1);

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} kB`;
console.log(`\nArtifacts in ${path.relative(root, outDir) || '.'} (${((Date.now() - started) / 1000).toFixed(1)} s):`);
for (const name of readdirSync(outDir)
  .filter((file) => file.endsWith('.zip'))
  .sort()) {
  console.log(`  ${name.padEnd(16)} ${kB(statSync(path.join(outDir, name)).size)} zipped`);
}
for (const name of ['graphql', 'connector']) {
  // The chunks: what the entry imports at start, and what loads on first use (bundle.mjs says which is which).
  const chunks = path.join(root, 'dist/lambda', `${name}-chunks`);
  const chunkBytes = existsSync(chunks) ? readdirSync(chunks).reduce((sum, file) => sum + statSync(path.join(chunks, file)).size, 0) : 0;
  const entry = statSync(path.join(root, 'dist/lambda', `${name}.mjs`)).size;
  console.log(`  ${`${name}.mjs`.padEnd(16)} ${kB(entry)} bundled, and ${kB(chunkBytes).trim()} in ${name}-chunks/ (in each zip of its kind)`);
}
