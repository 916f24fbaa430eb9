// examples/gql/ is committed: it must be exactly what `npm run codegen` compiles from the examples' operations and the
// schema now, so a schema change that breaks an example, or an operation changed without regenerating, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

const OUTPUT = 'examples/gql/';

describe('examples/gql', () => {
  it('is what codegen.ts compiles now (run `npm run codegen` after changing the schema or examples/operations.ts)', async () => {
    const cwd = process.cwd();
    const generates = Object.fromEntries(Object.entries(config.generates).filter(([target]) => target === OUTPUT));
    expect(Object.keys(generates), 'codegen.ts has the examples/gql/ output').toEqual([OUTPUT]);

    // saveToFile false: the same pipeline as the command (document validation included), with the files returned.
    const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, generates, cwd }, false);
    const generated = new Map(outputs.map((output) => [path.relative(cwd, path.resolve(cwd, output.filename)).split(path.sep).join('/'), output.content]));
    const committed = readdirSync(path.join(cwd, OUTPUT)).map((name) => `${OUTPUT}${name}`);

    expect([...generated.keys()].sort()).toEqual(committed.sort());
    for (const [file, content] of generated) {
      expect(readFileSync(path.join(cwd, file), 'utf8'), `${file} is stale`).toBe(content);
    }
  });
});
