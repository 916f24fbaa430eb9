// Bundles the two Lambda entry points (graphql, connector) into dist/lambda/*.mjs with esbuild; `node deploy/bundle.mjs`.
import { build } from 'esbuild';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The offline GraphiQL page inlines about 9 MB of assets: more than a Lambda response may carry, and the Lambda
 * gateway serves yoga's CDN page instead (offlineGraphiQL: false). Left out, the bundle is 2 MB, not 11.
 */
const withoutOfflineGraphiQL = {
  name: 'without-offline-graphiql',
  setup(build) {
    build.onResolve({ filter: /^@graphql-yoga\/render-graphiql$/ }, () => ({ path: 'render-graphiql', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export function renderGraphiQL() { throw new Error('the offline GraphiQL page is not bundled for Lambda'); }",
      loader: 'js',
    }));
  },
};

/** Writes dist/lambda/graphql.mjs and dist/lambda/connector.mjs; returns their paths and sizes. */
export async function bundleLambdas({ outdir = path.join(root, 'dist/lambda') } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { graphql: 'src/lambda/graphql.ts', connector: 'src/lambda/connector.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    // Lambda runs nodejs22.x; serverless-offline runs on this machine's Node 20, so nothing newer than 20.
    target: 'node20',
    // ESM because package.json says "type": "module" (a CJS bundle there fails with "module is not defined").
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    // The Lambda runtime ships the AWS SDK v3; bundling it would add megabytes to every cold start.
    external: ['@aws-sdk/*'],
    // graphql 16 has index.js and index.mjs and no exports map; CommonJS deps (@apollo/subgraph) require
    // index.js, so everything must take index.js, or two graphql copies disagree about GraphQLError/instanceof.
    mainFields: ['main', 'module'],
    // CommonJS dependencies call require() for Node built-ins, which an ES module does not have.
    banner: { js: "import { createRequire as __teamgraphRequire } from 'node:module'; const require = __teamgraphRequire(import.meta.url);" },
    minify: true,
    // Class and function names appear in errors and logs; keeping them costs a few kB.
    keepNames: true,
    legalComments: 'none',
    plugins: [withoutOfflineGraphiQL],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  await Promise.all(result.outputFiles.map((file) => replaceIfChanged(file.path, file.contents)));
  const graphqlCopies = Object.keys(result.metafile.inputs).filter((input) => /node_modules\/graphql\/index\.m?js$/.test(input));
  if (graphqlCopies.length > 1) throw new Error(`two graphql copies in the Lambda bundle: ${graphqlCopies.join(', ')}`);
  return Object.entries(result.metafile.outputs).map(([file, output]) => ({ file: path.relative(root, path.resolve(root, file)), bytes: output.bytes }));
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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleLambdas().then((outputs) => {
    for (const { file, bytes } of outputs) console.log(`${file}  ${(bytes / 1024).toFixed(0)} kB`);
  });
}
