// Serves one Simulator over node:http on 127.0.0.1, with its request log, its faults and a control API.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultPlan, parseFaultRule, type ActiveFault } from './faults.js';
import { RequestLog } from './request-log.js';
import { Router } from './router.js';
import { SimError, type SimRequest, type SimResponse, type Simulator } from './types.js';

/** Control endpoints live beside the API, outside the request log, for tests and tools in another process. */
export const CONTROL_PREFIX = '/__sandbox';
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class SimServer {
  readonly log = new RequestLog();
  readonly faults = new FaultPlan();
  private readonly router: Router;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private origin = '';

  constructor(readonly simulator: Simulator) {
    this.router = new Router(simulator.routes, simulator.caseInsensitiveRoutes ?? false);
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1; port 0 picks a free one. */
  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${address.port}`;
    return this;
  }

  /** Closes the server and every open socket, hanging requests included. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return this.origin;
  }

  /** The API's base URL: origin plus the real API's base path. */
  get baseUrl(): string {
    return this.origin + this.simulator.basePath;
  }

  /** Seeded state back, log emptied, faults cleared. */
  reset(): void {
    this.simulator.reset();
    this.log.clear();
    this.faults.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1));
    const method = (req.method ?? 'GET').toUpperCase();

    let bodyText: string;
    try {
      bodyText = await readBody(req);
    } catch {
      this.send(res, this.simulator.errorResponse(413, 'Request body too large'));
      return;
    }

    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      this.send(res, this.control(method, path.slice(CONTROL_PREFIX.length), bodyText));
      return;
    }

    const simReq = makeRequest(method, path, query, req.headers, bodyText);
    const { response, route, fault } = await this.answer(simReq);
    if (response === 'hang') {
      // A hang answers nothing; the socket stays open until the client gives up or the server stops.
      this.log.add({ method, route, path, status: 0, ms: Math.round(performance.now() - started), fault });
      return;
    }
    this.simulator.decorate?.(response, simReq);
    this.send(res, response);
    this.log.add({ method, route, path, status: response.status, ms: Math.round(performance.now() - started), fault });
  }

  private async answer(req: SimRequest): Promise<{ response: SimResponse | 'hang'; route: string; fault?: string }> {
    const sim = this.simulator;
    const base = sim.basePath;
    const within = sim.caseInsensitiveRoutes ? req.path.toLowerCase().startsWith(base.toLowerCase()) : req.path.startsWith(base);
    const match = within ? this.router.match(req.method, req.path.slice(base.length)) : null;
    if (match === null) return { response: sim.errorResponse(404, `No route for ${req.method} ${req.path}`), route: '(no route)' };
    if ('badEncoding' in match) return { response: sim.errorResponse(400, 'Malformed percent-encoding in the path'), route: '(no route)' };
    if ('methodNotAllowed' in match) return { response: sim.errorResponse(405, `Method ${req.method} not allowed`), route: '(no route)' };

    const route = base + match.route.template;
    req.params = match.params;
    const { latencyMs, failure } = this.faults.draw(req.method, route);
    if (latencyMs > 0) await sleep(latencyMs);
    if (failure) return { response: this.faultResponse(failure), route, fault: failure.kind };

    if (match.route.auth !== false && !sim.authenticate(req)) {
      return { response: sim.errorResponse(401, 'Authentication failed: missing or invalid credentials'), route };
    }
    try {
      return { response: await match.route.handler(req), route };
    } catch (error) {
      if (error instanceof SimError) {
        const response = sim.errorResponse(error.status, error.message, error);
        response.headers = { ...response.headers, ...error.headers };
        return { response, route };
      }
      console.error(`[sandbox ${sim.name}] handler crashed on ${req.method} ${route}:`, error);
      return { response: sim.errorResponse(500, 'Internal server error'), route };
    }
  }

  private faultResponse(fault: ActiveFault): SimResponse | 'hang' {
    switch (fault.kind) {
      case 'hang':
        return 'hang';
      case 'malformed':
        return { status: 200, headers: { 'content-type': 'application/json' }, rawBody: '{"truncated": [1, 2' };
      case 'rateLimit': {
        const retryAfter = fault.retryAfter ?? 1;
        const response = this.simulator.errorResponse(429, 'Too many requests');
        response.headers = { ...response.headers, 'retry-after': String(retryAfter) };
        return response;
      }
      default:
        return this.simulator.errorResponse(fault.status ?? 503, 'Service unavailable (injected fault)');
    }
  }

  /** GET/DELETE /log, GET/POST/DELETE /faults, POST /reset. */
  private control(method: string, path: string, bodyText: string): SimResponse {
    const ok = (body: unknown): SimResponse => ({ status: 200, body });
    if (path === '/log' && method === 'GET') return ok(this.log.list());
    if (path === '/log' && method === 'DELETE') {
      this.log.clear();
      return ok({ cleared: true });
    }
    if (path === '/faults' && method === 'GET') return ok(this.faults.list());
    if (path === '/faults' && method === 'DELETE') {
      this.faults.clear();
      return ok({ cleared: true });
    }
    if (path === '/reset' && method === 'POST') {
      this.reset();
      return ok({ reset: true });
    }
    if (path === '/faults' && method === 'POST') {
      try {
        return ok({ id: this.faults.add(parseFaultRule(JSON.parse(bodyText || 'null'))) });
      } catch (error) {
        return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
      }
    }
    return { status: 404, body: { error: `no control endpoint ${method} ${CONTROL_PREFIX}${path}` } };
  }

  private send(res: ServerResponse, response: SimResponse): void {
    const headers: Record<string, string> = { ...response.headers };
    let payload: string | undefined;
    if (response.rawBody !== undefined) payload = response.rawBody;
    else if (response.body !== undefined) {
      payload = JSON.stringify(response.body);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    res.writeHead(response.status, headers);
    res.end(payload);
  }
}

function makeRequest(method: string, path: string, query: URLSearchParams, headers: IncomingMessage['headers'], bodyText: string): SimRequest {
  return {
    method,
    path,
    params: {},
    query,
    headers,
    bodyText,
    json() {
      try {
        return JSON.parse(bodyText) as unknown;
      } catch {
        throw new SimError(400, 'The request body is not valid JSON');
      }
    },
    form() {
      return new URLSearchParams(bodyText);
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
