// The one gate in front of yoga: exactly one path, GET or POST, JSON only, and a verified caller before anything executes.
import type { Authenticator } from './auth.js';
import { FAILURE_MESSAGES } from './auth.js';
import type { Caller } from '../resolvers/context.js';

export interface GateOptions {
  /** The only path GraphQL is served on, such as `/graphql`. */
  endpoint: string;
  authenticator: Authenticator;
  /** GraphiQL's page on a browser GET of the endpoint, without a key (the page holds no data). */
  graphiql: boolean;
  /** CORS origins; preflights go through to yoga's CORS handling only when some are configured. */
  corsOrigins: readonly string[];
}

/** What the gate decided: an answer of its own, or the caller to execute for. */
export type GateDecision = { response: Response; code: string } | { caller: Caller | null };

/**
 * A GraphQL request has no business near this size (the largest real operation is a few kB, and query limits
 * refuse deep ones anyway); refusing it before parsing keeps a large body from costing a full parse. The same
 * number on `npm start` (here by Content-Length, and by yoga as a body without one streams in) and on Lambda.
 */
export const MAX_BODY_BYTES = 1_000_000;

export function tooLargeMessage(size: number | null): string {
  return `The request body is ${size === null ? 'larger than that' : `${size} bytes`}; the limit is ${MAX_BODY_BYTES} bytes`;
}

const JSON_TYPES = new Set(['application/json', 'application/graphql-response+json']);

export function gateResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** A refusal the gate writes itself, with its code beside it for the request's log line. */
function refused(status: number, code: string, message: string, headers: Record<string, string> = {}): GateDecision {
  return { response: gateResponse(status, code, message, headers), code };
}

function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The first of a GET's JSON parameters that is not JSON. yoga parses them with a bare JSON.parse and answers what
 * fails with a 500 (an unexpected error); this is the client's mistake, a 400. yoga reads an empty one as absent.
 */
function unparsableParameter(url: URL): string | null {
  for (const name of ['variables', 'extensions']) {
    const value = url.searchParams.get(name);
    if (!value) continue;
    try {
      JSON.parse(value);
    } catch {
      return name;
    }
  }
  return null;
}

/**
 * Decides before yoga sees the request. The path is compared exactly, after URL normalisation, so `/graphql/`,
 * `//graphql`, `/x/graphql` and `/graphql/.` are all 404: yoga's own matching is looser, so nothing but this
 * comparison decides what reaches it.
 */
export async function admit(request: Request, options: GateOptions): Promise<GateDecision> {
  const url = new URL(request.url);
  if (url.pathname !== options.endpoint) {
    return refused(404, 'NOT_FOUND', `Not found: GraphQL is served at ${options.endpoint} only`);
  }
  const method = request.method.toUpperCase();
  if (method === 'OPTIONS' && options.corsOrigins.length > 0) return { caller: null };
  if (method !== 'GET' && method !== 'POST') {
    return refused(405, 'METHOD_NOT_ALLOWED', `${method.slice(0, 16)} is not allowed: send GET (queries) or POST (queries and mutations)`, {
      allow: 'GET, POST',
    });
  }
  if (method === 'GET' && options.graphiql && !url.searchParams.has('query') && (request.headers.get('accept') ?? '').includes('text/html')) {
    return { caller: null };
  }
  const length = request.headers.get('content-length');
  if (length !== null && /^\d+$/.test(length) && Number(length) > MAX_BODY_BYTES) {
    // Closed after the answer: node would otherwise read and discard the whole body to keep the connection.
    return refused(413, 'PAYLOAD_TOO_LARGE', tooLargeMessage(Number(length)), { connection: 'close' });
  }
  if (method === 'POST' && !JSON_TYPES.has(mediaType(request.headers.get('content-type')))) {
    return refused(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request as Content-Type: application/json (or a GET for queries)', {
      accept: 'application/json',
    });
  }
  const unparsable = method === 'GET' ? unparsableParameter(url) : null;
  if (unparsable) {
    return refused(400, 'BAD_REQUEST', `The ${unparsable} parameter of a GET must be JSON, URL-encoded`);
  }
  const outcome = await options.authenticator.authenticate(request.headers.get('authorization'));
  if (!outcome.ok) {
    const challenge = outcome.failure === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"';
    return refused(401, 'UNAUTHENTICATED', FAILURE_MESSAGES[outcome.failure], { 'www-authenticate': challenge });
  }
  return { caller: outcome.caller };
}
