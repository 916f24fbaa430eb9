// Repeated queries run as code graphql-jit compiled for their document, with its errors made graphql-js errors again.
import { useGraphQlJit } from '@envelop/graphql-jit';
import { type ASTNode, type DocumentNode, type ExecutionArgs, getLocation, getOperationAST, GraphQLError, type GraphQLSchema, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The fields and variable definitions of a document by where they start (`line:column`), as errors locate them. */
function nodesByLocation(document: DocumentNode): Map<string, ASTNode> {
  const nodes = new Map<string, ASTNode>();
  const add = (node: ASTNode) => {
    if (!node.loc) return;
    const { line, column } = getLocation(node.loc.source, node.loc.start);
    nodes.set(`${line}:${column}`, node);
  };
  visit(document, { [Kind.FIELD]: add, [Kind.VARIABLE_DEFINITION]: add });
  return nodes;
}

/**
 * graphql-jit makes its own errors: its locations without the AST nodes they come from, and no `extensions` unless
 * the cause had some. What runs after execution (masking, redaction, error codes) expects graphql-js's errors, which
 * keep their nodes, so each becomes one: the same message, path, cause and extensions, and the nodes at its locations.
 */
function asGraphQLJsError(error: GraphQLError, nodes: () => Map<string, ASTNode>): GraphQLError {
  // graphql-js's errors always have `nodes` of their own (undefined when there are none); graphql-jit's never do.
  if (Object.hasOwn(error, 'nodes')) return error;
  const located = (error.locations ?? []).map(({ line, column }) => nodes().get(`${line}:${column}`)).filter((node) => node !== undefined);
  return new GraphQLError(error.message, {
    ...(located.length > 0 ? { nodes: located } : {}),
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions ?? {},
  });
}

/**
 * The client schema's queries, from the second time a document runs (yoga keeps one parsed document per query text,
 * so a repeated query is the same object): compiling costs more than running a document once, and then about a
 * quarter less CPU per request for the dashboard, a fifth for a team page. Not mutations: graphql-jit's variable
 * coercion does not know @oneOf (MemberRefInput), graphql-js's does. Not the subgraph schema routers get: graphql-jit
 * keeps one compiled query per document, whichever schema it was compiled for. List it before anything that wraps
 * the executor (admission), so that wrapper wraps this one.
 */
export function compiledQueries(clientSchema: GraphQLSchema): Plugin[] {
  const runs = new WeakMap<DocumentNode, number>();
  const repeatedClientQuery = (args: ExecutionArgs): boolean => {
    if (args.schema !== clientSchema || getOperationAST(args.document, args.operationName)?.operation !== 'query') return false;
    const seen = (runs.get(args.document) ?? 0) + 1;
    runs.set(args.document, seen);
    return seen > 1;
  };
  return [
    useGraphQlJit({}, { enableIf: repeatedClientQuery }) as Plugin,
    {
      onExecute({ args }) {
        return {
          onExecuteDone({ result, setResult }) {
            // Only single results exist here (no @defer/@stream or subscriptions in this schema).
            if (Symbol.asyncIterator in result || !result.errors?.some((error) => !Object.hasOwn(error, 'nodes'))) return;
            let nodes: Map<string, ASTNode> | undefined;
            const locate = () => {
              nodes ??= nodesByLocation(args.document);
              return nodes;
            };
            setResult({ ...result, errors: result.errors.map((error) => asGraphQLJsError(error, locate)) });
          },
        };
      },
    },
  ];
}
