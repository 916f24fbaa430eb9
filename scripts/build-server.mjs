// `npm start`'s build (its prestart): src/server/main.ts and everything it imports, bundled by esbuild into dist/server/main.mjs.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BUNDLE, writeBundle } from '../deploy/bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * esbuild escapes every character beyond ASCII in code, but copies comments as they are, and one curly quote in a
 * dependency's comment makes V8 hold the whole 5 MB source as two bytes a character. Each such character becomes `?`.
 */
function asciiOnly(contents) {
  const text = Buffer.from(contents).toString('utf8');
  return /[\u0080-\uffff]/.test(text) ? new TextEncoder().encode(text.replace(/[\u0080-\uffff]/g, '?')) : contents;
}

/**
 * Plain node runs the bundle: no TypeScript loader (tsx held about 130 MB more at idle) and one file instead of a few
 * thousand modules. Not minified: minifying (names kept) cost 17-23% more CPU per request, and stack traces in the
 * logs stay readable. The AWS SDK stays in node_modules, loaded only if the lambda transport is configured.
 */
export async function bundleServer({ outdir = path.join(root, 'dist/server') } = {}) {
  const result = await build({
    ...NODE_BUNDLE,
    absWorkingDir: root,
    entryPoints: { main: 'src/server/main.ts' },
    outdir,
    write: false,
  });
  for (const file of result.outputFiles) file.contents = asciiOnly(file.contents);
  return writeBundle(result);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleServer();
}
