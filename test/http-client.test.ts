// The HTTP client against a scripted node:http server on 127.0.0.1: retries, rate limits, deadlines, breaker, redaction.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, type CallEvent, type HttpClientOptions } from '../src/providers/http.js';
import { routePath } from '../src/providers/route-path.js';
import { ProviderError } from '../src/providers/types.js';

type Step = (req: IncomingMessage, res: ServerResponse) => void;
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  remotePort: number | undefined;
}

/** Answers each request with the next scripted step; records what it received. */
class ScriptedServer {
  readonly seen: Seen[] = [];
  private steps: Step[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, remotePort: req.socket.remotePort });
        const step = this.steps.shift() ?? json(200, { ok: true });
        step(req, res);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  script(...steps: Step[]): void {
    this.steps = steps;
    this.seen.length = 0;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const raw =
  (status: number, text: string): Step =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(text);
  };
const hang: Step = () => undefined;

const server = new ScriptedServer();
const clients: HttpClient[] = [];

function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
  const made = new HttpClient({
    provider: 'GITBOOK',
    providerName: 'GitBook',
    baseUrl: `${server.url}/v1`,
    timeouts: { headersMs: 300, deadlineMs: 2_000 },
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    authHeaders: () => ({ authorization: 'Bearer top-secret-token' }),
    secrets: () => ['top-secret-token'],
    errorMessage: (_status, body) => (body as { error?: { message?: string } } | null)?.error?.message,
    ...overrides,
  });
  clients.push(made);
  return made;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const orgs = routePath('/orgs/{organizationId}', { organizationId: 'acme' });

beforeAll(() => server.start());
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => server.stop());

describe('paths', () => {
  it('encodes every parameter so an id stays one segment', () => {
    expect(routePath('/t/{id}/m', { id: 'a/b' }).path).toBe('/t/a%2Fb/m');
    expect(routePath('/t/{id}/m', { id: '../x' }).path).toBe('/t/..%2Fx/m');
    expect(routePath('/t/{id}/m', { id: '..' }).path).toBe('/t/%2E%2E/m');
    expect(routePath('/t/{id}/m', { id: '%2F' }).path).toBe('/t/%252F/m');
    expect(routePath('/t/{id}/m', { id: 'x' }).route).toBe('/t/{id}/m');
  });

  it('refuses a template and parameters that do not fit each other', () => {
    expect(() => routePath('/t/{id}', {})).toThrow(/no value for \{id\}/);
    expect(() => routePath('/t', { id: '1' })).toThrow(/has no \{id\}/);
  });

  it('sends the encoded path under the base path, with the query and credentials', async () => {
    server.script(json(200, { id: 'x' }));
    const response = await client().request({
      method: 'GET',
      path: routePath('/orgs/{organizationId}', { organizationId: '../admin' }),
      query: { page: 'abc', limit: 5, skip: undefined },
      idempotent: true,
    });
    expect(response.body).toEqual({ id: 'x' });
    expect(server.seen[0]?.url).toBe('/v1/orgs/..%2Fadmin?page=abc&limit=5');
    expect(server.seen[0]?.headers.authorization).toBe('Bearer top-secret-token');
  });
});

describe('bodies', () => {
  it('sends JSON with the asked content type and forms urlencoded', async () => {
    server.script(json(200, {}), json(200, {}));
    const http = client();
    await http.request({ method: 'PUT', path: orgs, json: { userIds: [1] }, contentType: 'application/json;v=1.0', idempotent: true });
    await http.request({ method: 'POST', path: orgs, form: { grant_type: 'password' }, idempotent: false, auth: false });
    expect(server.seen[0]?.headers['content-type']).toBe('application/json;v=1.0');
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({ userIds: [1] });
    expect(server.seen[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.seen[1]?.body).toBe('grant_type=password');
    expect(server.seen[1]?.headers.authorization).toBeUndefined();
  });

  it('gives null for an empty 204/205 and BAD_RESPONSE for a malformed body', async () => {
    server.script((_req, res) => res.writeHead(205).end(), raw(200, '{"items": [1, 2'));
    const http = client();
    expect((await http.request({ method: 'DELETE', path: orgs, idempotent: true })).body).toBeNull();
    const error = await failure(http.request({ method: 'GET', path: orgs, idempotent: true }));
    expect(error.kind).toBe('BAD_RESPONSE');
    expect(server.seen).toHaveLength(2); // a malformed body is not retried
  });
});

describe('statuses', () => {
  it.each([
    [400, 'INVALID'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [422, 'INVALID'],
  ] as const)('maps %i to %s with the provider message and the route template', async (status, kind) => {
    server.script(json(status, { error: { code: status, message: 'Team not found' } }));
    const error = await failure(client().request({ method: 'GET', path: orgs, idempotent: true }));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.provider).toBe('GITBOOK');
    expect(error.message).toContain('Team not found');
    expect(error.message).toContain('GET /v1/orgs/{organizationId}');
    expect(server.seen).toHaveLength(1);
  });

  it('hands accepted statuses back instead of failing', async () => {
    server.script(json(409, { code: 'exists' }));
    const response = await client().request({ method: 'POST', path: orgs, json: {}, idempotent: false, accept: [409] });
    expect(response.status).toBe(409);
  });
});

describe('retries', () => {
  it('retries an idempotent call through 503 and 502 and succeeds', async () => {
    server.script(json(503, {}), json(502, {}), json(200, { ok: 1 }));
    const events: CallEvent[] = [];
    const http = client();
    http.observe((event) => events.push(event));
    const response = await http.request({ method: 'GET', path: orgs, idempotent: true });
    expect(response.body).toEqual({ ok: 1 });
    expect(events.map((e) => [e.attempt, e.status])).toEqual([
      [1, 503],
      [2, 502],
      [3, 200],
    ]);
    expect(events.every((e) => e.route === '/v1/orgs/{organizationId}')).toBe(true);
  });

  it('gives UNAVAILABLE after the attempts run out', async () => {
    server.script(json(503, {}), json(503, {}), json(503, {}), json(200, {}));
    const error = await failure(client().request({ method: 'GET', path: orgs, idempotent: true }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(server.seen).toHaveLength(3);
  });

  it('never resends a call that is not idempotent', async () => {
    server.script(json(503, {}), json(200, {}));
    const error = await failure(client().request({ method: 'POST', path: orgs, json: {}, idempotent: false }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(server.seen).toHaveLength(1);
  });

  it('does not retry 500 or 4xx', async () => {
    server.script(json(500, {}), json(200, {}));
    expect((await failure(client().request({ method: 'GET', path: orgs, idempotent: true }))).kind).toBe('UNAVAILABLE');
    expect(server.seen).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('waits out a Retry-After that fits the deadline, then succeeds', async () => {
    server.script(json(429, {}, { 'retry-after': '1' }), json(200, { ok: true }));
    const started = Date.now();
    const response = await client({ timeouts: { deadlineMs: 3_000 } }).request({ method: 'GET', path: orgs, idempotent: true });
    expect(response.body).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.seen).toHaveLength(2);
  });

  it('fails at once with RATE_LIMITED and retryAfter when the wait does not fit', async () => {
    server.script(json(429, { error: { code: 429, message: 'API rate limit exceeded' } }, { 'retry-after': '60' }));
    const started = Date.now();
    const error = await failure(client().request({ method: 'GET', path: orgs, idempotent: true }));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.retryAfter).toBe(60);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('reads an HTTP-date Retry-After, GitBook X-RateLimit-Reset and Cloudflare Ratelimit', async () => {
    const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toUTCString();
    const reset = String(Math.floor(Date.now() / 1000) + 120);
    server.script(
      json(429, {}, { 'retry-after': inSeconds(90) }),
      json(429, {}, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }),
      json(429, {}, { ratelimit: '"default";r=0;t=300' }),
    );
    const http = client({ retry: { attempts: 1 } });
    const waits: Array<number | undefined> = [];
    for (let i = 0; i < 3; i++) waits.push((await failure(http.request({ method: 'GET', path: orgs, idempotent: true }))).retryAfter);
    expect(waits[0]).toBeGreaterThanOrEqual(88);
    expect(waits[0]).toBeLessThanOrEqual(90);
    expect(waits[1]).toBeGreaterThanOrEqual(118);
    expect(waits[1]).toBeLessThanOrEqual(120);
    expect(waits[2]).toBe(300);
  });

  it('never resends a non-idempotent call after a 429', async () => {
    server.script(json(429, {}, { 'retry-after': '0' }), json(201, {}));
    const error = await failure(client().request({ method: 'POST', path: orgs, json: {}, idempotent: false }));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(server.seen).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('times a hang out, retries an idempotent call, and reports UNAVAILABLE', async () => {
    server.script(hang, hang, hang);
    const events: CallEvent[] = [];
    const http = client({ timeouts: { headersMs: 150, deadlineMs: 5_000 } });
    http.observe((e) => events.push(e));
    const error = await failure(http.request({ method: 'GET', path: orgs, idempotent: true }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/timed out/);
    expect(error.outcomeUnknown).toBe(false);
    expect(events.map((e) => e.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
  });

  it('marks a timed-out non-idempotent call as of unknown outcome, sent once', async () => {
    server.script(hang, json(201, {}));
    const error = await failure(client({ timeouts: { headersMs: 150 } }).request({ method: 'POST', path: orgs, json: {}, idempotent: false }));
    expect(error.outcomeUnknown).toBe(true);
    expect(server.seen).toHaveLength(1);
  });

  it('stops at the per-call deadline even when the headers timeout is longer', async () => {
    server.script(hang);
    const started = Date.now();
    const error = await failure(client({ timeouts: { headersMs: 10_000 } }).request({ method: 'GET', path: orgs, idempotent: true, deadlineMs: 300 }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection as UNAVAILABLE, known not to have arrived', async () => {
    const closed = new HttpClient({ provider: 'BIRD', providerName: 'Bird', baseUrl: 'http://127.0.0.1:9', retry: { attempts: 1 } });
    clients.push(closed);
    const error = await failure(closed.request({ method: 'POST', path: orgs, json: {}, idempotent: false }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.outcomeUnknown).toBe(false);
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast, then lets one probe close it', async () => {
    const http = client({ retry: { attempts: 1 }, breaker: { failureThreshold: 3, resetAfterMs: 200 } });
    server.script(json(503, {}), json(503, {}), json(503, {}));
    for (let i = 0; i < 3; i++) await failure(http.request({ method: 'GET', path: orgs, idempotent: true }));
    expect(http.breakerState).toBe('open');

    const fast = await failure(http.request({ method: 'GET', path: orgs, idempotent: true }));
    expect(fast.kind).toBe('UNAVAILABLE');
    expect(fast.message).toMatch(/circuit open/);
    expect(server.seen).toHaveLength(3); // the fast failure sent nothing

    await new Promise((r) => setTimeout(r, 250));
    expect(http.breakerState).toBe('half-open');
    server.script(json(200, { ok: true }));
    await http.request({ method: 'GET', path: orgs, idempotent: true });
    expect(http.breakerState).toBe('closed');
  });

  it('re-opens when the probe fails', async () => {
    const http = client({ retry: { attempts: 1 }, breaker: { failureThreshold: 1, resetAfterMs: 100 } });
    server.script(json(503, {}));
    await failure(http.request({ method: 'GET', path: orgs, idempotent: true }));
    await new Promise((r) => setTimeout(r, 150));
    server.script(json(504, {}));
    await failure(http.request({ method: 'GET', path: orgs, idempotent: true }));
    expect(http.breakerState).toBe('open');
  });

  it('is not held half-open by a failure to get credentials', async () => {
    let refuse = false;
    const http = client({
      retry: { attempts: 1 },
      breaker: { failureThreshold: 1, resetAfterMs: 50 },
      authHeaders: () => {
        if (refuse) throw new ProviderError('CHECKMARX', 'UNAUTHENTICATED', 'grant refused');
        return { authorization: 'Bearer fresh' };
      },
    });
    server.script(json(503, {}));
    await failure(http.request({ method: 'GET', path: orgs, idempotent: true }));
    await new Promise((r) => setTimeout(r, 80));
    refuse = true;
    expect((await failure(http.request({ method: 'GET', path: orgs, idempotent: true }))).kind).toBe('UNAUTHENTICATED');
    refuse = false;
    server.script(json(200, { ok: true }));
    expect((await http.request({ method: 'GET', path: orgs, idempotent: true })).body).toEqual({ ok: true });
    expect(http.breakerState).toBe('closed');
  });

  it('is not opened by client errors', async () => {
    const http = client({ retry: { attempts: 1 }, breaker: { failureThreshold: 2, resetAfterMs: 1_000 } });
    server.script(json(404, {}), json(404, {}), json(404, {}));
    for (let i = 0; i < 3; i++) await failure(http.request({ method: 'GET', path: orgs, idempotent: true }));
    expect(http.breakerState).toBe('closed');
  });
});

describe('secrets', () => {
  it('never puts tokens or request passwords into errors, even when the provider echoes them', async () => {
    server.script(json(400, { error: { message: 'bad password hunter2-secret for token top-secret-token' } }));
    const error = await failure(
      client().request({
        method: 'POST',
        path: orgs,
        json: { password: 'hunter2-secret' },
        idempotent: false,
        sensitive: ['hunter2-secret'],
      }),
    );
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.message).not.toContain('top-secret-token');
    expect(error.message).toContain('[redacted]');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2');
  });

  it('tells observers routes and statuses, never paths with ids or headers', async () => {
    server.script(json(200, {}));
    const events: CallEvent[] = [];
    const http = client();
    http.observe((e) => events.push(e));
    await http.request({ method: 'GET', path: routePath('/orgs/{organizationId}', { organizationId: 'secret-org' }), idempotent: true });
    expect(JSON.stringify(events)).not.toContain('secret-org');
    expect(JSON.stringify(events)).not.toContain('top-secret-token');
    expect(events[0]).toMatchObject({ provider: 'GITBOOK', method: 'GET', status: 200, attempt: 1, outcome: 'response' });
  });

  it('keeps an observer that throws from failing the call', async () => {
    server.script(json(200, { fine: true }));
    const http = client();
    http.observe(() => {
      throw new Error('observer bug');
    });
    expect((await http.request({ method: 'GET', path: orgs, idempotent: true })).body).toEqual({ fine: true });
  });
});

describe('connection pool', () => {
  it('reuses keep-alive connections across calls to one origin', async () => {
    server.script(...Array.from({ length: 8 }, () => json(200, {})));
    const http = client();
    for (let i = 0; i < 8; i++) await http.request({ method: 'GET', path: orgs, idempotent: true });
    expect(server.seen).toHaveLength(8);
    // undici may open a second socket while the first is being released; it never opens one per call.
    expect(new Set(server.seen.map((s) => s.remotePort)).size).toBeLessThanOrEqual(2);
  });
});
