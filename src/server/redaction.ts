// Keeps what a client sent out of error messages: graphql-js echoes invalid input values, which may hold a password.
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const VARIABLE_PREFIX = /^Variable "\$([^"]+)" got invalid value /;
/** The ` at "input.password"` graphql-js adds after the echoed value; a JSON-quoted value cannot end like this. */
const AT_PATH = / at "([^"\\]*)"$/;
/** Scalar coercion messages end with the value (`String cannot represent a non string value: 12345`). */
const SCALAR_VALUE = /( value): [\s\S]*$/;

/**
 * The same message without the echoed value: `Variable "$input" got invalid value at "input.extra"; Field "extra" is
 * not defined by type "CreateMemberInput".` still names the variable, the path and the problem. Other messages are
 * returned as they are, except a scalar's echo of the value it refused.
 */
export function redactedMessage(error: GraphQLError): string {
  const variable = VARIABLE_PREFIX.exec(error.message);
  const inner = error.originalError?.message;
  if (variable && inner !== undefined && error.message.endsWith(`; ${inner}`)) {
    const prefix = error.message.slice(0, error.message.length - inner.length - 2);
    const path = AT_PATH.exec(prefix)?.[1];
    return `Variable "$${variable[1]}" got invalid value${path ? ` at "${path}"` : ''}; ${inner.replace(SCALAR_VALUE, '$1 (not shown)')}`;
  }
  if (variable) return `Variable "$${variable[1]}" got an invalid value (not shown).`;
  return error.message.replace(SCALAR_VALUE, '$1 (not shown)');
}

function redacted(error: GraphQLError): GraphQLError {
  const message = redactedMessage(error);
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: error.extensions,
  });
}

/** Rewrites the errors of every result, whichever phase (parse, validate, coerce, execute) produced them. */
export function inputRedaction(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      const rewrite = (single: ExecutionResult): ExecutionResult =>
        single.errors?.length ? { ...single, errors: single.errors.map((e) => (e instanceof GraphQLError ? redacted(e) : e)) } : single;
      if (Array.isArray(result)) setResult(result.map((single) => rewrite(single as ExecutionResult)));
      else if (!(Symbol.asyncIterator in result)) setResult(rewrite(result as ExecutionResult));
    },
  };
}
