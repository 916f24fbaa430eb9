// Deny by default, checked on the schemas themselves: every root field of the subgraph schema has an access rule, and a field without one is refused for everyone.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Caller, Scope } from '../../src/resolvers/context.js';
import { clientSchema, subgraphSchema } from '../../src/schema/index.js';

const schema = await subgraphSchema();
import { refusal, ROOT_FIELD_RULES } from '../../src/server/access.js';

const everything: Caller = { name: 'all', scopes: new Set(['read', 'write', 'trace', 'federation']), via: 'api-key', persistedOnly: false };

describe('root field rules', () => {
  it.each([
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const)('cover every %s field of the subgraph schema (federation and introspection included), and nothing else', (operation, type) => {
    const served = Object.keys(type?.getFields() ?? {}).sort();
    const ruled = Object.keys(ROOT_FIELD_RULES[operation]).filter((name) => !name.startsWith('__'));
    // A new root field without a rule fails here before it can ship (and is refused at run time meanwhile).
    expect(
      served.filter((name) => !ruled.includes(name)),
      `${operation} fields without a rule`,
    ).toEqual([]);
    expect(
      ruled.filter((name) => !served.includes(name)),
      `rules for ${operation} fields that do not exist`,
    ).toEqual([]);
    if (operation === 'query') expect(served).toEqual(expect.arrayContaining(['_entities', '_service', 'node', 'nodes']));
  });

  it('the client schema has the same root fields less the federation surface, which only routers are served', () => {
    const client = Object.keys(clientSchema().getQueryType()?.getFields() ?? {}).sort();
    const subgraph = Object.keys(schema.getQueryType()?.getFields() ?? {}).sort();
    expect(client).toEqual(subgraph.filter((name) => name !== '_entities' && name !== '_service'));
    expect(Object.keys(clientSchema().getMutationType()?.getFields() ?? {}).sort()).toEqual(Object.keys(schema.getMutationType()?.getFields() ?? {}).sort());
  });

  it('_service needs federation; _entities needs read and federation (it answers the data node does)', () => {
    const caller = (...scopes: Scope[]): Caller => ({ ...everything, scopes: new Set(scopes) });
    const service = parse('{ _service { sdl } }');
    const entities = parse('{ _entities(representations: []) { __typename } }');
    expect(refusal(service, null, {}, caller('federation'), true)).toBeNull();
    expect(refusal(service, null, {}, caller('read', 'write', 'trace'), true)?.message).toContain('needs the federation scope');
    expect(refusal(entities, null, {}, caller('read', 'federation'), true)).toBeNull();
    expect(refusal(entities, null, {}, caller('federation'), true)?.message).toContain('needs the read and federation scopes');
    expect(refusal(entities, null, {}, caller('read', 'write'), true)?.extensions.code).toBe('FORBIDDEN');
  });

  it('every rule names at least one scope', () => {
    for (const rules of Object.values(ROOT_FIELD_RULES)) for (const rule of Object.values(rules)) expect(rule.scopes.length).toBeGreaterThan(0);
  });

  it('has no subscription type, and a subscription operation is refused with a code', () => {
    expect(schema.getSubscriptionType()).toBeFalsy();
    expect(refusal(parse('subscription { x }'), null, {}, everything, true)?.extensions.code).toBe('OPERATION_NOT_SUPPORTED');
  });

  it('refuses a root field that has no rule, even for a caller with every scope', () => {
    const error = refusal(parse('{ providers { id } brandNewField }'), null, {}, everything, true);
    expect(error?.extensions.code).toBe('FORBIDDEN');
    expect(error?.message).toContain('brandNewField has no access rule');
  });

  it('finds root fields through fragments and inline fragments', () => {
    const reader: Caller = { ...everything, scopes: new Set(['write']) };
    const viaFragment = parse('query { ...F } fragment F on Query { ... on Query { _service { sdl } } }');
    expect(refusal(viaFragment, null, {}, reader, true)?.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses introspection when it is switched off, whoever asks', () => {
    expect(refusal(parse('{ __schema { queryType { name } } }'), null, {}, everything, false)?.extensions.code).toBe('FORBIDDEN');
    expect(refusal(parse('{ __type(name: "Member") { name } }'), null, {}, everything, false)?.message).toContain('Introspection is off');
    expect(refusal(parse('{ __schema { queryType { name } } }'), null, {}, everything, true)).toBeNull();
  });
});
