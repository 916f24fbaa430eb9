// The Lambda figures: bundle sizes from the deploy bundler, cold and warm starts of graphql.mjs from deploy/measure-cold-start.ts.
import path from 'node:path';
import { type ColdStartFigures, measureColdStart } from '../deploy/measure-cold-start.js';
import { ROOT } from './children.js';

export interface LambdaFigures extends ColdStartFigures {
  /**
   * Bytes per function: `graphql.mjs` (the entry file), `graphql.mjs at start` (it and the chunks it imports statically:
   * what a cold start loads), `graphql-chunks on first use` (what loads only when used); the same for the connector.
   */
  bundles: Record<string, number>;
}

/** Where the bench bundles: beside the deploy bundle, so its imports of node_modules resolve, without touching it. */
const OUT_DIR = path.join(ROOT, 'dist/bench-lambda');

/** Builds with the deploy bundler's own function (the one `npm run package` runs), into dist/bench-lambda. */
async function bundle(): Promise<Record<string, number>> {
  // Loaded when measured: esbuild is not needed otherwise.
  const { bundleLambdas } = await import('../deploy/bundle.mjs');
  const outputs = await bundleLambdas({ outdir: OUT_DIR });
  const sizes: Record<string, number> = {};
  for (const entry of outputs.filter((output) => output.atStartBytes !== undefined)) {
    const name = path.basename(entry.file, '.mjs');
    const chunks = outputs.filter((output) => path.basename(path.dirname(output.file)) === `${name}-chunks`);
    const all = entry.bytes + chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
    sizes[`${name}.mjs`] = entry.bytes;
    sizes[`${name}.mjs at start`] = entry.atStartBytes ?? entry.bytes;
    sizes[`${name}-chunks on first use`] = all - (entry.atStartBytes ?? entry.bytes);
  }
  return sizes;
}

/**
 * Sizes, then `runs` fresh node processes each importing graphql.mjs and answering an API Gateway v2 event, then warm
 * ones (measureColdStart, also `npm run lambda:cold-start`). `env` configures the gateway as on Lambda: inline providers
 * (the bench's sandbox, in LIVE mode) and the bench's key.
 */
export async function measureLambda(options: { env: Record<string, string>; authorization: string; body: string; runs: number }): Promise<LambdaFigures> {
  const bundles = await bundle();
  const figures = await measureColdStart({
    bundle: path.join(OUT_DIR, 'graphql.mjs'),
    env: options.env,
    authorization: options.authorization,
    body: options.body,
    runs: options.runs,
  });
  return { bundles, ...figures };
}
