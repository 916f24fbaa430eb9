// A provider is one folder: outside it, no file lists providers by hand (they derive from src/providers/catalog.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../src/providers/catalog.js';

/**
 * The places that may name several providers: the two lists, what is generated from them, the sandbox's example
 * ids (GraphiQL's tabs read named providers' seeded data on purpose, like the docs do), and the sandbox company's
 * plan (which of its people are in which provider: overlaps between named providers by design).
 */
const LISTS = new Set([
  'src/providers/catalog.ts',
  'src/sandbox/index.ts',
  'src/sandbox/company/plan.ts',
  'deploy/connectors.generated.yml',
  'src/server/sandbox-examples.ts',
]);

/** Source of the product (tests, benchmarks and docs exercise or describe named providers on purpose). */
const ROOTS = ['src', 'deploy', 'scripts', 'serverless.yml', 'codegen.ts'];

function files(entry: string): string[] {
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry).flatMap((name) => files(path.join(entry, name)));
}

/** The code without its comments: a comment may say "unlike Bird and GitBook"; code may not list them. */
function code(text: string, file: string): string {
  if (file.endsWith('.yml')) return text.replace(/#.*$/gm, '');
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The providers a piece of code names as identifiers: `GITBOOK`, or `gitbook` quoted or as a key or path segment. */
function named(text: string): Set<string> {
  const found = new Set<string>();
  for (const profile of PROVIDERS) {
    const lower = profile.sandbox.simulator;
    const pattern = new RegExp(`\\b${profile.id}\\b|['"\`/]${lower}['"\`/.]|^\\s*${lower}\\s*:`, 'm');
    if (pattern.test(text)) found.add(profile.id);
  }
  return found;
}

describe('provider lists', () => {
  it('exist only in the provider list, the simulator list and what is generated from them', () => {
    const offenders: string[] = [];
    for (const file of ROOTS.flatMap(files)) {
      if (LISTS.has(file) || !/\.(ts|mjs|yml)$/.test(file)) continue;
      const own = PROVIDERS.find(
        (profile) => file.startsWith(`src/providers/${profile.sandbox.simulator}/`) || file.startsWith(`src/sandbox/${profile.sandbox.simulator}/`),
      );
      const others = [...named(code(readFileSync(file, 'utf8'), file))].filter((id) => id !== own?.id);
      // One provider named outside its folder is a special case to look at; two or more is a list.
      if (others.length >= 2) offenders.push(`${file}: ${others.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });

  it('sees a list when there is one (the check itself works)', () => {
    expect(named(code("const ids = ['GOODACCESS', 'GITBOOK']; // and BIRD", 'x.ts'))).toEqual(new Set(['GOODACCESS', 'GITBOOK']));
    expect(named(code('gitbook:\n  token: x\nbird:\n  key: y', 'x.yml'))).toEqual(new Set(['GITBOOK', 'BIRD']));
  });
});
