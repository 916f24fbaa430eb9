// schema.graphql is the committed client contract: it must be exactly what `npm run codegen` prints from the code.
import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';
import { schema } from '../src/schema/index.js';

describe('schema.graphql', () => {
  it('is what codegen.ts prints now (run `npm run codegen` after changing src/schema)', async () => {
    // saveToFile false: the same pipeline as the command, with the output returned instead of written.
    const outputs = await generate({ ...config, cwd: process.cwd() }, false);
    const printed = outputs.find((output: { filename: string }) => output.filename.endsWith('schema.graphql'));
    expect(printed, 'codegen.ts generates schema.graphql').toBeDefined();
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printed!.content);
  });

  it('holds every type and field the served schema has, minus only the federation surface', () => {
    const served = buildSchema(printSchema(schema), { assumeValidSDL: true });
    const client = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
    const federationOnly = new Set(['_Any', '_Entity', '_Service', 'link__Import', 'link__Purpose', 'FieldSet']);
    for (const type of Object.values(served.getTypeMap())) {
      if (type.name.startsWith('__') || federationOnly.has(type.name)) continue;
      expect(client.getType(type.name), type.name).toBeDefined();
    }
    const queryFields = Object.keys(served.getQueryType()!.getFields()).filter((name) => !name.startsWith('_'));
    expect(Object.keys(client.getQueryType()!.getFields()).sort()).toEqual(queryFields.sort());
  });
});
