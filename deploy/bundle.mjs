// Bundles the two Lambda entry points (graphql, connector) into dist/lambda/*.mjs with esbuild; `node deploy/bundle.mjs`.
import { build } from 'esbuild';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Three dependencies esbuild cannot shake, for the size of every bundle (Lambda loads and parses all of it at each cold
 * start). Each is swapped for a module exporting only what the code uses: using anything else of undici or zod fails
 * the build ("No matching export"), never a request.
 */
const slimDependencies = {
  name: 'slim-dependencies',
  setup(build) {
    // undici's index is CommonJS requiring all of undici (fetch, WebSocket, mocks, caches, proxies): src/providers/http.ts
    // takes Pool and the error classes, and Pool needs the request API that undici's index puts on every dispatcher.
    build.onResolve({ filter: /^undici$/ }, (args) => (args.importer.includes('/node_modules/') ? undefined : { path: 'undici', namespace: 'slim' }));
    build.onLoad({ filter: /^undici$/, namespace: 'slim' }, () => ({
      contents: `import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import api from 'undici/lib/api/index.js';
import errors from 'undici/lib/core/errors.js';
Object.assign(Dispatcher.prototype, api);
export { Pool, errors };`,
      loader: 'js',
      resolveDir: root,
    }));
    // zod exports its error messages in 40 languages as a namespace (z.locales), kept whole although only English
    // (its default) is ever used: about 260 kB minified.
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'slim' } : undefined,
    );
    build.onLoad({ filter: /^zod-locales$/, namespace: 'slim' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      loader: 'js',
      resolveDir: root,
    }));
    // graphql-jit requires fast-json-stringify (and with it ajv, about 250 kB) for its customJSONSerializer option
    // alone, which src/server/compiled-queries.ts leaves off.
    build.onResolve({ filter: /^fast-json-stringify$/ }, (args) =>
      /[\\/]graphql-jit[\\/]/.test(args.importer) ? { path: 'fast-json-stringify', namespace: 'slim' } : undefined,
    );
    // @pothos/plugin-federation imports @apollo/subgraph (and with it @apollo/federation-internals, about 380 kB) at its
    // top, for the subgraph schema only routers ask for: its imports get src/schema/apollo-subgraph.ts, whose bindings
    // that module fills from a chunk loaded when the subgraph schema is first built.
    build.onResolve({ filter: /^@apollo\/subgraph(\/dist\/types\.js)?$/ }, (args) =>
      /[\\/]@pothos[\\/]plugin-federation[\\/]/.test(args.importer) ? { path: path.join(root, 'src/schema/apollo-subgraph.ts') } : undefined,
    );
    build.onLoad({ filter: /^fast-json-stringify$/, namespace: 'slim' }, () => ({
      contents: "export default function fastJsonStringify() { throw new Error('fast-json-stringify is not bundled: customJSONSerializer is off'); }",
      loader: 'js',
    }));
  },
};

/** What every bundle of ours shares (the Lambda functions here, npm start's in scripts/build-server.mjs). */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  // Lambda runs nodejs22.x; serverless-offline and npm start run on this machine's Node 20, so nothing newer than 20.
  target: 'node20',
  // ESM because package.json says "type": "module" (a CJS bundle there fails with "module is not defined").
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // What is imported with `import()` (the inline adapters and their HTTP client, ioredis, federation's code) becomes a
  // chunk loaded when first used, so a start that never uses it never parses it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // The Lambda runtime ships the AWS SDK v3, and only the lambda transport loads it (on demand, from node_modules
  // under npm start): bundling it would add a megabyte to every start that never uses it.
  external: ['@aws-sdk/*'],
  // graphql 16 has index.js and index.mjs and no exports map; CommonJS deps (@apollo/subgraph) require
  // index.js, so everything must take index.js, or two graphql copies disagree about GraphQLError/instanceof.
  mainFields: ['main', 'module'],
  // CommonJS dependencies call require() for Node built-ins, which an ES module does not have.
  banner: { js: "import { createRequire as __teamgraphRequire } from 'node:module'; const require = __teamgraphRequire(import.meta.url);" },
  legalComments: 'none',
  plugins: [slimDependencies],
  metafile: true,
  logLevel: 'warning',
};

/** The Lambda functions: each its own build, so its .mjs holds all a cold start loads and `<name>-chunks/` the rest. */
export const LAMBDA_ENTRIES = { graphql: 'src/lambda/graphql.ts', connector: 'src/lambda/connector.ts' };

/**
 * Writes dist/lambda/graphql.mjs and dist/lambda/connector.mjs, each with its chunks (what it imports on first use);
 * returns every file's path and size. Two builds rather than one: one build puts what both entries share (graphql,
 * zod) in chunks both import at start, and an entry's own size would no longer say what its cold start loads.
 */
export async function bundleLambdas({ outdir = path.join(root, 'dist/lambda') } = {}) {
  const outputs = await Promise.all(
    Object.entries(LAMBDA_ENTRIES).map(async ([name, entry]) =>
      writeBundle(
        await build({
          ...NODE_BUNDLE,
          absWorkingDir: root,
          entryPoints: { [name]: entry },
          outdir,
          chunkNames: `${name}-chunks/[name]-[hash]`,
          // Minified for size. Not `keepNames`: it wraps every function made at run time in a call that names it (17-23%
          // more CPU per request in the dashboard), and nothing reads a class or function name (errors carry their `name`).
          minify: true,
          write: false,
        }),
      ),
    ),
  );
  return outputs.flat();
}

/** Writes what esbuild built (each file only if changed) after checking it holds one graphql; returns paths and sizes. */
export async function writeBundle(result) {
  const graphqlCopies = Object.keys(result.metafile.inputs).filter((input) => /node_modules\/graphql\/index\.m?js$/.test(input));
  if (graphqlCopies.length > 1) throw new Error(`two graphql copies in the bundle: ${graphqlCopies.join(', ')}`);
  await Promise.all(result.outputFiles.map((file) => replaceIfChanged(file.path, file.contents)));
  await removeStaleChunks(result.outputFiles.map((file) => file.path));
  const outputs = result.metafile.outputs;
  return Object.entries(outputs).map(([file, output]) => ({
    file: path.relative(root, path.resolve(root, file)),
    bytes: output.bytes,
    // An entry point of the build (a chunk a dynamic import loads has an entryPoint too, but lives in a chunks folder).
    ...(output.entryPoint && !/chunks$/.test(path.basename(path.dirname(file))) ? atStart(outputs, file) : {}),
  }));
}

/** An entry's files loaded at start (it and the chunks it imports statically), and their bytes: what a cold start parses. */
function atStart(outputs, entry) {
  const files = filesAtStart(outputs, entry);
  return {
    atStartBytes: files.reduce((sum, file) => sum + (outputs[file]?.bytes ?? 0), 0),
    atStartFiles: files.map((file) => path.relative(root, path.resolve(root, file))),
  };
}

/** An entry and every chunk it imports statically, at any depth. */
function filesAtStart(outputs, entry) {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const dependency of outputs[queue.shift()]?.imports ?? []) {
      if (dependency.kind !== 'import-statement' || dependency.external || seen.has(dependency.path)) continue;
      seen.add(dependency.path);
      queue.push(dependency.path);
    }
  }
  return [...seen];
}

// Run as a script; no top-level await, because osls require()s its plugins and Node refuses that for such modules.
/**
 * A running serverless-offline may be loading the bundle while another command rebuilds it: an unchanged file
 * is left alone, and a changed one appears whole (written aside, then renamed over), never half written.
 */
async function replaceIfChanged(file, contents) {
  const current = await readFile(file).catch(() => null);
  if (current && Buffer.compare(current, contents) === 0) return;
  await mkdir(path.dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  await writeFile(aside, contents);
  await rename(aside, file);
}

/** Chunks of earlier builds (their names carry a hash of their contents): packaging takes every file of a chunks folder. */
async function removeStaleChunks(written) {
  const dirs = new Set(written.filter((file) => /chunks$/.test(path.basename(path.dirname(file)))).map((file) => path.dirname(file)));
  for (const dir of dirs) {
    const stale = (await readdir(dir)).map((name) => path.join(dir, name)).filter((file) => !written.includes(file));
    await Promise.all(stale.map((file) => rm(file, { force: true })));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleLambdas().then((outputs) => {
    for (const { file, bytes } of outputs) console.log(`${file}  ${(bytes / 1024).toFixed(0)} kB`);
  });
}
