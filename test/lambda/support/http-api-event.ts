// API Gateway HTTP API payload 2.0 events shaped as AWS sends them (all fields, lower-case headers), for handler tests.
import type { HttpApiEvent } from '../../../src/lambda/http-api.js';

export interface EventOptions {
  method: 'GET' | 'POST' | 'HEAD' | 'PUT' | 'OPTIONS';
  path?: string;
  /** The raw query string, without `?`. */
  query?: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string | Buffer;
  /** Send the body base64-encoded, as HTTP API does for binary content types. */
  base64?: boolean;
  stage?: string;
}

/** Everything AWS sends, a superset of what the handler reads. */
export type FullHttpApiEvent = Omit<HttpApiEvent, 'requestContext'> & {
  routeKey: string;
  queryStringParameters?: Record<string, string>;
  requestContext: HttpApiEvent['requestContext'] & {
    accountId: string;
    apiId: string;
    domainPrefix: string;
    routeKey: string;
    time: string;
    timeEpoch: number;
  };
};

/** HTTP API's queryStringParameters: repeated names joined with commas. */
function parameters(query: string): Record<string, string> | undefined {
  if (query === '') return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) out[name] = name in out ? `${out[name]},${value}` : value;
  return out;
}

export function httpApiEvent(options: EventOptions): FullHttpApiEvent {
  const path = options.path ?? '/graphql';
  const stage = options.stage ?? '$default';
  const rawPath = stage === '$default' ? path : `/${stage}${path}`;
  const query = options.query ?? '';
  const bytes = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  const now = Date.now();
  const domainName = 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
  return {
    version: '2.0',
    routeKey: `${options.method} ${path}`,
    rawPath,
    rawQueryString: query,
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers: {
      accept: '*/*',
      host: domainName,
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-67890abc-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...(bytes ? { 'content-length': String(bytes.length) } : {}),
      ...options.headers,
    },
    ...(parameters(query) ? { queryStringParameters: parameters(query) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName,
      domainPrefix: 'a1b2c3d4e5',
      http: { method: options.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      requestId: 'Xyz12abcDEFG=',
      routeKey: `${options.method} ${path}`,
      stage,
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(bytes ? { body: options.base64 ? bytes.toString('base64') : bytes.toString('utf8') } : {}),
    isBase64Encoded: options.base64 === true,
  };
}
