// The graphql Lambda's handler: real HTTP API v2 events through yoga and back, over the sandbox on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApiHandler, MAX_BODY_BYTES, type FetchServer, type HttpApiResult } from '../../src/lambda/http-api.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../../src/providers/types.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { httpApiEvent } from './support/http-api-event.js';
import { captureLogs } from '../support/logs.js';

const QUERY = '{ organizations(first: 3, provider: GITBOOK) { totalCount edges { node { provider name } } } }';
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: 'Bearer sandbox' };

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;
let requests = 0;
let handler: ReturnType<typeof createHttpApiHandler>;

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox));
  const gateway = createGateway({ adapters, mode: 'SANDBOX', apiKeys: [], logger: captureLogs().logger, offlineGraphiQL: false });
  handler = createHttpApiHandler(async () => ({
    fetch: (url, init, context) => {
      requests += 1;
      return gateway.fetch(url, init, context);
    },
  }));
});

afterAll(async () => {
  await closeAdapters(adapters);
  await sandbox?.stop();
});

function json(result: HttpApiResult): { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } {
  expect(result.isBase64Encoded).toBe(false);
  return JSON.parse(result.body) as never;
}

describe('the graphql handler with HTTP API events', () => {
  it('answers a POSTed query', async () => {
    const result = await handler(httpApiEvent({ method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query: QUERY }) }));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
    expect(json(result)).toEqual({
      data: {
        organizations: {
          totalCount: 2,
          edges: [{ node: { provider: 'GITBOOK', name: expect.any(String) } }, { node: { provider: 'GITBOOK', name: expect.any(String) } }],
        },
      },
    });
  });

  it('takes mutations by POST only: a GET mutation is refused with 405', async () => {
    // Mutations are being added to the schema in parallel; whichever schema runs, the POST must reach yoga
    // and come back as its GraphQL answer, and GET must be refused as GraphQL over HTTP requires.
    const post = await handler(httpApiEvent({ method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query: 'mutation { __typename }' }) }));
    const answer = json(post);
    if (post.statusCode === 200) expect(answer).toEqual({ data: { __typename: 'Mutation' } });
    else expect(answer.errors?.[0]?.message).toMatch(/mutation/i);

    const get = await handler(
      httpApiEvent({
        method: 'GET',
        query: `query=${encodeURIComponent('mutation { __typename }')}`,
        headers: { accept: 'application/json', authorization: 'Bearer sandbox' },
      }),
    );
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('answers a GET with the operation and variables in the query string', async () => {
    const query = 'query Orgs($first: Int!) { organizations(first: $first, provider: GITBOOK) { totalCount } }';
    const search = new URLSearchParams({ query, variables: JSON.stringify({ first: 1 }), operationName: 'Orgs' }).toString();
    const result = await handler(httpApiEvent({ method: 'GET', query: search, headers: { accept: 'application/json', authorization: 'Bearer sandbox' } }));
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({ data: { organizations: { totalCount: 2 } } });
  });

  it('decodes a base64 body', async () => {
    const plain = await handler(httpApiEvent({ method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query: QUERY }) }));
    const encoded = await handler(httpApiEvent({ method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query: QUERY }), base64: true }));
    expect(encoded.statusCode).toBe(200);
    expect(json(encoded)).toEqual(json(plain));
  });

  it('answers malformed JSON with a 400 GraphQL error', async () => {
    const result = await handler(httpApiEvent({ method: 'POST', headers: JSON_HEADERS, body: '{"query": "{ providers { id } }"' }));
    expect(result.statusCode).toBe(400);
    expect(json(result).errors?.[0]?.message).toMatch(/JSON/);
  });

  it('refuses an oversized body with 413 before yoga parses it', async () => {
    const before = requests;
    const padding = 'x'.repeat(MAX_BODY_BYTES);
    const result = await handler(
      httpApiEvent({ method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query: '{ providers { id } }', extensions: { padding } }) }),
    );
    expect(result.statusCode).toBe(413);
    const answer = json(result);
    expect(answer.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.errors?.[0]?.message).toContain(`the limit is ${MAX_BODY_BYTES} bytes`);
    expect(requests).toBe(before);
  });

  it('reads comma-joined multi-value headers (accept) and answers 401 with WWW-Authenticate without a key', async () => {
    const result = await handler(
      httpApiEvent({
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/plain, application/json;q=0.9' },
        body: JSON.stringify({ query: QUERY }),
      }),
    );
    expect(result.statusCode).toBe(401);
    expect(result.headers['www-authenticate']).toBe('Bearer');
    expect(json(result).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves the GraphiQL page (the CDN one: small enough for a Lambda response) to a browser GET', async () => {
    const result = await handler(httpApiEvent({ method: 'GET', headers: { accept: 'text/html,application/xhtml+xml' } }));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^text\/html/);
    expect(result.isBase64Encoded).toBe(false);
    expect(result.body).toContain('teamgraph');
    expect(Buffer.byteLength(result.body)).toBeLessThan(1_000_000);
  });
});

describe('the event and result conversion', () => {
  /** Echoes what the handler made of the event, and answers with cookies and a body of the asked type. */
  function echo(type: string, body: Uint8Array<ArrayBuffer> | string): { handler: ReturnType<typeof createHttpApiHandler>; seen: () => Request } {
    let seen: Request | undefined;
    const server: FetchServer = {
      fetch: (url, init) => {
        seen = new Request(url, init);
        const headers = new Headers({ 'content-type': type });
        headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
        headers.append('set-cookie', 'b=2; Path=/');
        return new Response(new Blob([body]), { status: 200, headers });
      },
    };
    return { handler: createHttpApiHandler(async () => server), seen: () => seen as Request };
  }

  it('rebuilds URL, method, cookies and headers, and drops a named stage prefix from the path', async () => {
    const { handler: run, seen } = echo('application/json', '{}');
    await run(
      httpApiEvent({
        method: 'POST',
        stage: 'prod',
        query: 'a=1&a=2&b=x%20y',
        cookies: ['session=abc', 'theme=dark'],
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
        body: '{"query":"{ __typename }"}',
        base64: true,
      }),
    );
    const request = seen();
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/graphql');
    expect(new URL(request.url).search).toBe('?a=1&a=2&b=x%20y');
    expect(request.headers.get('cookie')).toBe('session=abc; theme=dark');
    expect(request.headers.get('x-forwarded-for')).toBe('203.0.113.7, 10.0.0.1');
    expect(await request.text()).toBe('{"query":"{ __typename }"}');
  });

  it('returns text bodies as text, binary ones base64-encoded, and each Set-Cookie in cookies', async () => {
    const text = await echo('application/graphql-response+json; charset=utf-8', '{"data":{"é":1}}').handler(httpApiEvent({ method: 'GET' }));
    expect(text).toMatchObject({ statusCode: 200, isBase64Encoded: false, body: '{"data":{"é":1}}', cookies: ['a=1; Path=/; HttpOnly', 'b=2; Path=/'] });
    expect(text.headers['set-cookie']).toBeUndefined();

    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
    const binary = await echo('image/png', png).handler(httpApiEvent({ method: 'GET' }));
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body, 'base64')).toEqual(Buffer.from(png));
  });

  it('sends no body for GET even when the event carries one', async () => {
    const { handler: run, seen } = echo('application/json', '{}');
    await run(httpApiEvent({ method: 'GET', body: 'ignored' }));
    expect(seen().body).toBeNull();
  });
});
