// The types of deploy/bundle.mjs (plain JavaScript, run by node itself) for the TypeScript that imports it.

/** One file a build wrote. */
export interface BundleOutput {
  /** Its path, relative to the repository. */
  file: string;
  bytes: number;
  /** Set on an entry: its bytes and those of the chunks it imports statically (what a cold start loads). */
  atStartBytes?: number;
  /** Set on an entry: those files, relative to the repository (the entry first). */
  atStartFiles?: string[];
}

/** Writes the graphql and connector Lambda bundles (with their chunks) into `outdir`, dist/lambda when left out. */
export function bundleLambdas(options?: { outdir?: string }): Promise<BundleOutput[]>;
