// Query limits (graphql-armor): depth, aliases, directives, tokens and cost, refused before any upstream call.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { costLimitRule, type CostLimitOptions } from '@escape.tech/graphql-armor-cost-limit';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_FIRST, MAX_FIRST } from '../resolvers/connections.js';

/**
 * The numbers, measured with armor's own counters on the two queries every deployment must serve: GraphiQL's
 * DEFAULT_QUERY (depth 10, 0 aliases, 0 directives, 91 tokens, cost 6,353) and a dashboard reading every
 * organization (`first: 100`), its first 10 teams and 10 user groups and their first 20 members with every
 * scalar field (depth 10, 0 aliases, 0 directives, 132 tokens, cost 1,493,302).
 */
export const QUERY_LIMITS = {
  /**
   * A Relay hop (field, edges, node) is 3 levels: organization → groups → members → a scalar is 10. 15 allows
   * a fourth hop (a member's groups' members, a Checkmarx team's children's members) plus pageInfo, and
   * refuses a cycle such as member → group → members → group … by its fifth hop.
   */
  maxDepth: 15,
  /**
   * Clients alias to read a few nodes or the same connection under two filters side by side; a dozen covers
   * that. Each alias is one more root fan-out, so alias batching (hundreds of copies of one expensive field
   * in one request) is what this stops.
   */
  maxAliases: 15,
  /** One @include/@skip per optional section of a generated query stays far below 20; directive overloading sends thousands. */
  maxDirectives: 20,
  /**
   * The dashboard is about 130 tokens and a large generated query with fragments a few hundred; 2,000
   * (about 20 kB of query text) leaves room for `nodes(ids:)` with a few hundred literal ids, and stops a
   * parser-exhaustion payload before it is parsed whole.
   */
  maxTokens: 2000,
  /**
   * The most items (objects count 2, scalars 1) a query may ask for, with every connection multiplied by the
   * page size it will really read (see `withPageSizes`). The dashboard above is the heaviest query we want to
   * serve in one request, about 1.5 million; 3 million gives it twice that room, and refuses the next step up,
   * such as 100 organizations × 100 teams × 100 members (about 12 million).
   */
  maxCost: 3_000_000,
} as const;

/**
 * Armor's default multiplies each nesting level by 1.5, which on a Relay schema punishes the edges/node
 * wrappers rather than work; depth has its own limit, so each item counts once here. Fragments are
 * flattened for the same reason: a fragment spread is no level of data.
 */
const COST_WEIGHTS: CostLimitOptions = { objectCost: 2, scalarCost: 1, depthCostFactor: 1, flattenFragments: true };

/** Armor's messages start with `Syntax Error:` although nothing is wrong with the syntax: keep only the limit. */
function clearMessage(error: GraphQLError): string {
  return error.message.replace(/^Syntax Error:\s*/, '');
}

/** Reports a refusal as a validation error naming the limit, with armor's code for it (`BAD_USER_INPUT`). */
const reportToContext: GraphQLArmorRejectCallback = (context, error) => {
  context?.reportError(new GraphQLError(clearMessage(error), { extensions: { code: 'BAD_USER_INPUT' } }));
};

const rejection = { exposeLimits: true, propagateOnRejection: false, onReject: [reportToContext] };

/**
 * The document as the resolvers will run it: each `first` becomes the literal page size it will read (its
 * variable's value, the variable's default, or the server default where it is left out), capped at the
 * largest page served. Armor's cost rule only multiplies by literal `first`s, so without this `first: $n` or
 * a left-out `first` (20 per level) would slip past the cost limit.
 */
export function withPageSizes(schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>> | undefined): DocumentNode {
  const defaults = new Map<string, ValueNode>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) defaults.set(variable.variable.name.value, variable.defaultValue);
    }
  }
  const pageSize = (value: ValueNode | undefined): number => {
    let size: unknown;
    if (value?.kind === Kind.INT) size = Number(value.value);
    if (value?.kind === Kind.VARIABLE) {
      const name = value.name.value;
      const fallback = defaults.get(name);
      size = variables?.[name] ?? (fallback?.kind === Kind.INT ? Number(fallback.value) : undefined);
    }
    // A size the resolvers refuse (negative, over the cap, not a number) costs no upstream call: count the most they serve.
    return typeof size === 'number' && Number.isInteger(size) ? Math.min(Math.max(size, 0), MAX_FIRST) : size === undefined ? DEFAULT_FIRST : MAX_FIRST;
  };

  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (!typeInfo.getFieldDef()?.args.some((arg) => arg.name === 'first')) return undefined;
        const given = node.arguments?.find((arg) => arg.name.value === 'first');
        const first: ArgumentNode = {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'first' },
          value: { kind: Kind.INT, value: String(pageSize(given?.value)) },
        };
        return { ...node, arguments: [...(node.arguments ?? []).filter((arg) => arg !== given), first] };
      },
    }),
  );
}

/** The variables a document passes as `first` anywhere: all of the variables its cost can depend on. */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names];
}

/** Page-size values remembered as within the limit, per document; a document sent with ever new sizes stops adding. */
const MAX_SIZES_REMEMBERED = 64;

/** The cost of the operation each request runs, by its GraphQL context: what admission weighs it by (admission.ts). */
const costs = new WeakMap<object, number>();

/** The measured cost of the operation a request runs (0 before it is measured, as for a refused one). */
export function operationCost(context: object): number {
  return costs.get(context) ?? 0;
}

/**
 * Armor's cost rule over `withPageSizes`, run just before execution (yoga caches validation per query text, and
 * the cost depends on the variables): a refusal ends the request with no data and no upstream call. A document
 * measured with the same page-size variables is not measured again: yoga hands the same parsed document to every
 * request with the same text, and a dashboard sent all day costs one measurement. Each request's cost is kept for
 * admission (`operationCost`).
 */
function costLimitWithVariables(): Plugin {
  // validate() runs the rule synchronously: `measured` holds the cost of the document being validated.
  let measured = 0;
  const onAccept = [
    (_context: unknown, details: { n: number }) => {
      measured = Math.max(measured, details.n);
    },
  ];
  const rule = costLimitRule({ ...COST_WEIGHTS, ...rejection, maxCost: QUERY_LIMITS.maxCost, onAccept });
  const withinLimit = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { variables: string[]; sizes: Map<string, number> }>>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let documents = withinLimit.get(args.schema);
      if (!documents) {
        documents = new WeakMap();
        withinLimit.set(args.schema, documents);
      }
      let known = documents.get(args.document);
      if (!known) {
        known = { variables: pageSizeVariables(args.document), sizes: new Map() };
        documents.set(args.document, known);
      }
      const values = args.variableValues ?? undefined;
      const sizes = JSON.stringify(known.variables.map((name) => values?.[name] ?? null));
      const context = args.contextValue as object;
      const cost = known.sizes.get(sizes);
      if (cost !== undefined) {
        costs.set(context, cost);
        return;
      }
      measured = 0;
      const errors = validate(args.schema, withPageSizes(args.schema, args.document, values), [rule]);
      if (errors.length > 0) {
        setResultAndStopExecution({ errors });
        return;
      }
      costs.set(context, measured);
      if (known.sizes.size < MAX_SIZES_REMEMBERED) known.sizes.set(sizes, measured);
    },
  };
}

/**
 * The limits as yoga plugins; list them before anything that calls upstream. Field suggestions ("Did you mean …")
 * stay on where introspection is on: they reveal nothing introspection does not, and they are what a person typing a
 * query needs most. Where introspection is off (production), they would leak the schema field by field: blocked.
 */
export function queryLimits(options: { fieldSuggestions: boolean } = { fieldSuggestions: true }): Plugin[] {
  return [
    EnvelopArmorPlugin({
      maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ...rejection },
      maxAliases: { n: QUERY_LIMITS.maxAliases, ...rejection },
      maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...rejection },
      // The token limit stops the parser itself, so it must throw (a report would let parsing go on).
      maxTokens: { n: QUERY_LIMITS.maxTokens, exposeLimits: true },
      // Cost depends on variables: checked per request by costLimitWithVariables instead.
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: !options.fieldSuggestions },
    }),
    costLimitWithVariables(),
  ];
}
