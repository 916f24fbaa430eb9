// One Lambda cold start, in plain node (no tsx): import the built graphql.mjs, answer two HTTP API events, report the times.
// Plain JavaScript because the loader must be node's own: what is timed is what Lambda's node runtime would do.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const bundle = process.env.BENCH_LAMBDA_BUNDLE;
const request = JSON.parse(process.env.BENCH_LAMBDA_REQUEST ?? '{}');

/** An API Gateway HTTP API payload 2.0 event, as AWS sends it. */
function event(body) {
  const now = Date.now();
  const domainName = 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
  return {
    version: '2.0',
    routeKey: 'POST /graphql',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: {
      accept: 'application/graphql-response+json, application/json',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      authorization: request.authorization,
      host: domainName,
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName,
      domainPrefix: 'a1b2c3d4e5',
      http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'bench' },
      requestId: `bench-${now}`,
      routeKey: 'POST /graphql',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body,
    isBase64Encoded: false,
  };
}

const before = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const first = await handler(event(request.body));
const answered = performance.now();
const second = await handler(event(request.body));
const warm = performance.now();
process.send?.({
  /** Node's own start, until the script ran (not the bundle's doing). */
  bootMs: before,
  importMs: imported - before,
  firstEventMs: answered - imported,
  coldMs: answered - before,
  warmMs: warm - answered,
  statuses: [first.statusCode, second.statusCode],
  body: first.body.slice(0, 300),
});
process.disconnect?.();
