// Keeps what a client sent out of every error it gets back, gives every error a code and its HTTP status, and records the codes for the log line.
import {
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Lexer,
  Source,
  TokenKind,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentRequest } from './request-scope.js';

const VARIABLE_PREFIX = /^Variable "\$([^"]+)" got invalid value /;
/** The ` at "input.password"` graphql-js adds after the echoed value; a JSON-quoted value cannot end like this. */
const AT_PATH = / at "([^"\\]*)"$/;
/** Scalar coercion messages end with the value (`String cannot represent a non string value: 12345`). */
const SCALAR_VALUE = /( value|address|string|date-time|URL|object|number|integer): [\s\S]*$/i;
/** ValuesOfCorrectTypeRule prints the literal it refused: `Expected value of type "X", found "secret".` */
const FOUND_LITERAL = /^(Expected value of type "[^"]+"), found [\s\S]*?(?:; ([\s\S]*))?$/;
/** Quoted tokens in syntax errors are what the client typed, except punctuators such as "{" or "...". */
const QUOTED_TOKEN = /"((?:[^"\\]|\\.)*)"/g;
const PUNCTUATOR = /^[!$&():=@[\]{}|.]+$/;
/** An enum's parser quotes the value it refused, literal or variable: `Value "SLACK" does not exist in "ProviderId" enum.` */
const ENUM_VALUE = /\bValue "(?:[^"\\]|\\.)*" does not exist in "([^"]+)" enum\./g;
/**
 * Messages quote a long value cut short (`"abc…"`, as ids.ts and the id checks do): the longest start of a submitted
 * value found in a message goes too, from this many characters on (shorter starts are ordinary words).
 */
const MIN_ECHOED_PREFIX = 12;
/** yoga's answer to a POST body that is not JSON (or is empty). */
const INVALID_JSON_MESSAGE = 'POST body sent invalid JSON.';

function withoutScalarValue(message: string): string {
  return message.replace(ENUM_VALUE, 'Value (not shown) does not exist in "$1" enum.').replace(SCALAR_VALUE, '$1 (not shown)');
}

/**
 * The same message without the echoed value: `Variable "$input" got invalid value at "input.extra"; Field "extra" is
 * not defined by type "CreateMemberInput".` still names the variable, the path and the problem.
 */
export function redactedMessage(error: GraphQLError): string {
  const variable = VARIABLE_PREFIX.exec(error.message);
  const inner = error.originalError?.message;
  if (variable && inner !== undefined && error.message.endsWith(`; ${inner}`)) {
    const prefix = error.message.slice(0, error.message.length - inner.length - 2);
    const path = AT_PATH.exec(prefix)?.[1];
    return `Variable "$${variable[1]}" got invalid value${path ? ` at "${path}"` : ''}; ${withoutScalarValue(inner)}`;
  }
  if (variable) return `Variable "$${variable[1]}" got an invalid value (not shown).`;
  const found = FOUND_LITERAL.exec(error.message);
  if (found) return `${found[1]}, found a value it cannot take (not shown)${found[2] ? `; ${withoutScalarValue(found[2])}` : '.'}`;
  if (error.message.startsWith('Syntax Error:')) {
    return error.message.replace(QUOTED_TOKEN, (whole, inside: string) => (PUNCTUATOR.test(inside) ? whole : '(not shown)'));
  }
  return withoutScalarValue(error.message);
}

/** Names of the schema (types, fields, arguments, enum values): a client may send them as values, but they are no secret. */
export function schemaVocabulary(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    names.add(type.name);
    if (isEnumType(type)) for (const value of type.getValues()) names.add(value.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        names.add(field.name);
        if ('args' in field) for (const arg of field.args) names.add(arg.name);
      }
    }
  }
  return names;
}

/** Every string a client sent: variable values and string literals of the document, for the last guard below. */
export function submittedStrings(
  params: { query?: unknown; variables?: unknown; extensions?: unknown },
  vocabulary: ReadonlySet<string> = new Set(),
): string[] {
  const found: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 20 || found.length > 2000) return;
    if (typeof value === 'string') found.push(value);
    else if (typeof value === 'number') found.push(String(value));
    else if (Array.isArray(value)) for (const item of value) walk(item, depth + 1);
    else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) walk(item, depth + 1);
  };
  walk(params.variables, 0);
  if (typeof params.query === 'string') {
    try {
      const lexer = new Lexer(new Source(params.query));
      for (let token = lexer.advance(); token.kind !== TokenKind.EOF && found.length < 2000; token = lexer.advance()) {
        if (token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) found.push(token.value);
      }
    } catch {
      // A syntax error ends the scan: what was lexed so far is still guarded.
    }
  }
  // Short values (an enum-like "read", a page size) would garble messages and are no secret; field names are not values.
  return [...new Set(found)].filter((value) => value.length >= 4 && !vocabulary.has(value)).sort((a, b) => b.length - a.length);
}

/** The code for an error graphql-js or yoga left without one, by what it is. */
function codeFor(error: GraphQLError): string {
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  if (VARIABLE_PREFIX.test(error.message) || /^Variable "\$[^"]+" of (required|non-null) type/.test(error.message)) return 'BAD_USER_INPUT';
  return error.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
}

/** The longest start of `value` that `message` holds, when it is long enough to be an echo rather than a word. */
function echoedPrefix(message: string, value: string): string | null {
  if (value.length <= MIN_ECHOED_PREFIX || !message.includes(value.slice(0, MIN_ECHOED_PREFIX))) return null;
  // Every shorter start of a start the message holds is held too: a binary search finds the longest.
  let low = MIN_ECHOED_PREFIX;
  let high = value.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (message.includes(value.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return value.slice(0, low);
}

/** What yoga reads from `extensions.http` to choose the response's status and headers (it never sends it to the client). */
interface HttpHint {
  status?: number;
  /** Set: a request error that GraphQL over HTTP answers with 200 under `accept: application/json`, with `status` otherwise. */
  spec?: boolean;
  headers?: Record<string, string>;
}

/**
 * Request errors (the request never executed, so the answer has no `data`): GraphQL over HTTP wants 200 under
 * `application/json` and a 4xx under `application/graphql-response+json` (a MUST for an answer without data), which
 * yoga's `spec` flag gives. yoga sets it on parse and validation errors only; refusals before execution (access rules,
 * the cost limit) carry no status, and variable coercion errors carry a plain 400 (200 is the spec's SHOULD).
 */
const REQUEST_ERROR_STATUS: Readonly<Record<string, number>> = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
  OPERATION_NOT_SUPPORTED: 400,
  FORBIDDEN: 403,
};

/** The status hint for an error, by what it is: see REQUEST_ERROR_STATUS, and the transport cases below. */
function httpHint(error: GraphQLError, code: string, requestError: boolean): HttpHint | undefined {
  const given = error.extensions.http;
  const hint: HttpHint = typeof given === 'object' && given !== null ? { ...(given as HttpHint) } : {};
  // A body that is not JSON is no GraphQL-over-HTTP request at all: 400 whatever the Accept header (the spec's SHOULD).
  if (error.message === INVALID_JSON_MESSAGE) hint.spec = false;
  // A body over the limit may still be streaming in: close the connection rather than leave it half read.
  if (code === 'PAYLOAD_TOO_LARGE') hint.headers = { ...hint.headers, connection: 'close' };
  if (requestError && Object.hasOwn(REQUEST_ERROR_STATUS, code)) {
    hint.status ??= REQUEST_ERROR_STATUS[code];
    hint.spec = true;
  }
  return Object.keys(hint).length > 0 ? hint : undefined;
}

function cleaned(error: GraphQLError, submitted: readonly string[], requestError: boolean): GraphQLError {
  let message = redactedMessage(error);
  // The last guard: whatever message a library writes, no value the client sent comes back in it, whole or cut short.
  for (const value of submitted) {
    if (message.includes(value)) message = message.split(value).join('(not shown)');
    const prefix = echoedPrefix(message, value);
    if (prefix !== null) message = message.split(prefix).join('(not shown)');
  }
  const { originalError: _dropped, http: _hint, ...extensions } = error.extensions as Record<string, unknown>;
  if (typeof extensions.code !== 'string') extensions.code = codeFor(error);
  // yoga's 405 (a mutation sent by GET) says BAD_REQUEST; the gate's 405s say METHOD_NOT_ALLOWED.
  const http = httpHint(error, String(extensions.code), requestError);
  if (http?.status === 405) extensions.code = 'METHOD_NOT_ALLOWED';
  if (http) extensions.http = http;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
}

/** Rewrites the errors of every result, whichever phase (HTTP, parse, validate, coerce, execute) produced them. */
export function inputRedaction(schema: GraphQLSchema): Plugin {
  const submittedByRequest = new WeakMap<object, string[]>();
  const vocabulary = schemaVocabulary(schema);
  return {
    onParams({ params, context }) {
      submittedByRequest.set(context, submittedStrings(params, vocabulary));
      const record = currentRequest();
      // Only a GraphQL name goes into the log line: anything else a client puts there is not logged.
      if (record && typeof params.operationName === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(params.operationName))
        record.operationName = params.operationName;
    },
    onResultProcess({ result, setResult, serverContext }) {
      const submitted = submittedByRequest.get(serverContext) ?? [];
      const record = currentRequest();
      const rewrite = (single: ExecutionResult): ExecutionResult => {
        if (!single.errors?.length) return single;
        // No data: the request never executed (refused, or not valid), so its errors are request errors.
        const requestError = single.data === undefined;
        const errors = single.errors.map((e) =>
          cleaned(e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message ?? e)), submitted, requestError),
        );
        record?.errorCodes.push(...errors.map((e) => String(e.extensions.code)));
        return { ...single, errors };
      };
      if (Array.isArray(result)) setResult(result.map((single) => rewrite(single as ExecutionResult)));
      else if (!(Symbol.asyncIterator in result)) setResult(rewrite(result as ExecutionResult));
    },
  };
}
