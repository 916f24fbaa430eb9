// The Lambda bundles' budget: what the graphql function loads at start stays under 1.5 MB, without the HTTP client.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambdas, type BundleOutput } from '../../deploy/bundle.mjs';

const root = path.resolve(import.meta.dirname, '../..');
/** Beside the deploy bundle, so its imports of node_modules resolve, without touching it. */
const OUT_DIR = path.join(root, 'dist/test-lambda');
const MB = 1024 * 1024;

let outputs: BundleOutput[];

beforeAll(async () => {
  outputs = await bundleLambdas({ outdir: OUT_DIR });
}, 120_000);

afterAll(() => rmSync(OUT_DIR, { recursive: true, force: true }));

const entry = (name: string) => {
  const found = outputs.find((output) => output.file === path.relative(root, path.join(OUT_DIR, `${name}.mjs`)));
  if (!found?.atStartFiles || found.atStartBytes === undefined) throw new Error(`no entry ${name}.mjs among ${outputs.map((o) => o.file).join(', ')}`);
  return { bytes: found.atStartBytes, files: found.atStartFiles };
};

describe('the Lambda bundles', () => {
  it('load at most 1.5 MB at the graphql function start (sizes are deterministic; npm run bench reports them too)', () => {
    const graphql = entry('graphql');
    expect(graphql.files[0]).toBe(path.relative(root, path.join(OUT_DIR, 'graphql.mjs')));
    expect(graphql.bytes).toBeLessThanOrEqual(1.5 * MB);
  });

  it('leave the HTTP client (undici) out of what the graphql function loads at start: its providers are behind connectors', () => {
    const text = (files: string[]) => files.map((file) => readFileSync(path.join(root, file), 'utf8')).join('\n');
    // undici's error codes mark any copy of it: the connector's files (its adapters, loaded on first use) carry them.
    const connectorFiles = outputs.map((output) => output.file).filter((file) => /(^|\/)connector(\.mjs|-chunks\/)/.test(file));
    expect(text(connectorFiles).includes('UND_ERR_'), 'undici in the connector bundle').toBe(true);
    expect(text(entry('graphql').files).includes('UND_ERR_'), 'undici in what graphql.mjs loads at start').toBe(false);
  });
});
