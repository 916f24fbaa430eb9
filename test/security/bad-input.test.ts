// Bad input over raw HTTP: exact status and error codes, nothing sent echoed back, no upstream call, and the gateway healthy after every case.
import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { dataOf, gatewayForFile } from '../support/gateway.js';
import { apiKey } from '../support/keys.js';
import { remember } from '../support/logs.js';

/** `_entities` is served to routers only: the `federation` scope, with `read` for the data it answers. */
const ROUTER_KEY = 'bad-input-router-key-0001';
const gateway = gatewayForFile({ apiKeys: [apiKey('router', ROUTER_KEY, ['read', 'federation'])] });

/** What one case sends: a POST of JSON with the sandbox key unless it says otherwise (a header set to null is left out). */
interface Sent {
  method?: string;
  /** The path as sent, byte for byte (fetch would normalise `/graphql/.`, so such paths go out through node:http). */
  path?: string;
  /** A query string, `?` included. */
  search?: string;
  headers?: Record<string, string | null>;
  body?: string | Uint8Array<ArrayBuffer> | (() => ReadableStream<Uint8Array>);
}

/** The marker a case hides in what it sends: a value spelling, and one that is also a GraphQL name. */
interface Marker {
  text: string;
  name: string;
}

/** Real ids and cursors, read through the API before the cases run. */
interface Fixtures {
  organizations: Record<ProviderId, string>;
  cloudflareGroup: string;
  organizationsCursor: string;
  teamsCursor: string;
}

/** The answer has no `data` key at all (the request never executed). */
const ABSENT = Symbol('no data key');
type DataExpectation = typeof ABSENT | null | ((data: unknown) => void);

interface Case {
  name: string;
  send: (m: Marker, fx: Fixtures) => Sent;
  status: number;
  /** The `extensions.code` of every error, in any order; empty: no `errors` key at all. */
  codes: readonly string[];
  data: DataExpectation;
  /** The `path` of every error, in any order, where the case pins them (per-entry failures). */
  paths?: ReadonlyArray<ReadonlyArray<string | number>>;
  /** More strings the answer must not hold (a numeric value, a whole cursor). */
  hidden?: (m: Marker, fx: Fixtures) => string[];
}

const DEFAULT_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer sandbox' };
const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };
const NO_BODY_TYPE = { 'content-type': null };

const json = (value: unknown, headers: Record<string, string | null> = {}): Sent => ({ body: JSON.stringify(value), headers });
const gql = (query: string, variables?: Record<string, unknown>, headers: Record<string, string | null> = {}): Sent =>
  json({ query, ...(variables ? { variables } : {}) }, headers);
/** A valid query holding the marker, for cases where only the transport is wrong. */
const harmless = (m: Marker) => `query Harmless { providers { id name } } # ${m.text}`;
const harmlessBody = (m: Marker) => JSON.stringify({ query: harmless(m), variables: { note: m.text } });
const get = (search: Record<string, string>, headers: Record<string, string | null> = {}): Sent => ({
  method: 'GET',
  headers: { ...NO_BODY_TYPE, ...headers },
  search: `?${new URLSearchParams(search).toString()}`,
});

const NODE = 'query ($id: ID!) { node(id: $id) { id } }';
const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
const AS_ROUTER = { authorization: `Bearer ${ROUTER_KEY}` };
const ORGANIZATIONS_AFTER = 'query ($after: String) { organizations(first: 2, after: $after) { totalCount } }';
const VALIDATION_ERROR = '__typename ... on ValidationError { message path }';

/** Sends one case: through fetch, or through node:http where fetch would normalise the path. */
async function send(sent: Sent): Promise<{ status: number; text: string }> {
  const base = new URL(gateway.url);
  const path = sent.path ?? base.pathname;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...DEFAULT_HEADERS, ...sent.headers })) if (value !== null) headers[name] = value;
  const method = sent.method ?? 'POST';
  const body = typeof sent.body === 'function' ? sent.body() : sent.body;
  if (new URL(path, base).pathname !== path) {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: base.hostname, port: base.port, method, path: path + (sent.search ?? ''), headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(typeof body === 'string' || body instanceof Uint8Array ? body : undefined);
    });
  }
  // `duplex` is in undici's RequestInit but not in the DOM typings this project compiles against.
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  };
  const response = await fetch(`${base.origin}${path}${sent.search ?? ''}`, init);
  return { status: response.status, text: await response.text() };
}

/** A body that starts with `head` and is padded to over `size` bytes, streamed in 64 kB chunks with no Content-Length. */
function streamed(head: string, size: number): () => ReadableStream<Uint8Array> {
  return () => {
    const pad = new TextEncoder().encode(' '.repeat(65_536));
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = sent === 0 ? new TextEncoder().encode(head) : pad;
        if (sent > size) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
  };
}

/** member → groups → members → edges → node hops, 4 levels each under node(id:): 4 hops and `id` are depth 18. */
function deep(hops: number, m: Marker): string {
  let inner = 'id';
  for (let i = 0; i < hops; i += 1) inner = `groups { members(first: 1) { edges { node { ${inner} } } } }`;
  return `{ node(id: "${m.text}") { ... on Member { ${inner} } } }`;
}

/** A genuine cursor with its JSON edited and re-encoded, the old tag kept. */
function edited(cursor: string, changes: Record<string, unknown>): string {
  const { h: tag, ...payload } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...payload, ...changes, h: tag }), 'utf8').toString('base64url');
}

/** A cursor made up from nothing, shaped like a signed one. */
function forged(m: Marker): string {
  return Buffer.from(JSON.stringify({ l: m.text, p: 0, i: 1, h: 'A'.repeat(22) }), 'utf8').toString('base64url');
}

const CASES: Case[] = [
  // --- the body: not JSON, not an object, fields of the wrong type (yoga answers; 400 whatever the Accept) ---
  {
    name: 'malformed JSON holding a password',
    send: (m) => ({
      body: `{"query": "mutation { updateMember(input: { memberId: \\"x\\", password: \\"hunter2-canary-password-${m.text}\\" }) { __typename } }", "variables": {`,
    }),
    status: 400,
    codes: ['BAD_REQUEST'],
    data: ABSENT,
  },
  {
    name: 'malformed JSON, graphql-response+json',
    send: (m) => ({ headers: GRAPHQL_RESPONSE, body: `{"query": "{ node(id: \\"${m.text}\\") { id } }"` }),
    status: 400,
    codes: ['BAD_REQUEST'],
    data: ABSENT,
  },
  { name: 'an empty body', send: (m) => ({ search: `?note=${m.text}`, body: '' }), status: 400, codes: ['BAD_REQUEST'], data: ABSENT },
  {
    name: 'a JSON array (batching is off)',
    send: (m) => json([{ query: harmless(m) }, { query: harmless(m) }]),
    status: 400,
    codes: ['BAD_REQUEST'],
    data: ABSENT,
  },
  { name: 'a JSON number', send: (m) => ({ search: `?note=${m.text}`, body: '73731' }), status: 400, codes: ['BAD_REQUEST'], data: ABSENT },
  { name: 'a JSON string', send: (m) => json(`{ node(id: "${m.text}") { id } }`), status: 400, codes: ['BAD_REQUEST'], data: ABSENT },
  { name: 'query a number', send: (m) => json({ query: 73731, variables: { note: m.text } }), status: 400, codes: ['BAD_REQUEST'], data: ABSENT },
  { name: 'query an object', send: (m) => json({ query: { text: harmless(m) } }), status: 400, codes: ['BAD_REQUEST'], data: ABSENT },
  { name: 'variables a string', send: (m) => json({ query: NODE, variables: m.text }), status: 400, codes: ['BAD_REQUEST'], data: ABSENT },
  { name: 'variables an array', send: (m) => json({ query: NODE, variables: [m.text] }), status: 400, codes: ['BAD_REQUEST'], data: ABSENT },
  { name: 'extensions a string', send: (m) => json({ query: harmless(m), extensions: m.text }), status: 400, codes: ['BAD_REQUEST'], data: ABSENT },
  // yoga picks the operation before anything else runs, and answers these with its own code and a 400.
  {
    name: 'operationName not a string',
    send: (m) => json({ query: harmless(m), operationName: { name: m.text } }),
    status: 400,
    codes: ['OPERATION_RESOLUTION_FAILURE'],
    data: ABSENT,
  },
  {
    name: 'operationName matching no operation',
    send: (m) => json({ query: harmless(m), operationName: m.text }),
    status: 400,
    codes: ['OPERATION_RESOLUTION_FAILURE'],
    data: ABSENT,
  },
  {
    name: 'operationName matching no operation, a GraphQL name',
    send: (m) => json({ query: harmless(m), operationName: m.name }),
    status: 400,
    codes: ['OPERATION_RESOLUTION_FAILURE'],
    data: ABSENT,
  },
  {
    name: 'two anonymous operations',
    send: (m) => gql(`{ providers { id } } { node(id: "${m.text}") { id } }`),
    status: 400,
    codes: ['OPERATION_RESOLUTION_FAILURE'],
    data: ABSENT,
  },
  {
    name: 'two named operations and no operationName',
    send: (m) => gql(`query A { providers { id } } query B { node(id: "${m.text}") { id } }`),
    status: 400,
    codes: ['OPERATION_RESOLUTION_FAILURE'],
    data: ABSENT,
  },
  // No query at all: yoga answers 200 under application/json (GraphQL over HTTP allows 400 here, it does not ask for it).
  {
    name: 'no query, only a persisted-query hash',
    send: (m) => json({ extensions: { persistedQuery: { version: 1, sha256Hash: m.text } } }),
    status: 200,
    codes: ['BAD_REQUEST'],
    data: ABSENT,
  },
  {
    name: 'no query, graphql-response+json',
    send: (m) => json({ variables: { note: m.text } }, GRAPHQL_RESPONSE),
    status: 400,
    codes: ['BAD_REQUEST'],
    data: ABSENT,
  },
  {
    name: 'variables with a __proto__ key',
    send: (m) => ({ body: `{"query": "query ($id: ID!) { node(id: $id) { id } }", "variables": {"__proto__": {"id": "${m.text}"}}}` }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'bytes that are not UTF-8 inside a string',
    send: (m) => ({
      body: Buffer.concat([Buffer.from(`{"query": "{ node(id: \\"${m.text}`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\\") { id } }"}')]),
    }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ node: null }),
  },

  // --- content types (the gate: JSON only) ---
  {
    name: 'Content-Type application/x-www-form-urlencoded',
    send: (m) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(harmless(m))}` }),
    status: 415,
    codes: ['UNSUPPORTED_MEDIA_TYPE'],
    data: ABSENT,
  },
  {
    name: 'Content-Type application/graphql',
    send: (m) => ({ headers: { 'content-type': 'application/graphql' }, body: harmless(m) }),
    status: 415,
    codes: ['UNSUPPORTED_MEDIA_TYPE'],
    data: ABSENT,
  },
  {
    name: 'Content-Type text/plain',
    send: (m) => ({ headers: { 'content-type': 'text/plain' }, body: harmlessBody(m) }),
    status: 415,
    codes: ['UNSUPPORTED_MEDIA_TYPE'],
    data: ABSENT,
  },
  {
    name: 'Content-Type multipart/form-data',
    send: (m) => ({
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: `--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${harmlessBody(m)}\r\n--xyz--\r\n`,
    }),
    status: 415,
    codes: ['UNSUPPORTED_MEDIA_TYPE'],
    data: ABSENT,
  },
  {
    name: 'no Content-Type',
    send: (m) => ({ headers: NO_BODY_TYPE, body: new TextEncoder().encode(harmlessBody(m)) }),
    status: 415,
    codes: ['UNSUPPORTED_MEDIA_TYPE'],
    data: ABSENT,
  },
  {
    name: 'Content-Type a list of two types',
    send: (m) => ({ headers: { 'content-type': 'application/json, text/html' }, body: harmlessBody(m) }),
    status: 415,
    codes: ['UNSUPPORTED_MEDIA_TYPE'],
    data: ABSENT,
  },

  // --- methods ---
  ...['PUT', 'DELETE', 'PATCH'].map(
    (method): Case => ({ name: method, send: (m) => ({ method, body: harmlessBody(m) }), status: 405, codes: ['METHOD_NOT_ALLOWED'], data: ABSENT }),
  ),
  {
    name: 'OPTIONS (no CORS origins configured)',
    send: (m) => ({ method: 'OPTIONS', headers: NO_BODY_TYPE, search: `?note=${m.text}` }),
    status: 405,
    codes: ['METHOD_NOT_ALLOWED'],
    data: ABSENT,
  },
  {
    name: 'GET with a mutation',
    send: (m) => get({ query: `mutation { deleteMember(input: { memberId: "${m.text}" }) { __typename } }` }),
    status: 405,
    codes: ['METHOD_NOT_ALLOWED'],
    data: ABSENT,
  },
  { name: 'GET without a query', send: (m) => get({ variables: JSON.stringify({ note: m.text }) }), status: 200, codes: ['BAD_REQUEST'], data: ABSENT },
  {
    name: 'GET with variables that are not JSON',
    send: (m) => get({ query: NODE, variables: `{"id": "${m.text}"` }),
    status: 400,
    codes: ['BAD_REQUEST'],
    data: ABSENT,
  },
  {
    name: 'GET with extensions that are not JSON',
    send: (m) => get({ query: harmless(m), extensions: `{${m.text}` }),
    status: 400,
    codes: ['BAD_REQUEST'],
    data: ABSENT,
  },
  {
    name: 'GET with a syntax error',
    send: (m) => get({ query: `{ node(id: "${m.text}) { id } }` }),
    status: 200,
    codes: ['GRAPHQL_PARSE_FAILED'],
    data: ABSENT,
  },

  // --- size ---
  {
    name: 'a body over 1,000,000 bytes with Content-Length',
    send: (m) => gql(`{ node(id: "${m.text}") { id } }`, { pad: 'x'.repeat(1_000_100) }),
    status: 413,
    codes: ['PAYLOAD_TOO_LARGE'],
    data: ABSENT,
  },
  {
    name: 'a body over 1,000,000 bytes sent chunked',
    send: (m) => ({ body: streamed(`{"query": "{ node(id: \\"${m.text}\\") { id } }", "pad": "`, 1_200_000) }),
    status: 413,
    codes: ['PAYLOAD_TOO_LARGE'],
    data: ABSENT,
  },

  // --- paths: 404 even with the key ---
  ...['/graphql/', '//graphql', '/x/graphql', '/graphql/.', '/GRAPHQL', '/%67raphql', '/graphql%2F', '/graphql;x'].map(
    (path): Case => ({ name: `path ${path}`, send: (m) => ({ path, body: harmlessBody(m) }), status: 404, codes: ['NOT_FOUND'], data: ABSENT }),
  ),

  // --- credentials ---
  {
    name: 'no Authorization',
    send: (m) => ({ headers: { authorization: null }, body: harmlessBody(m) }),
    status: 401,
    codes: ['UNAUTHENTICATED'],
    data: ABSENT,
  },
  {
    name: 'an unknown key',
    send: (m) => ({ headers: { authorization: `Bearer ${m.text}` }, body: harmlessBody(m) }),
    status: 401,
    codes: ['UNAUTHENTICATED'],
    data: ABSENT,
  },
  {
    name: '`Bearer` with nothing',
    send: (m) => ({ headers: { authorization: 'Bearer' }, body: harmlessBody(m) }),
    status: 401,
    codes: ['UNAUTHENTICATED'],
    data: ABSENT,
  },
  {
    name: 'Basic auth holding a password',
    send: (m) => ({
      headers: { authorization: `Basic ${Buffer.from(`sandbox:hunter2-canary-password-${m.text}`).toString('base64')}` },
      body: harmlessBody(m),
    }),
    status: 401,
    codes: ['UNAUTHENTICATED'],
    data: ABSENT,
    hidden: (m) => [Buffer.from(`sandbox:hunter2-canary-password-${m.text}`).toString('base64')],
  },
  {
    name: 'a 10,000-character key',
    send: (m) => ({ headers: { authorization: `Bearer ${m.text}${'k'.repeat(10_000)}` }, body: harmlessBody(m) }),
    status: 401,
    codes: ['UNAUTHENTICATED'],
    data: ABSENT,
  },
  {
    name: 'the key followed by more',
    send: (m) => ({ headers: { authorization: `Bearer sandbox ${m.text}` }, body: harmlessBody(m) }),
    status: 401,
    codes: ['UNAUTHENTICATED'],
    data: ABSENT,
  },

  // --- syntax ---
  {
    name: 'an unterminated string holding the marker',
    send: (m) => gql(`{ node(id: "${m.text}) { id } }`),
    status: 200,
    codes: ['GRAPHQL_PARSE_FAILED'],
    data: ABSENT,
  },
  { name: 'an unterminated block string', send: (m) => gql(`{ node(id: """${m.text}) { id } }`), status: 200, codes: ['GRAPHQL_PARSE_FAILED'], data: ABSENT },
  { name: 'a bare name after the operation', send: (m) => gql(`{ providers { id } } ${m.name}`), status: 200, codes: ['GRAPHQL_PARSE_FAILED'], data: ABSENT },
  {
    name: 'a string where an argument name is expected',
    send: (m) => gql(`{ node(id: "a" "${m.text}") { id } }`),
    status: 200,
    codes: ['GRAPHQL_PARSE_FAILED'],
    data: ABSENT,
  },
  {
    name: 'a variable where a constant is expected',
    send: (m) => gql(`query ($id: ID = $${m.name}) { node(id: $id) { id } }`),
    status: 200,
    codes: ['GRAPHQL_PARSE_FAILED'],
    data: ABSENT,
  },
  { name: 'a stray character', send: (m) => gql(`{ node(id: "${m.text}") { id } ~ }`), status: 200, codes: ['GRAPHQL_PARSE_FAILED'], data: ABSENT },
  { name: 'a bad escape in a string', send: (m) => gql(`{ node(id: "${m.text}\\u{zz}") { id } }`), status: 200, codes: ['GRAPHQL_PARSE_FAILED'], data: ABSENT },
  {
    name: 'a syntax error, graphql-response+json',
    send: (m) => gql(`{ node(id: "${m.text}) { id } }`, undefined, GRAPHQL_RESPONSE),
    status: 400,
    codes: ['GRAPHQL_PARSE_FAILED'],
    data: ABSENT,
  },

  // --- query limits ---
  {
    name: 'over 2,000 tokens',
    send: (m) => gql(`{ node(id: "${m.text}") { ${'id '.repeat(2100)} } }`),
    status: 200,
    codes: ['GRAPHQL_PARSE_FAILED'],
    data: ABSENT,
  },
  { name: 'depth over 15', send: (m) => gql(deep(4, m)), status: 200, codes: ['BAD_USER_INPUT'], data: ABSENT },
  {
    name: '16 aliases',
    send: (m) => gql(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: node(id: "${m.text}") { id }`).join(' ')} }`),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: '21 directives',
    send: (m) => gql(`{ node(id: "${m.text}") { ${'id @include(if: true) '.repeat(21)} } }`),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'cost over the limit: 100 organizations × 100 teams × 100 members',
    send: (m) =>
      gql(
        `{ organizations(first: 100) { edges { node { teams(first: 100, name: "${m.text}") { edges { node { members(first: 100) { edges { node { id email } } } } } } } } } }`,
      ),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'cost over the limit through a variable page size',
    send: (m) =>
      gql(
        `query ($n: Int) { organizations(first: $n) { edges { node { teams(first: $n, name: "${m.text}") { edges { node { members(first: $n) { edges { node { id email } } } } } } } } } }`,
        { n: 100 },
      ),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'depth over 15, graphql-response+json',
    send: (m) => gql(deep(4, m), undefined, GRAPHQL_RESPONSE),
    status: 400,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'cost over the limit, graphql-response+json',
    send: (m) =>
      gql(
        `{ organizations(first: 100) { edges { node { teams(first: 100, name: "${m.text}") { edges { node { members(first: 100) { edges { node { id email } } } } } } } } } }`,
        undefined,
        GRAPHQL_RESPONSE,
      ),
    status: 400,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },

  // --- validation ---
  { name: 'an unknown field', send: (m) => gql(`{ node(id: "${m.text}") { id password } }`), status: 200, codes: ['GRAPHQL_VALIDATION_FAILED'], data: ABSENT },
  {
    name: 'an unknown argument',
    send: (m) => gql(`{ providers(filter: "${m.text}") { id } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'a string literal for an input object',
    send: (m) => gql(`mutation { createMember(input: "${m.text}") { __typename } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'a string literal for an Int',
    send: (m) => gql(`{ organizations(first: "${m.text}") { totalCount } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'an Int out of 32-bit range',
    send: (m) => gql(`{ organizations(first: 7373199999, after: "${m.text}") { totalCount } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
    hidden: () => ['7373199999'],
  },
  {
    name: 'an invalid enum value',
    send: (m) => gql(`{ organizations(provider: ${m.name}) { totalCount } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'an enum value in quotes',
    send: (m) => gql(`{ organizations(provider: "${m.text}") { totalCount } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'an extra field in an input object literal',
    send: (m) => gql(`mutation { deleteMember(input: { memberId: "x", note: "${m.text}" }) { __typename } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'a password literal of the wrong type',
    send: (m) => gql(`mutation { updateMember(input: { memberId: "${m.text}", password: 73731999 }) { __typename } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
    hidden: () => ['73731999'],
  },
  {
    name: 'an undefined variable',
    send: (m) => gql('{ node(id: $nope) { id } }', { nope: m.text }),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'a validation error, graphql-response+json',
    send: (m) => gql(`{ organizations(first: "${m.text}") { totalCount } }`, undefined, GRAPHQL_RESPONSE),
    status: 400,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },

  // --- variables (coercion errors: 200 under application/json, 400 under graphql-response+json) ---
  {
    name: 'a variable of the wrong type',
    send: (m) => gql('query ($first: Int) { organizations(first: $first) { totalCount } }', { first: m.text }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'an invalid enum value in a variable',
    send: (m) => gql('query ($p: ProviderId) { organizations(provider: $p) { totalCount } }', { p: m.name }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'a variable object with an extra field',
    send: (m, fx) =>
      gql('mutation ($input: CreateMemberInput!) { createMember(input: $input) { __typename } }', {
        input: { organizationId: fx.organizations.GOODACCESS, name: 'Ada', password: 'hunter2-canary-password', extra: m.text },
      }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  { name: 'a required variable missing', send: (m) => gql(NODE, { other: m.text }), status: 200, codes: ['BAD_USER_INPUT'], data: ABSENT },
  { name: 'a required variable null', send: (m) => gql(NODE, { id: null, other: m.text }), status: 200, codes: ['BAD_USER_INPUT'], data: ABSENT },
  {
    name: 'a variable of the wrong type, graphql-response+json',
    send: (m) => gql('query ($first: Int) { organizations(first: $first) { totalCount } }', { first: m.text }, GRAPHQL_RESPONSE),
    status: 400,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'a variable nested 5,000 lists deep',
    send: (m) => ({ body: `{"query": "${ENTITIES}", "variables": {"r": ${'['.repeat(5000)}"${m.text}"${']'.repeat(5000)}}}`, headers: AS_ROUTER }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'a variable nested 100,000 objects deep',
    send: (m) => ({ body: `{"query": "${ENTITIES}", "variables": {"r": [${'{"a": '.repeat(100_000)}"${m.text}"${'}'.repeat(100_000)}]}}`, headers: AS_ROUTER }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },

  // --- paging arguments refused by the connection (before its list is read) ---
  ...(
    [
      ['first: -5', 'first: -5'],
      ['first: 101', 'first: 101'],
    ] as const
  ).map(
    ([name, args]): Case => ({
      name: `organizations(${name})`,
      send: (m) => gql(`{ organizations(${args}) { edges { node { teams(name: "${m.text}") { totalCount } } } } }`),
      status: 200,
      codes: ['BAD_USER_INPUT'],
      data: null,
      paths: [['organizations']],
    }),
  ),
  // --- backward paging: no connection takes last or before, so validation refuses them before anything runs ---
  ...(
    [
      ['last: 5', 'last: 5'],
      ['first and last', 'first: 5, last: 5'],
    ] as const
  ).map(
    ([name, args]): Case => ({
      name: `organizations(${name})`,
      send: (m) => gql(`{ organizations(${args}) { edges { node { teams(name: "${m.text}") { totalCount } } } } }`),
      status: 200,
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      data: ABSENT,
    }),
  ),
  {
    name: 'organizations(before:)',
    send: (m) => gql('query ($before: String) { organizations(before: $before) { totalCount } }', { before: m.text }),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },

  // --- long strings (refused before execution, so no data at all) ---
  ...(
    [
      ['teams(name:) of 600 characters', 600, (s: string) => `{ organizations(first: 1) { edges { node { teams(name: "${s}") { totalCount } } } } }`],
      ['teams(name:) of 100,000 characters', 100_000, (s: string) => `{ organizations(first: 1) { edges { node { teams(name: "${s}") { totalCount } } } } }`],
      [
        'members(filter: { emailContains }) of 600 characters',
        600,
        (s: string) => `{ organizations(first: 1) { edges { node { members(filter: { emailContains: "${s}" }) { totalCount } } } } }`,
      ],
      [
        'members(filter: { emailContains }) of 100,000 characters',
        100_000,
        (s: string) => `{ organizations(first: 1) { edges { node { members(filter: { emailContains: "${s}" }) { totalCount } } } } }`,
      ],
    ] as const
  ).map(([name, length, query]): Case => ({ name, send: (m) => gql(query(m.text.padEnd(length, 'x'))), status: 200, codes: ['BAD_USER_INPUT'], data: ABSENT })),
  {
    name: 'a variable string of 600 characters',
    send: (m) =>
      gql('query ($name: String) { organizations(first: 1) { edges { node { teams(name: $name) { totalCount } } } } }', { name: m.text.padEnd(600, 'x') }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'a filter variable of 600 characters, graphql-response+json',
    send: (m) =>
      gql(
        'query ($f: MemberFilter) { organizations(first: 1) { edges { node { members(filter: $f) { totalCount } } } } }',
        { f: { emailContains: m.text.padEnd(600, 'x') } },
        GRAPHQL_RESPONSE,
      ),
    status: 400,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'a cursor of 20,000 characters',
    send: (m) => gql(ORGANIZATIONS_AFTER, { after: m.text.padEnd(20_000, 'x') }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },

  // --- ids ---
  {
    name: 'node(id:) with a 20,000-character id',
    send: (m) => gql(NODE, { id: m.text.padEnd(20_000, 'x') }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'nodes(ids:) with 101 ids',
    send: (m, fx) =>
      gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [...Array.from({ length: 100 }, () => fx.organizations.GOODACCESS), m.text] }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: null,
    paths: [['nodes']],
  },
  {
    name: 'a malformed id holding the marker',
    send: (m) => gql(NODE, { id: m.text }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ node: null }),
    paths: [['node']],
  },
  {
    name: 'a malformed literal id',
    send: (m) => gql(`{ node(id: "${m.text}") { id } }`),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ node: null }),
    paths: [['node']],
  },
  {
    name: 'a malformed id of 200 characters (messages quote a long one cut short)',
    send: (m) => gql(NODE, { id: m.text.padEnd(200, 'x') }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ node: null }),
  },
  {
    name: 'nodes(ids:): a malformed id fails alone',
    send: (m, fx) =>
      gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Organization { provider } } }', {
        ids: [fx.organizations.CHECKMARX, m.text, fx.organizations.GOODACCESS],
      }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) =>
      expect(data).toEqual({ nodes: [{ id: expect.any(String), provider: 'CHECKMARX' }, null, { id: expect.any(String), provider: 'GOODACCESS' }] }),
    paths: [['nodes', 1]],
  },
  { name: 'an id of the wrong scalar type', send: (m) => gql(NODE, { id: { value: m.text } }), status: 200, codes: ['BAD_USER_INPUT'], data: ABSENT },
  {
    name: 'a Boolean literal id',
    send: (m) => gql(`{ node(id: true) { id } other: node(id: "${m.text}") { id } }`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },

  // --- _entities ---
  {
    name: '_entities from a caller without the federation scope: not in the schema it is served',
    send: (m) => gql(ENTITIES, { r: [{ __typename: 'Member', id: m.text }] }),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: '_entities with 101 representations',
    send: (m) => gql(ENTITIES, { r: Array.from({ length: 101 }, () => ({ __typename: 'Member', id: m.text })) }, AS_ROUTER),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: null,
    paths: [['_entities']],
  },
  {
    name: '_entities with 10,000 representations',
    send: (m) => gql(ENTITIES, { r: Array.from({ length: 10_000 }, () => ({ __typename: 'Member', id: m.text })) }, AS_ROUTER),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: null,
    paths: [['_entities']],
  },
  {
    name: '_entities: an unknown __typename fails alone',
    send: (m, fx) =>
      gql(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id provider } } }',
        {
          r: [
            { __typename: 'Organization', id: fx.organizations.CHECKMARX },
            { __typename: m.text, id: fx.organizations.CHECKMARX },
            { __typename: 'Organization', id: fx.organizations.GOODACCESS },
          ],
        },
        AS_ROUTER,
      ),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) =>
      expect(data).toEqual({ _entities: [{ id: expect.any(String), provider: 'CHECKMARX' }, null, { id: expect.any(String), provider: 'GOODACCESS' }] }),
    paths: [['_entities', 1]],
  },
  {
    name: '_entities: representations that are not objects',
    send: (m) => gql(ENTITIES, { r: [m.text, 73731, [m.text], true] }, AS_ROUTER),
    status: 200,
    codes: ['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ _entities: [null, null, null, null] }),
    paths: [
      ['_entities', 0],
      ['_entities', 1],
      ['_entities', 2],
      ['_entities', 3],
    ],
  },
  {
    name: '_entities: an organization id as a Member, with the marker in an extra key',
    send: (m, fx) => gql(ENTITIES, { r: [{ __typename: 'Member', id: fx.organizations.CHECKMARX, note: m.text }] }, AS_ROUTER),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ _entities: [null] }),
    paths: [['_entities', 0]],
  },

  // --- cursors (the organizations list costs no call to refuse one) ---
  {
    name: 'a cursor edited by hand, the old tag kept',
    send: (m, fx) => gql(ORGANIZATIONS_AFTER, { after: edited(fx.organizationsCursor, { i: 0, note: m.text }) }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: null,
    paths: [['organizations']],
    hidden: (m, fx) => [edited(fx.organizationsCursor, { i: 0, note: m.text })],
  },
  {
    name: 'a forged cursor',
    send: (m) => gql(ORGANIZATIONS_AFTER, { after: forged(m) }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: null,
    paths: [['organizations']],
    hidden: (m) => [forged(m)],
  },
  {
    name: 'a garbage cursor',
    send: (m) => gql(`{ organizations(first: 2, after: "${m.text} !") { totalCount } }`),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: null,
    paths: [['organizations']],
  },
  {
    name: 'a cursor of another list',
    send: (m, fx) =>
      gql(`query ($after: String) { organizations(first: 2, after: $after) { edges { node { teams(name: "${m.text}") { totalCount } } } } }`, {
        after: fx.teamsCursor,
      }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: null,
    paths: [['organizations']],
    hidden: (_m, fx) => [fx.teamsCursor],
  },

  // --- people (an e-mail is checked before any provider's member list is read) ---
  {
    name: 'person(email:) of an empty e-mail',
    send: (m) => gql(`query ($e: String!) { person(email: $e) { id } } # ${m.text}`, { e: '  ' }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ person: null }),
  },
  {
    name: 'person(email:) of a malformed e-mail',
    send: (m) => gql('query ($e: String!) { person(email: $e) { id } }', { e: `${m.text} at example` }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ person: null }),
  },
  {
    name: 'person(email:) of an e-mail of 300 characters',
    send: (m) => gql('query ($e: String!) { person(email: $e) { id } }', { e: `${m.text.padEnd(288, 'x')}@example.com` }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ person: null }),
  },
  {
    name: 'person(email:) of an e-mail over 512 characters (a literal)',
    send: (m) => gql(`{ person(email: "${m.text.padEnd(600, 'x')}@example.com") { id } }`),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'person(email:) of a number',
    send: (m) => gql(`{ person(email: 7) { id } } # ${m.text}`),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'people with an e-mail filter of 600 characters',
    send: (m) => gql('query ($f: PeopleFilter) { people(filter: $f) { totalCount } }', { f: { emailContains: m.text.padEnd(600, 'x') } }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'people of a provider that does not exist',
    send: (m) => gql('query ($f: PeopleFilter) { people(filter: $f) { totalCount } }', { f: { providers: ['GITBOOK', m.name] } }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'people, 101 at a time',
    send: (m) => gql(`{ people(first: 101) { totalCount } } # ${m.text}`),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ people: null }),
  },
  {
    name: 'people after a forged cursor',
    send: (m) => gql('query ($after: String) { people(first: 2, after: $after) { totalCount } }', { after: forged(m) }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ people: null }),
    hidden: (m) => [forged(m)],
  },
  {
    name: 'people after a cursor of another list',
    send: (m, fx) => gql(`query ($after: String) { people(first: 2, after: $after) { totalCount } } # ${m.text}`, { after: fx.organizationsCursor }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ people: null }),
    hidden: (_m, fx) => [fx.organizationsCursor],
  },
  {
    name: 'node(id:) of a Person id whose e-mail is no address',
    send: (m) => gql(NODE, { id: Buffer.from(`Person:${JSON.stringify([`${m.text} at example`])}`).toString('base64url') }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: (data) => expect(data).toEqual({ node: null }),
  },

  // --- operations ---
  { name: 'a subscription', send: (m) => gql(`subscription { node(id: "${m.text}") { id } }`), status: 200, codes: ['OPERATION_NOT_SUPPORTED'], data: ABSENT },
  {
    name: 'a subscription, graphql-response+json',
    send: (m) => gql(`subscription { node(id: "${m.text}") { id } }`, undefined, GRAPHQL_RESPONSE),
    status: 400,
    codes: ['OPERATION_NOT_SUPPORTED'],
    data: ABSENT,
  },

  // --- mutations: typed ValidationErrors as data, before any call ---
  ...(
    [
      [
        'addMembers with 101 members',
        'addMembers',
        'AddMembersInput',
        (m: Marker, fx: Fixtures) => ({ groupId: fx.cloudflareGroup, members: Array.from({ length: 101 }, () => ({ userId: m.text })) }),
        ['input', 'members'],
      ],
      [
        'addMembers with a bad e-mail',
        'addMembers',
        'AddMembersInput',
        (m: Marker, fx: Fixtures) => ({ groupId: fx.cloudflareGroup, members: [{ email: `${m.text} at example` }] }),
        ['input', 'members', '0', 'email'],
      ],
      [
        'createMember with a password and no name',
        'createMember',
        'CreateMemberInput',
        (m: Marker, fx: Fixtures) => ({ organizationId: fx.organizations.GOODACCESS, password: `hunter2-canary-password-${m.text}` }),
        ['input', 'name'],
      ],
      [
        'createMember with a password and no organization',
        'createMember',
        'CreateMemberInput',
        (m: Marker) => ({ name: m.text, password: `hunter2-canary-password-${m.text}` }),
        ['input', 'organizationId'],
      ],
      [
        'updateMember with a password and no member id',
        'updateMember',
        'UpdateMemberInput',
        (m: Marker) => ({ name: m.text, password: `hunter2-canary-password-${m.text}` }),
        ['input', 'memberId'],
      ],
      // Ids are checked before any call, and their messages say what is wrong without repeating what was sent.
      [
        'addMembers to a group id that is no id',
        'addMembers',
        'AddMembersInput',
        (m: Marker) => ({ groupId: m.text, members: [{ email: 'a@example.com' }] }),
        ['input', 'groupId'],
      ],
      [
        'addMembers of a Cloudflare member id in the wrong format',
        'addMembers',
        'AddMembersInput',
        (m: Marker, fx: Fixtures) => ({ groupId: fx.cloudflareGroup, members: [{ memberId: m.text }] }),
        ['input', 'members', '0', 'memberId'],
      ],
      [
        'updateMember of a member id that is no id',
        'updateMember',
        'UpdateMemberInput',
        (m: Marker) => ({ memberId: m.text, name: 'Ada' }),
        ['input', 'memberId'],
      ],
      ['deleteMember of a member id that is no id', 'deleteMember', 'DeleteMemberInput', (m: Marker) => ({ memberId: m.text }), ['input', 'memberId']],
      // offboardPerson reads every provider before it writes: a bad e-mail or provider list must cost not even a read.
      ['offboardPerson of a malformed e-mail', 'offboardPerson', 'OffboardPersonInput', (m: Marker) => ({ email: `${m.text} at example` }), ['input', 'email']],
      [
        'offboardPerson of an e-mail of 300 characters',
        'offboardPerson',
        'OffboardPersonInput',
        (m: Marker) => ({ email: `${m.text.padEnd(288, 'x')}@example.com`, dryRun: true }),
        ['input', 'email'],
      ],
      [
        'offboardPerson from no provider',
        'offboardPerson',
        'OffboardPersonInput',
        (m: Marker) => ({ email: 'ada@example.com', providers: [], clientMutationId: m.text }),
        ['input', 'providers'],
      ],
      [
        'offboardPerson from one provider named seven times',
        'offboardPerson',
        'OffboardPersonInput',
        (m: Marker) => ({ email: 'ada@example.com', providers: Array(7).fill('GITBOOK'), clientMutationId: m.text }),
        ['input', 'providers'],
      ],
    ] as const
  ).map(
    ([name, field, type, input, path]): Case => ({
      name,
      send: (m, fx) => gql(`mutation ($input: ${type}!) { ${field}(input: $input) { ${VALIDATION_ERROR} } }`, { input: input(m, fx) }),
      status: 200,
      codes: [],
      data: (data) => expect(data).toEqual({ [field]: { __typename: 'ValidationError', message: expect.any(String), path } }),
    }),
  ),
  // MemberRefInput is @oneOf: two references in one member are refused by GraphQL itself, before the resolver.
  {
    name: 'addMembers with two references in one member (a variable)',
    send: (m, fx) =>
      gql('mutation ($input: AddMembersInput!) { addMembers(input: $input) { __typename } }', {
        input: { groupId: fx.cloudflareGroup, members: [{ email: `${m.text}@example.com`, userId: m.text }] },
      }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'addMembers with two references in one member (a literal)',
    send: (m, fx) =>
      gql(`mutation ($g: ID!) { addMembers(input: { groupId: $g, members: [{ email: "${m.text}@example.com", userId: "${m.text}" }] }) { __typename } }`, {
        g: fx.cloudflareGroup,
      }),
    status: 200,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
    data: ABSENT,
  },
  {
    name: 'addMembers with an empty member reference',
    send: (m, fx) =>
      gql('mutation ($input: AddMembersInput!) { addMembers(input: $input) { __typename } }', {
        input: { groupId: fx.cloudflareGroup, members: [{}], clientMutationId: m.text },
      }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'offboardPerson from a provider that does not exist (a variable)',
    send: (m) =>
      gql('mutation ($input: OffboardPersonInput!) { offboardPerson(input: $input) { __typename } }', {
        input: { email: 'ada@example.com', providers: ['GITBOOK', m.name] },
      }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'offboardPerson with an e-mail over 512 characters (a literal)',
    send: (m) => gql(`mutation { offboardPerson(input: { email: "${m.text.padEnd(600, 'x')}@example.com" }) { __typename } }`),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
  {
    name: 'a mutation input missing a required field',
    send: (m) => gql('mutation ($input: DeleteMemberInput!) { deleteMember(input: $input) { __typename } }', { input: { clientMutationId: m.text } }),
    status: 200,
    codes: ['BAD_USER_INPUT'],
    data: ABSENT,
  },
];

let fx: Fixtures;

beforeAll(async () => {
  const listed = await gateway.query<{
    organizations: {
      edges: Array<{
        node: {
          id: string;
          provider: ProviderId;
          teams: { pageInfo: { endCursor: string | null } };
          userGroups: { edges: Array<{ node: { id: string; name: string } }> };
        };
      }>;
    };
  }>(
    '{ organizations(first: 100) { edges { node { id provider teams(first: 1) { pageInfo { endCursor } } userGroups(first: 50) { edges { node { id name } } } } } } }',
  );
  const organizations = dataOf(listed).organizations.edges.map((e) => e.node);
  const firstPage = await gateway.query<{ organizations: { pageInfo: { endCursor: string } } }>('{ organizations(first: 2) { pageInfo { endCursor } } }');
  const cloudflare = organizations.find((o) => o.provider === 'CLOUDFLARE')!;
  fx = {
    organizations: Object.fromEntries([...organizations].reverse().map((o) => [o.provider, o.id])) as Record<ProviderId, string>,
    cloudflareGroup: cloudflare.userGroups.edges.find((e) => e.node.name === 'Marketing')!.node.id,
    organizationsCursor: dataOf(firstPage).organizations.pageInfo.endCursor,
    teamsCursor: organizations.find((o) => o.provider === 'BIRD')!.teams.pageInfo.endCursor!,
  };
});

/** Signs of a stack trace or of source paths in a body. */
const STACK = /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.[cm]?[jt]s:\d+|"stack"/;

interface Body {
  data?: unknown;
  errors?: Array<{ message?: unknown; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

describe('bad input over HTTP', () => {
  it.each(CASES.map((c, index) => ({ ...c, id: String(index).padStart(3, '0') })))('$id: $name', async (c) => {
    const marker: Marker = { text: `Echo-7f3a-${c.id}`, name: `Echo_7f3a_${c.id}` };
    const sent = c.send(marker, fx);
    gateway.clearLogs();
    const { status, text } = await send(sent);
    // Into the harness's secrets scan too (no known credential in any answer, checked when the gateway stops).
    remember(text);
    const calls = gateway.calls();
    const shown = text.slice(0, 600);

    expect(status, shown).toBe(c.status);
    const body = JSON.parse(text) as Body;
    expect(body.errors?.map((e) => e.extensions?.code).sort() ?? [], shown).toEqual([...c.codes].sort());
    if (c.codes.length === 0) expect('errors' in body, shown).toBe(false);
    for (const error of body.errors ?? []) {
      expect(typeof error.message, shown).toBe('string');
      expect(typeof error.extensions?.code, shown).toBe('string');
    }
    if (c.paths)
      expect(
        (body.errors ?? []).map((e) => e.path),
        shown,
      ).toEqual(expect.arrayContaining(c.paths.map((p) => [...p])));
    if (c.paths) expect(body.errors, shown).toHaveLength(c.paths.length);
    if (c.data === ABSENT) expect('data' in body, shown).toBe(false);
    else if (c.data === null) expect(body.data, shown).toBeNull();
    else c.data(body.data);

    expect(text).not.toContain('originalError');
    expect(text).not.toMatch(STACK);
    for (const secret of [marker.text, marker.name, 'hunter2-canary-password', ...(c.hidden?.(marker, fx) ?? [])])
      expect(text, `echoes ${secret.slice(0, 40)}`).not.toContain(secret);
    expect(calls, 'upstream calls').toEqual([]);

    // Still serving, on a fresh request: a plain read answers whole.
    const health = await gateway.query<{ providers: Array<{ id: string }> }>('{ providers { id } }');
    expect(health.status).toBe(200);
    expect(dataOf(health).providers).toHaveLength(5);
  });

  // The limit counts bytes, not the framing: a chunked body (no Content-Length) under it is read and answered.
  it('a body under the limit sent chunked is answered like one with Content-Length', async () => {
    const query = '{ providers { id } }';
    const body = streamed(`{"query": "${query}", "extensions": {"pad": "`, 900_000);
    const closed = (): ReadableStream<Uint8Array> =>
      body().pipeThrough(new TransformStream({ flush: (controller) => controller.enqueue(new TextEncoder().encode('"}}')) }));
    const { status, text } = await send({ body: closed });
    expect(status, text.slice(0, 300)).toBe(200);
    expect((JSON.parse(text) as { data: { providers: unknown[] } }).data.providers).toHaveLength(5);
  });

  it(`covers at least 60 cases (${CASES.length})`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    const health = await gateway.query<{ providers: Array<{ id: string }> }>('{ providers { id } }');
    expect(dataOf(health).providers).toHaveLength(5);
  });
});
