// schema.graphql (the client contract) and subgraph.graphql (what a router composes) are committed: each must be exactly what `npm run codegen` prints from the code.
import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, Kind, parse, printSchema, type ConstDirectiveNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';
import { subgraphSchema, subgraphSdl } from '../src/schema/index.js';

describe('schema.graphql', () => {
  it('is what codegen.ts prints now (run `npm run codegen` after changing src/schema)', async () => {
    // saveToFile false: the same pipeline as the command, with the output returned instead of written.
    const outputs = await generate({ ...config, cwd: process.cwd() }, false);
    const printed = outputs.find((output: { filename: string }) => output.filename.endsWith('schema.graphql'));
    expect(printed, 'codegen.ts generates schema.graphql').toBeDefined();
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printed!.content);
  });

  it('holds every type and field the served schema has, minus only the federation surface', async () => {
    const served = buildSchema(printSchema(await subgraphSchema()), { assumeValidSDL: true });
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

describe('subgraph.graphql', () => {
  const committed = () => readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8');

  it('is what `npm run codegen` prints now (the `_service { sdl }` text; run it after changing src/schema)', async () => {
    expect(committed()).toBe(await subgraphSdl());
  });

  it('marks what every Relay subgraph also defines as composable: PageInfo shareable, node and nodes shareable and inaccessible', () => {
    const document = parse(committed());
    const directives = (nodes: readonly ConstDirectiveNode[] | undefined) => (nodes ?? []).map((d) => d.name.value).sort();
    const pageInfo = document.definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'PageInfo');
    expect(pageInfo?.kind === Kind.OBJECT_TYPE_DEFINITION && directives(pageInfo.directives)).toEqual(['shareable']);
    const query = document.definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query');
    const fields = query?.kind === Kind.OBJECT_TYPE_DEFINITION ? (query.fields ?? []) : [];
    for (const name of ['node', 'nodes']) {
      expect(directives(fields.find((f) => f.name.value === name)?.directives), name).toEqual(['inaccessible', 'shareable']);
    }
    // Only those two: every other root field stays this subgraph's own and in the supergraph's API.
    expect(fields.filter((f) => (f.directives ?? []).length > 0).map((f) => f.name.value)).toEqual(['node', 'nodes']);
  });
});
