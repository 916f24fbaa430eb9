// The sandbox frame every simulator runs in: routing, auth, errors, the request log, faults and the control API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { SimServer } from '../src/sandbox/core/sim-server.js';
import { SimError, type SimResponse, type Simulator } from '../src/sandbox/core/types.js';

/** A two-route API with its own error envelope: enough to exercise the frame, nothing provider-specific. */
function tinySimulator(): Simulator & { resets: number } {
  const items = new Map([
    ['a/b', { id: 'a/b' }],
    ['x', { id: 'x' }],
  ]);
  return {
    name: 'Tiny',
    basePath: '/api',
    caseInsensitiveRoutes: true,
    resets: 0,
    routes: [
      {
        method: 'GET',
        template: '/items/{itemId}',
        handler: (req) => {
          const item = items.get(req.params.itemId ?? '');
          if (!item) throw new SimError(404, `item ${req.params.itemId} not found`);
          return { status: 200, body: item };
        },
      },
      { method: 'POST', template: '/items', handler: (req) => ({ status: 201, body: req.json() }) },
      { method: 'GET', template: '/ping', auth: false, handler: () => ({ status: 200, body: { pong: true } }) },
    ],
    authenticate: (req) => req.headers.authorization === 'Bearer ok',
    errorResponse: (status, message): SimResponse => ({ status, body: { failure: { status, message } } }),
    decorate: (res) => {
      res.headers = { ...res.headers, 'x-tiny': 'yes' };
    },
    reset() {
      this.resets += 1;
    },
    describe: () => ({ credentials: 'Bearer ok' }),
  };
}

const sim = tinySimulator();
const server = new SimServer(sim);
const auth = { authorization: 'Bearer ok' };

/** node:http sends the path exactly as given (undici's request() would normalise `..` before it left). */
function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }>((resolve, reject) => {
    const req = httpRequest(`${server.url}/`, { method, path, headers: init.headers ?? auth }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

describe('routing', () => {
  it('decodes each segment after splitting, so an encoded slash stays inside the id', async () => {
    const res = await call('GET', '/api/items/a%2Fb');
    expect(res).toMatchObject({ status: 200, body: { id: 'a/b' } });
    expect(server.log.list()[0]).toMatchObject({ route: '/api/items/{itemId}', path: '/api/items/a%2Fb', status: 200 });
  });

  it('never resolves dot segments: an id cannot climb to another route', async () => {
    const res = await call('GET', '/api/items/..%2Fping');
    expect(res.status).toBe(404);
    expect(server.log.list()[0]?.route).toBe('/api/items/{itemId}');
    const raw = await call('GET', '/api/items/../ping');
    expect(raw.status).toBe(404);
    expect(server.log.list()[1]?.route).toBe('(no route)');
  });

  it('matches literal segments case-insensitively when the simulator asks for it', async () => {
    expect((await call('GET', '/API/ITEMS/x')).status).toBe(200);
  });

  it('answers unknown routes, wrong methods and bad encodings in the simulator envelope', async () => {
    expect(await call('GET', '/api/nothing')).toMatchObject({ status: 404, body: { failure: { status: 404 } } });
    expect(await call('DELETE', '/api/items')).toMatchObject({ status: 405, body: { failure: { status: 405 } } });
    expect(await call('GET', '/api/items/%E0%A4%A')).toMatchObject({ status: 400 });
  });
});

describe('auth, errors, decoration', () => {
  it('rejects missing credentials with 401 and lets open routes through', async () => {
    expect(await call('GET', '/api/items/x', { headers: {} })).toMatchObject({ status: 401, body: { failure: { status: 401 } } });
    expect((await call('GET', '/api/ping', { headers: {} })).status).toBe(200);
  });

  it('turns a SimError into the envelope, and a bad JSON body into 400', async () => {
    expect(await call('GET', '/api/items/nope')).toMatchObject({ status: 404, body: { failure: { message: 'item nope not found' } } });
    expect((await call('POST', '/api/items', { headers: auth, body: '{oops' })).status).toBe(400);
  });

  it('decorates every response', async () => {
    expect((await call('GET', '/api/items/x')).headers['x-tiny']).toBe('yes');
  });
});

describe('faults', () => {
  const route = '/api/items/{itemId}';

  it('fails the next N matching calls with the asked status, then recovers', async () => {
    server.faults.add({ kind: 'error', status: 502, times: 2, match: { route } });
    expect((await call('GET', '/api/ping')).status).toBe(200); // other routes untouched
    expect((await call('GET', '/api/items/x')).status).toBe(502);
    expect((await call('GET', '/api/items/x')).status).toBe(502);
    expect((await call('GET', '/api/items/x')).status).toBe(200);
    expect(server.log.list().map((e) => e.fault ?? '-')).toEqual(['-', 'error', 'error', '-']);
  });

  it('sends 429 bursts with Retry-After', async () => {
    server.faults.add({ kind: 'rateLimit', retryAfter: 7, times: 1 });
    const res = await call('GET', '/api/items/x');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
  });

  it('sends a malformed body with status 200', async () => {
    server.faults.add({ kind: 'malformed', times: 1 });
    const res = await request(`${server.url}/api/items/x`, { headers: auth });
    expect(res.statusCode).toBe(200);
    await expect(res.body.json()).rejects.toThrow();
  });

  it('adds latency', async () => {
    server.faults.add({ kind: 'latency', latencyMs: 120, times: 1 });
    const started = Date.now();
    expect((await call('GET', '/api/items/x')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('hangs until the client gives up, and logs it', async () => {
    server.faults.add({ kind: 'hang', times: 1 });
    await expect(request(`${server.url}/api/items/x`, { headers: auth, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(server.log.list()[0]).toMatchObject({ status: 0, fault: 'hang' });
  });

  it('draws probabilistic faults from a seeded generator', async () => {
    server.faults.add({ kind: 'error', status: 500, probability: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await call('GET', '/api/items/x')).status);
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });
});

describe('control API', () => {
  it('serves the log, takes faults, refuses malformed rules and resets', async () => {
    await call('GET', '/api/items/x');
    const log = await call('GET', '/__sandbox/log');
    expect(log.body).toEqual([expect.objectContaining({ method: 'GET', route: '/api/items/{itemId}', status: 200 })]);

    const added = await call('POST', '/__sandbox/faults', { body: JSON.stringify({ kind: 'error', status: 503, times: 1 }) });
    expect(added).toMatchObject({ status: 200, body: { id: expect.any(Number) } });
    expect((await call('GET', '/api/items/x')).status).toBe(503);

    const bad = await call('POST', '/__sandbox/faults', { body: JSON.stringify({ kind: 'explode' }) });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringContaining('fault kind must be one of') } });

    const resets = sim.resets;
    expect((await call('POST', '/__sandbox/reset')).status).toBe(200);
    expect(sim.resets).toBe(resets + 1);
    expect(server.log.list()).toEqual([]); // control calls are never logged
    expect((await call('GET', '/__sandbox/nope')).status).toBe(404);
  });
});
