// API Gateway HTTP API (payload 2.0) events to fetch requests and fetch responses back to HTTP API results.
import { Buffer } from 'node:buffer';
import { MAX_BODY_BYTES, tooLargeMessage } from '../server/gate.js';

/** The fields of an HTTP API payload 2.0 event that a request needs. */
export interface HttpApiEvent {
  version?: string;
  rawPath: string;
  rawQueryString?: string;
  /** Request cookies: HTTP API takes them out of the Cookie header. */
  cookies?: string[];
  /** Lower-case names; repeated headers arrive joined with commas. */
  headers?: Record<string, string | undefined>;
  requestContext: {
    http: { method: string; path?: string; protocol?: string; sourceIp?: string; userAgent?: string };
    domainName?: string;
    /** `$default`, or a named stage whose name prefixes rawPath. */
    stage?: string;
    requestId?: string;
  };
  body?: string;
  isBase64Encoded?: boolean;
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  /** Response cookies: HTTP API turns each into its own Set-Cookie header. */
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** What the handler needs of the gateway: yoga's fetch entry point. */
export interface FetchServer {
  fetch(url: string, init: RequestInit, context: Record<string, unknown>): Response | Promise<Response>;
}

export { MAX_BODY_BYTES };

/** Bodies sent back as text; anything else (images, compressed bodies) goes base64, as HTTP API requires. */
function isText(contentType: string | null, encoding: string | null): boolean {
  if (encoding && encoding !== 'identity') return false;
  if (!contentType) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/javascript' ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/x-www-form-urlencoded'
  );
}

/** The path the function was asked for: a named stage's prefix removed, so `/graphql` matches either way. */
function pathOf(event: HttpApiEvent): string {
  const stage = event.requestContext.stage;
  const prefix = stage && stage !== '$default' ? `/${stage}` : '';
  return prefix && (event.rawPath === prefix || event.rawPath.startsWith(`${prefix}/`)) ? event.rawPath.slice(prefix.length) || '/' : event.rawPath;
}

export function bodyOf(event: HttpApiEvent): Buffer | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** The fetch request an event stands for: URL, method, headers (cookies put back into one Cookie header), body. */
export function toFetchRequest(event: HttpApiEvent, body: Buffer | undefined): { url: string; init: RequestInit } {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    // The event's may be stale (the length of base64): the decoded body's is set below.
    if (value !== undefined && name.toLowerCase() !== 'content-length') headers.set(name, value);
  }
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const host = headers.get('host') ?? event.requestContext.domainName ?? 'localhost';
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const method = event.requestContext.http.method.toUpperCase();
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  // The decoded body's own length: with it, the gateway need not count the body as it streams (body-limit.ts).
  if (hasBody) headers.set('content-length', String(body.length));
  return {
    url: `https://${host}${pathOf(event)}${query}`,
    init: { method, headers, ...(hasBody ? { body: new Uint8Array(body) } : {}) },
  };
}

export async function toHttpApiResult(response: Response): Promise<HttpApiResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // Lower-case names: the fetch implementation may keep the case it was given, and one name must be one key.
    if (name.toLowerCase() !== 'set-cookie') headers[name.toLowerCase()] = value;
  });
  const cookies = response.headers.getSetCookie();
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = isText(response.headers.get('content-type'), response.headers.get('content-encoding'));
  return {
    statusCode: response.status,
    headers,
    ...(cookies.length > 0 ? { cookies } : {}),
    body: text ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !text,
  };
}

function tooLarge(size: number): HttpApiResult {
  const body = {
    errors: [{ message: tooLargeMessage(size), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
  };
  return { statusCode: 413, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body), isBase64Encoded: false };
}

/** A Lambda handler for HTTP API events over a fetch server that may still be starting. */
export function createHttpApiHandler(server: () => Promise<FetchServer>) {
  return async (event: HttpApiEvent, lambdaContext?: unknown): Promise<HttpApiResult> => {
    const body = bodyOf(event);
    if (body && body.length > MAX_BODY_BYTES) return tooLarge(body.length);
    const { url, init } = toFetchRequest(event, body);
    const response = await (await server()).fetch(url, init, { event, lambdaContext });
    return toHttpApiResult(response);
  };
}
