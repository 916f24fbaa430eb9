// Request logs: one JSON line per request that matches the response and the simulators, unexpected errors logged not shown, secrets scrubbed, silent means silent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSecurityConfig, type LogLevel } from '../../src/config-security.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import { PROVIDER_IDS } from '../../src/providers/catalog.js';
import type { CallEvent, ProviderAdapter, ProviderId } from '../../src/providers/types.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logging.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { SIMULATOR, type GraphQLErrorShape } from '../support/gateway.js';
import { eventually } from '../support/eventually.js';
import { apiKey } from '../support/keys.js';
import { captureLogs, leakedSecrets, remember, type CapturedLogs } from '../support/logs.js';
import { BOOM, failGitBookListingOnDemand, type UnexpectedFailure } from '../support/unexpected-failure.js';

const KEY = 'ops-console-key-0001';

interface Reply {
  status: number;
  requestId: string | null;
  raw: string;
  body: { data?: unknown; errors?: GraphQLErrorShape[] } | null;
}

interface RequestLine {
  level: string;
  msg: string;
  service: string;
  time: string;
  requestId: string;
  caller: string | null;
  method: string;
  status: number;
  operationName: string | null;
  durationMs: number;
  upstreamCalls: number;
  upstream: Partial<Record<ProviderId, number>>;
  errorCodes: string[];
}

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;
let captured: CapturedLogs;
let server: Server;
let base: string;
/** While true, GitBook's listOrganizations throws a plain Error (a bug, not a ProviderError). */
let failure: UnexpectedFailure;

/** Upstream requests per provider the simulators answered since the last clear, zero included. */
function simulatorCalls(): Record<ProviderId, number> {
  return Object.fromEntries(PROVIDER_IDS.map((id) => [id, sandbox.servers[SIMULATOR[id]].log.list().length])) as Record<ProviderId, number>;
}

async function send(
  path: string,
  init: { method?: string; body?: Record<string, unknown>; key?: string | null; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body) headers['content-type'] = 'application/json';
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? KEY}`;
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers,
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const raw = await response.text();
  remember(raw);
  let body: Reply['body'] = null;
  try {
    body = JSON.parse(raw) as Reply['body'];
  } catch {
    body = null;
  }
  return { status: response.status, requestId: response.headers.get('x-request-id'), raw, body };
}

const graphql = (query: string, extra: Record<string, unknown> = {}, key?: string | null): Promise<Reply> =>
  send('/graphql', { body: { query, ...extra }, key });

/** Every log line of one request. */
const linesOf = (requestId: string | null): Array<Record<string, unknown>> => captured.lines().filter((line) => line.requestId === requestId);

/** The request's one `request` line, after checking it is the only line of that request. */
function requestLine(reply: Reply): RequestLine {
  expect(reply.requestId).toMatch(/^[0-9a-f-]{36}$/);
  const lines = linesOf(reply.requestId);
  expect(lines.map((line) => line.msg)).toEqual(['request']);
  return lines[0] as unknown as RequestLine;
}

const responseCodes = (reply: Reply): string[] => (reply.body?.errors ?? []).map((error) => String(error.extensions?.code));

/** The line's upstream counts equal what every simulator logged for this request (absent counts as zero). */
function expectUpstreamMatches(line: RequestLine): void {
  const logged = simulatorCalls();
  const fromLine = Object.fromEntries(PROVIDER_IDS.map((id) => [id, line.upstream[id] ?? 0]));
  expect(fromLine).toEqual(logged);
  expect(line.upstreamCalls).toBe(Object.values(logged).reduce((sum, n) => sum + n, 0));
}

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox), { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  failure = failGitBookListingOnDemand(adapters);
  captured = captureLogs();
  server = createServer(
    createGateway({ adapters, mode: 'SANDBOX', apiKeys: [apiKey('ops-console', KEY, ['read', 'write'])], offlineGraphiQL: false, logger: captured.logger }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  const leaks = leakedSecrets([KEY]);
  const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
  server?.closeAllConnections();
  await closed;
  if (adapters) await closeAdapters(adapters);
  await sandbox?.stop();
  expect(leaks).toEqual([]);
});

beforeEach(() => {
  failure.set(false);
  sandbox.reset();
});

describe('the request line', () => {
  it('is one JSON line per request: id from x-request-id, caller, method, status, operation, duration, upstream calls as the simulators saw them', async () => {
    const reply = await graphql(
      'query Survey { providers { id } organizations(first: 10) { edges { node { name teams(first: 2) { edges { node { name } } } } } } }',
      { operationName: 'Survey' },
    );
    expect(reply.status).toBe(200);
    expect(reply.body?.errors).toBeUndefined();
    const line = requestLine(reply);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      service: 'teamgraph',
      caller: 'ops-console',
      method: 'POST',
      status: 200,
      operationName: 'Survey',
      errorCodes: [],
    });
    expect(typeof line.durationMs).toBe('number');
    expect(line.durationMs).toBeGreaterThan(0);
    expect(line.upstreamCalls).toBeGreaterThan(0);
    expectUpstreamMatches(line);
  });

  it('gives each request its own id and its own counts, also with requests in flight together', async () => {
    const gitbookOnly = 'query GitBookOrgs { organizations(first: 10, provider: GITBOOK) { edges { node { name } } } }';
    const cloudflareOnly = 'query CloudflareOrgs { organizations(first: 10, provider: CLOUDFLARE) { edges { node { name } } } }';
    const replies = await Promise.all([graphql(gitbookOnly), graphql(cloudflareOnly), graphql(gitbookOnly), graphql(cloudflareOnly)]);
    expect(new Set(replies.map((reply) => reply.requestId)).size).toBe(4);
    const totals: Partial<Record<ProviderId, number>> = {};
    replies.forEach((reply, i) => {
      const line = requestLine(reply);
      const provider: ProviderId = i % 2 === 0 ? 'GITBOOK' : 'CLOUDFLARE';
      // No operationName was sent: the line names the operation the document ran (each request its own).
      expect(line.operationName).toBe(i % 2 === 0 ? 'GitBookOrgs' : 'CloudflareOrgs');
      expect(line.upstream[provider]).toBeGreaterThan(0);
      expect(line.upstreamCalls).toBe(line.upstream[provider]);
      totals[provider] = (totals[provider] ?? 0) + (line.upstream[provider] ?? 0);
    });
    const logged = simulatorCalls();
    expect(totals).toEqual({ GITBOOK: logged.GITBOOK, CLOUDFLARE: logged.CLOUDFLARE });
  });

  it('logs a GraphQL name as the operation, and no operation at all for a name that is not one', async () => {
    const named = await graphql('query Named { providers { id } }', { operationName: 'Named' });
    expect(requestLine(named).operationName).toBe('Named');
    for (const weird of ['Named\n{"level":"fatal"}', '<script>alert(1)</script>', 'a'.repeat(101), '1st']) {
      const reply = await graphql(`query Named { providers { id } }`, { operationName: weird });
      const line = requestLine(reply);
      expect(line.operationName).toBeNull();
      expect(line.errorCodes).toEqual(responseCodes(reply));
    }
    // Nothing the client put in operationName reached any line.
    expect(captured.lines().some((line) => JSON.stringify(line).includes('<script>'))).toBe(false);
  });

  it('records the codes the response carries: a validation error, and a provider failing inside a partial answer', async () => {
    const invalid = await graphql('{ providers { idd } }');
    const invalidLine = requestLine(invalid);
    expect(responseCodes(invalid)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(invalidLine.errorCodes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(invalidLine.status).toBe(invalid.status);
    expect(invalidLine.upstreamCalls).toBe(0);
    expectUpstreamMatches(invalidLine);

    sandbox.servers.gitbook.faults.add({ kind: 'error', status: 403 });
    const partial = await graphql('{ organizations(first: 10) { edges { node { name } } } }');
    const codes = responseCodes(partial);
    expect(codes.length).toBeGreaterThan(0);
    const line = requestLine(partial);
    expect(line.errorCodes).toEqual(codes);
    expect(line.status).toBe(partial.status);
    expect(line.upstream.GITBOOK).toBeGreaterThan(0);
    expectUpstreamMatches(line);
  });

  it('is written for a request the gate refuses: no key (401), a wrong path (404), a wrong method (405)', async () => {
    const anonymous = await graphql('{ providers { id } }', {}, null);
    expect(anonymous.status).toBe(401);
    expect(requestLine(anonymous)).toMatchObject({
      caller: null,
      method: 'POST',
      status: 401,
      operationName: null,
      upstreamCalls: 0,
      upstream: {},
      errorCodes: ['UNAUTHENTICATED'],
    });

    const wrongKey = await graphql('{ providers { id } }', {}, 'not-a-configured-key');
    expect(wrongKey.status).toBe(401);
    expect(requestLine(wrongKey)).toMatchObject({ caller: null, status: 401, errorCodes: ['UNAUTHENTICATED'] });

    const missing = await send('/graphql/admin', { body: { query: '{ providers { id } }' } });
    expect(missing.status).toBe(404);
    expect(requestLine(missing)).toMatchObject({ caller: null, method: 'POST', status: 404, upstreamCalls: 0, errorCodes: ['NOT_FOUND'] });

    const deleted = await send('/graphql', { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    expect(requestLine(deleted)).toMatchObject({ method: 'DELETE', status: 405, errorCodes: ['METHOD_NOT_ALLOWED'] });
    expect(Object.values(simulatorCalls()).every((n) => n === 0)).toBe(true);
  });

  it('never holds the presented key, the query text or variable values', async () => {
    const reply = await graphql('query Lookup($id: ID!) { node(id: $id) { id } }', {
      operationName: 'Lookup',
      variables: { id: 'secret-looking-variable-value' },
    });
    const text = JSON.stringify(linesOf(reply.requestId));
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('secret-looking-variable-value');
    expect(text).not.toContain('node(id:');
  });
});

describe('an unexpected error', () => {
  it('reaches the client as INTERNAL_SERVER_ERROR "Unexpected error." only; the log has its stack under the same request id', async () => {
    failure.set(true);
    const reply = await graphql('query Orgs { organizations(first: 10) { edges { node { name } } } }', { operationName: 'Orgs' });
    expect(reply.status).toBe(200);
    expect(reply.body?.data).toBeNull();
    expect(reply.body?.errors).toHaveLength(1);
    const error = reply.body?.errors?.[0];
    expect(error?.message).toBe('Unexpected error.');
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    for (const leak of ['boom', '/secret/path', 'stack', 'at async', '.ts:']) expect(reply.raw).not.toContain(leak);

    const lines = linesOf(reply.requestId);
    expect(lines.map((line) => line.msg).sort()).toEqual(['request', 'unexpected error']);
    const unexpected = lines.find((line) => line.msg === 'unexpected error') as { level: string; err: { type: string; message: string; stack: string } };
    expect(unexpected.level).toBe('error');
    expect(unexpected.err.type).toBe('Error');
    expect(unexpected.err.message).toBe(BOOM);
    expect(unexpected.err.stack).toContain(BOOM);
    expect(unexpected.err.stack).toMatch(/\n\s+at /);
    const request = lines.find((line) => line.msg === 'request') as unknown as RequestLine;
    expect(request).toMatchObject({ caller: 'ops-console', status: 200, operationName: 'Orgs', errorCodes: ['INTERNAL_SERVER_ERROR'] });
    expectUpstreamMatches(request);
  });
});

/**
 * Sends `query` (GitBook's organizations, then their teams) and hangs up once the organization list has answered:
 * the team lists answer 1.5 s late, so the client leaves while the gateway waits on them.
 */
async function hangUpDuringTeamLists(query: string): Promise<void> {
  sandbox.servers.gitbook.faults.add({ kind: 'latency', latencyMs: 1500, match: { route: '/v1/orgs/{organizationId}/teams' } });
  const leaving = new AbortController();
  const sent = fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query }),
    signal: leaving.signal,
  });
  await eventually(() => sandbox.servers.gitbook.log.list().length === 1, 'the organization list');
  leaving.abort();
  await expect(sent).rejects.toThrow(/abort/i);
}

describe('a client that hangs up', () => {
  it('is a request line with status 499 and CLIENT_CLOSED_REQUEST, the calls it made counted, and no error line', async () => {
    const gitbook = sandbox.servers.gitbook.log;
    const organizations = (
      (await graphql('{ organizations(first: 10, provider: GITBOOK) { totalCount } }')).body?.data as { organizations: { totalCount: number } }
    ).organizations.totalCount;
    expect(organizations).toBeGreaterThan(0);
    gitbook.clear();
    await hangUpDuringTeamLists(
      'query HangUp { organizations(first: 10, provider: GITBOOK) { edges { node { name teams(first: 2) { edges { node { name } } } } } } }',
    );

    const line = await eventually(() => captured.lines().find((l) => l.operationName === 'HangUp'), 'the request line');
    expect(line).toMatchObject({ level: 'info', msg: 'request', caller: 'ops-console', status: 499, errorCodes: ['CLIENT_CLOSED_REQUEST'] });
    // The organization list, and whichever team lists (out when the client left, then given up) had ended when the
    // line was written: the hang-up ends the handling at once, the cancelled calls end a moment later.
    const counted = (line.upstream as Record<string, number>).GITBOOK ?? 0;
    expect(counted).toBeGreaterThanOrEqual(1);
    expect(counted).toBeLessThanOrEqual(1 + organizations);
    expect(line.upstreamCalls).toBe(counted);
    expect(linesOf(line.requestId as string).map((l) => l.msg)).toEqual(['request']);
    // The team lists end before the next test reads the simulators' logs.
    await eventually(() => gitbook.list().length === 1 + organizations, 'the team lists in flight');
    expect(linesOf(line.requestId as string)).toHaveLength(1);
  });

  it('stops its reads: the team lists in flight are cancelled, never retried, and the breaker holds nothing against GitBook', async () => {
    const gitbook = sandbox.servers.gitbook.log;
    const events: CallEvent[] = [];
    const stop = adapters.get('GITBOOK')!.observe((event) => events.push(event));
    try {
      await hangUpDuringTeamLists(
        'query Leave { organizations(first: 10, provider: GITBOOK) { edges { node { teams(first: 2) { edges { node { members(first: 5) { edges { node { id } } } } } } } } } }',
      );

      // Each team list in flight ends at once as `cancelled`, one attempt each: a hang-up is not a failure to retry.
      const teamLists = () => events.filter((event) => event.route.endsWith('/teams'));
      const cancelled = await eventually(() => {
        const lists = teamLists();
        return lists.length > 0 && lists.every((event) => event.outcome === 'cancelled') && lists;
      }, 'the cancelled team lists');
      expect(cancelled.every((event) => event.attempt === 1 && event.status === null)).toBe(true);
      // Once the simulator has served them (it cannot tell the caller left), nothing followed: no member list was read.
      await eventually(() => gitbook.list().length === 1 + cancelled.length, 'the team lists to end at the simulator');
      expect(gitbook.list().filter((call) => call.route.endsWith('/members'))).toEqual([]);
      expect(teamLists()).toHaveLength(cancelled.length);
      // The provider did nothing wrong: its next reads go out and answer.
      const after = await graphql('{ organizations(first: 10, provider: GITBOOK) { totalCount } }');
      expect(after.body?.errors).toBeUndefined();
    } finally {
      stop();
    }
  });
});

describe('createLogger', () => {
  function memoryLogger(options: { level?: LogLevel; secrets?: readonly string[] }): { logger: ReturnType<typeof createLogger>; text: () => string } {
    const chunks: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    });
    return { logger: createLogger({ level: options.level ?? 'info', destination, secrets: options.secrets }), text: () => chunks.join('') };
  }

  it('writes [redacted] wherever a secret appears: message, fields, nested, in arrays, and JSON-escaped', () => {
    const quoted = 'quo"ted\\pass-77';
    const { logger, text } = memoryLogger({ secrets: ['tok-abcdef-123456', quoted, 'abc'] });
    logger.info(
      { token: 'tok-abcdef-123456', nested: { header: 'Bearer tok-abcdef-123456' }, list: ['x', 'tok-abcdef-123456'], password: quoted },
      'sent tok-abcdef-123456 and quo"ted\\pass-77',
    );
    logger.error({ err: { message: `failed with ${quoted}`, stack: 'Error: tok-abcdef-123456\n    at somewhere' } }, 'unexpected error');
    const output = text();
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(output).not.toContain('tok-abcdef-123456');
    expect(output).not.toContain(JSON.stringify(quoted).slice(1, -1));
    expect(output).not.toContain('pass-77');
    expect(lines[0]).toMatchObject({
      msg: 'sent [redacted] and [redacted]',
      token: '[redacted]',
      nested: { header: 'Bearer [redacted]' },
      list: ['x', '[redacted]'],
      password: '[redacted]',
    });
    expect(lines[1]).toMatchObject({ err: { message: 'failed with [redacted]', stack: 'Error: [redacted]\n    at somewhere' } });
  });

  it('leaves values shorter than six characters alone, and a line without secrets as it was', () => {
    const { logger, text } = memoryLogger({ secrets: ['abc', 'k3y', 'tok-abcdef-123456'] });
    logger.info({ word: 'abc', other: 'the k3y is abcabc' }, 'abc and k3y');
    const line = JSON.parse(text()) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'abc and k3y', word: 'abc', other: 'the k3y is abcabc' });
    expect(text()).not.toContain('[redacted]');
  });

  it('censors an authorization header should one ever be logged', () => {
    const { logger, text } = memoryLogger({});
    logger.info({ request: { headers: { authorization: 'Bearer whatever-1234' } } }, 'request');
    expect(text()).not.toContain('whatever-1234');
    expect(text()).toContain('[redacted]');
  });

  it('writes nothing at TEAMGRAPH_LOG_LEVEL=silent: no request line, no unexpected error, no refusal', async () => {
    const level = loadSecurityConfig({ TEAMGRAPH_LOG_LEVEL: 'silent' }).logLevel;
    expect(level).toBe('silent');
    const { logger, text } = memoryLogger({ level });
    const quiet = createServer(createGateway({ adapters, mode: 'SANDBOX', apiKeys: [apiKey('ops-console', KEY, ['read'])], offlineGraphiQL: false, logger }));
    await new Promise<void>((resolve) => quiet.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(quiet.address() as AddressInfo).port}/graphql`;
      const post = (key: string | null, query: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({ query }),
        });
      expect((await post(KEY, '{ providers { id } }')).status).toBe(200);
      expect((await post(null, '{ providers { id } }')).status).toBe(401);
      failure.set(true);
      const failed = (await (await post(KEY, '{ organizations(first: 3) { edges { node { name } } } }')).json()) as { errors?: GraphQLErrorShape[] };
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(text()).toBe('');
    } finally {
      const closed = new Promise<void>((resolve) => quiet.close(() => resolve()));
      quiet.closeAllConnections();
      await closed;
    }
  });

  it('refuses an unknown TEAMGRAPH_LOG_LEVEL', () => {
    expect(() => loadSecurityConfig({ TEAMGRAPH_LOG_LEVEL: 'verbose' })).toThrow(/TEAMGRAPH_LOG_LEVEL must be one of/);
  });
});
