// The repository stands alone: nothing in it points at documents outside it (a clone has only what is here).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOTS = ['src', 'test', 'bench', 'deploy', 'scripts', 'docs', 'examples', 'README.md', 'serverless.yml', 'codegen.ts', 'package.json'];
const OUTSIDE = /\.\.\/shared|\b(DESIGN|SCHEMA|PROVIDERS|TOOLCHAIN|PERF-MINIMUMS)\.md\b/;

function files(entry: string): string[] {
  try {
    if (statSync(entry).isFile()) return [entry];
  } catch {
    return [];
  }
  return readdirSync(entry).flatMap((name) => files(path.join(entry, name)));
}

it('refers to no document outside the repository', () => {
  const self = path.join('test', 'docs-in-repo.test.ts');
  const offenders = ROOTS.flatMap(files)
    .filter((file) => file !== self && /\.(ts|mjs|md|yml|json)$/.test(file))
    .filter((file) => OUTSIDE.test(readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});
