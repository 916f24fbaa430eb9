// Deny by default at execution: every root field needs a rule and the scope it names; strings and nesting are bounded before any resolver runs.
import {
  GraphQLError,
  Kind,
  getOperationAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestContext, Scope } from '../resolvers/context.js';

/** Who may select a root field: any one of `scopes`, and every one of `alsoNeeds`. Introspection is also subject to the server's switch. */
export interface RootFieldRule {
  scopes: readonly Scope[];
  alsoNeeds?: readonly Scope[];
  introspection?: true;
}

const READ: RootFieldRule = { scopes: ['read'] };
/** The subgraph SDL is for routers: only a `federation` caller is served the subgraph schema that has `_service`. */
const FEDERATION: RootFieldRule = { scopes: ['federation'] };
/** `_entities` answers the data node(id:) does, to routers only: `read` as for node, and `federation`. */
const ENTITIES: RootFieldRule = { scopes: ['read'], alsoNeeds: ['federation'] };
/** Mutations also carry their own `write` check, which answers the typed ForbiddenError (schema/mutations/options.ts). */
const WRITE: RootFieldRule = { scopes: ['write'] };
/** Tools that only write (codegen for a sync job) still need to see the schema, so either scope will do. */
const SCHEMA: RootFieldRule = { scopes: ['read', 'write'], introspection: true };
const TYPENAME: RootFieldRule = { scopes: ['read', 'write'] };

/**
 * Every root field of the subgraph schema (the client schema's and federation's), by operation type. A field missing
 * here is refused for everyone (test/access-rules.test.ts fails first): a new field is never open by accident.
 * Callers without `federation` are served the client schema, where `_entities` and `_service` do not exist at all
 * (validation refuses them); these rules hold even so.
 */
export const ROOT_FIELD_RULES: Readonly<Record<'query' | 'mutation', Readonly<Record<string, RootFieldRule>>>> = {
  query: {
    node: READ,
    nodes: READ,
    organizations: READ,
    person: READ,
    people: READ,
    providers: READ,
    _entities: ENTITIES,
    _service: FEDERATION,
    __schema: SCHEMA,
    __type: SCHEMA,
    __typename: TYPENAME,
  },
  mutation: {
    addMembers: WRITE,
    removeMembers: WRITE,
    setMembers: WRITE,
    setMemberRole: WRITE,
    createMember: WRITE,
    updateMember: WRITE,
    deleteMember: WRITE,
    disconnectMember: WRITE,
    offboardPerson: WRITE,
    __typename: TYPENAME,
  },
};

/**
 * The longest string accepted anywhere in a request: 512 characters, except cursors (`after`) and global ids
 * (`id` / `ids`), 16,384: the cursor codec and parseGlobalId refuse long ones themselves (a cursor over 4,096, an
 * id segment over its provider's limit), naming the argument and failing only that field or that entry of a
 * nodes() list, so the cap here only stops what neither could ever be. E-mail addresses end at 254 characters, names and
 * provider ids are far shorter; a megabyte filter would only be forwarded upstream (providers answer 431).
 */
export const MAX_STRING = 512;
export const MAX_CURSOR_STRING = 16_384;
export const MAX_ID_STRING = 16_384;
const LONGER_ARGUMENTS: Readonly<Record<string, number>> = { after: MAX_CURSOR_STRING, before: MAX_CURSOR_STRING, id: MAX_ID_STRING, ids: MAX_ID_STRING };
/**
 * How deep a variable's value may nest lists and objects. The deepest input of the schema is 3 levels
 * (`input.members[0]`), a federation representation 1; a value thousands deep would only overflow the stack of
 * whatever walks it next (the string check below, a scalar's parser).
 */
export const MAX_VALUE_DEPTH = 32;

function capFor(argument: string): number {
  return Object.hasOwn(LONGER_ARGUMENTS, argument) ? (LONGER_ARGUMENTS[argument] as number) : MAX_STRING;
}

function fail(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** Root field names of the operation, through fragments and inline fragments (directives ignored: stricter). */
function rootFields(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

/** The first string over its cap, as a path for the message (never the value itself). */
function overlongLiteral(document: DocumentNode): { where: string; max: number } | null {
  let found: { where: string; max: number } | null = null;
  const check = (value: ValueNode, where: string, max: number) => {
    if (found) return;
    if (value.kind === Kind.STRING && value.value.length > max) found = { where, max };
    else if (value.kind === Kind.LIST) value.values.forEach((item, i) => check(item, `${where}[${i}]`, max));
    else if (value.kind === Kind.OBJECT) for (const field of value.fields) check(field.value, `${where}.${field.name.value}`, MAX_STRING);
  };
  const visitSet = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          const name = argument.name.value;
          check(argument.value, `${selection.name.value}(${name}:)`, capFor(name));
        }
        visitSet(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visitSet(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visitSet(definition.selectionSet);
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      for (const variable of definition.variableDefinitions ?? []) {
        if (variable.defaultValue) check(variable.defaultValue, `$${variable.variable.name.value}`, MAX_ID_STRING);
      }
    }
  }
  return found;
}

/** The first variable whose value nests deeper than MAX_VALUE_DEPTH; walked with a stack of its own, never recursion. */
function overdeepVariable(variables: Readonly<Record<string, unknown>>): string | null {
  for (const [name, value] of Object.entries(variables)) {
    const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
    for (let next = pending.pop(); next; next = pending.pop()) {
      if (typeof next.value !== 'object' || next.value === null) continue;
      if (next.depth >= MAX_VALUE_DEPTH) return name;
      const children: unknown[] = Array.isArray(next.value) ? next.value : Object.values(next.value);
      for (const child of children) pending.push({ value: child, depth: next.depth + 1 });
    }
  }
  return null;
}

/** Variables used directly as a cursor or id argument may be as long as one; every other string is capped lower. */
function longerVariables(document: DocumentNode): Map<string, number> {
  const names = new Map<string, number>();
  const visitSet = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          if (argument.value.kind === Kind.VARIABLE) {
            const name = argument.value.name.value;
            // A variable used in two places gets the lower of their caps.
            names.set(name, Math.min(names.get(name) ?? Infinity, capFor(argument.name.value)));
          } else if (argument.value.kind === Kind.LIST) {
            for (const item of argument.value.values)
              if (item.kind === Kind.VARIABLE) names.set(item.name.value, Math.min(names.get(item.name.value) ?? Infinity, capFor(argument.name.value)));
          }
        }
        visitSet(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visitSet(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visitSet(definition.selectionSet);
  }
  return names;
}

function overlongVariable(document: DocumentNode, variables: Readonly<Record<string, unknown>>): { where: string; max: number } | null {
  const caps = longerVariables(document);
  const walk = (value: unknown, where: string, max: number): { where: string; max: number } | null => {
    if (typeof value === 'string') return value.length > max ? { where, max } : null;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        const found = walk(value[i], `${where}[${i}]`, max);
        if (found) return found;
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const found = walk(item, `${where}.${key}`, MAX_STRING);
        if (found) return found;
      }
    }
    return null;
  };
  for (const [name, value] of Object.entries(variables)) {
    const found = walk(value, `$${name}`, caps.get(name) ?? MAX_STRING);
    if (found) return found;
  }
  return null;
}

/** Why this request may not run, or null. Pure, so tests can call it over the real schema. */
export function refusal(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>>,
  caller: RequestContext['caller'],
  introspection: boolean,
): GraphQLError | null {
  const operation = getOperationAST(document, operationName);
  // graphql-js reports a missing or ambiguous operation itself, with its own message.
  if (!operation) return null;
  if (operation.operation === 'subscription') return fail('Subscriptions are not supported: send a query or a mutation', 'OPERATION_NOT_SUPPORTED');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const rules = ROOT_FIELD_RULES[operation.operation];
  for (const field of rootFields(operation, fragments)) {
    const rule = Object.hasOwn(rules, field) ? rules[field] : undefined;
    if (!rule) return fail(`${operation.operation} field ${field} has no access rule on this server`, 'FORBIDDEN');
    if (rule.introspection && !introspection) return fail('Introspection is off on this server (TEAMGRAPH_INTROSPECTION)', 'FORBIDDEN');
    const also = rule.alsoNeeds ?? [];
    if (!caller || !rule.scopes.some((scope) => caller.scopes.has(scope)) || !also.every((scope) => caller.scopes.has(scope))) {
      // Mutations answer their own typed ForbiddenError (a union member automation branches on).
      if (operation.operation === 'mutation' && rule === WRITE) continue;
      const who = !caller ? 'An anonymous caller' : caller.via === 'api-key' ? `The API key "${caller.name}"` : `The token of "${caller.name}"`;
      const needed = also.length > 0 ? `the ${[rule.scopes.join(' or '), ...also].join(' and ')} scopes` : `the ${rule.scopes.join(' or ')} scope`;
      return fail(`${who} may not read ${field}: it needs ${needed}`, 'FORBIDDEN');
    }
  }
  const deep = overdeepVariable(variables);
  if (deep) return fail(`The value of $${deep} nests lists or objects more than ${MAX_VALUE_DEPTH} levels deep`, 'BAD_USER_INPUT');
  const long = overlongLiteral(document) ?? overlongVariable(document, variables);
  if (long) return fail(`A string in ${long.where} is longer than ${long.max} characters`, 'BAD_USER_INPUT');
  return null;
}

/** The rules as a yoga plugin: a refused request ends before execution, with no data and no upstream call. */
export function rootAccess(options: { introspection: boolean }): Plugin<RequestContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as RequestContext;
      const error = refusal(args.document, args.operationName, args.variableValues ?? {}, context.caller, options.introspection);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    // A subscription operation takes the subscribe path, not execute: refused here with a code of its own.
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue as RequestContext;
      const error = refusal(args.document, args.operationName, args.variableValues ?? {}, context.caller, options.introspection);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
