// The gateway over the whole sandbox on 127.0.0.1 port 0, queried over HTTP, with the simulators' request logs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ApiKey } from '../../src/config-security.js';
import type { HttpTuning } from '../../src/providers/http.js';
import { closeAdapters, createAdapters, type ProviderConfigs } from '../../src/providers/registry.js';
import { PROVIDERS, type ProviderId } from '../../src/providers/catalog.js';
import type { LoggedRequest } from '../../src/sandbox/core/request-log.js';
import { SANDBOX_PROVIDERS, startSandbox, type Sandbox, type SandboxProvider } from '../../src/sandbox/index.js';
import { SANDBOX_KEY } from '../../src/server/auth.js';
import type { QueueLimits } from '../../src/server/admission.js';
import { createGateway } from '../../src/server/gateway.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { captureLogs, leakedSecrets, remember, type CapturedLogs } from './logs.js';

/** The simulator that serves each provider, from the provider profiles. */
export const SIMULATOR = Object.fromEntries(PROVIDERS.map((profile) => [profile.id, profile.sandbox.simulator])) as Readonly<
  Record<ProviderId, SandboxProvider>
>;

export interface GraphQLErrorShape {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

export interface GraphQLAnswer<T> {
  /** The HTTP status of the response. */
  status: number;
  data: T | null | undefined;
  errors: GraphQLErrorShape[] | undefined;
  extensions: Record<string, unknown> | undefined;
}

export interface GatewayHarnessOptions {
  /** HTTP tuning for every adapter (timeouts, retries, breaker). */
  http?: HttpTuning;
  /** HTTP tuning for one provider only; wins over `http` for that provider. */
  httpFor?: Partial<Record<ProviderId, HttpTuning>>;
  /** The gateway's TEAMGRAPH_WRITE_CONCURRENCY; the resolvers' default when left out. */
  writeConcurrency?: number;
  /** Keys configured besides the sandbox key, which `query` still sends by default (a router's `federation` key). */
  apiKeys?: readonly ApiKey[];
  /** Turns of execution at once, and the bounds of the line waiting for them (admission.ts); the defaults when left out. */
  maxConcurrentOperations?: number;
  admissionQueue?: QueueLimits;
}

export interface GatewayHarness {
  sandbox: Sandbox;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** Sends one operation with the sandbox key (override or drop it through `headers`). */
  query<T = Record<string, unknown>>(text: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer<T>>;
  /** Every upstream request the simulators answered since the last `clearLogs`, per simulator. */
  logs(): Record<SandboxProvider, LoggedRequest[]>;
  /** Upstream requests since the last `clearLogs`: all of them, or one provider's. */
  calls(provider?: ProviderId): LoggedRequest[];
  clearLogs(): void;
  /** The gateway's own log lines (one JSON object per line) since it started. */
  gatewayLogs(): ReturnType<CapturedLogs['lines']>;
  /** Seeded worlds back, logs and faults cleared on every simulator. */
  reset(): void;
  stop(): Promise<void>;
}

/** Retries without real waiting, so a 503 costs milliseconds; tests that need other tuning pass their own. */
const FAST_RETRY: HttpTuning = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

function withTuning(configs: ProviderConfigs, options: GatewayHarnessOptions): ProviderConfigs {
  const tuned: ProviderConfigs = {};
  for (const provider of Object.keys(configs) as ProviderId[]) {
    const http = options.httpFor?.[provider] ?? options.http ?? FAST_RETRY;
    // Each provider's config type differs, but every one takes the same optional `http`.
    Object.assign(tuned, { [provider]: { ...configs[provider], http } });
  }
  return tuned;
}

export async function startGateway(options: GatewayHarnessOptions = {}): Promise<GatewayHarness> {
  const sandbox = await startSandbox();
  const adapters = await createAdapters(withTuning(sandboxProviderConfigs(sandbox), options));
  const captured = captureLogs();
  const server: Server = createServer(
    createGateway({
      adapters,
      mode: 'SANDBOX',
      // Configured keys replace the sandbox key: it is kept beside them, so every test's default header still works.
      apiKeys: options.apiKeys ? [SANDBOX_KEY, ...options.apiKeys] : [],
      offlineGraphiQL: false,
      writeConcurrency: options.writeConcurrency,
      logger: captured.logger,
      ...(options.maxConcurrentOperations ? { maxConcurrentOperations: options.maxConcurrentOperations } : {}),
      ...(options.admissionQueue ? { admissionQueue: options.admissionQueue } : {}),
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const logs = () => Object.fromEntries(SANDBOX_PROVIDERS.map((name) => [name, sandbox.servers[name].log.list()])) as Record<SandboxProvider, LoggedRequest[]>;

  return {
    sandbox,
    url,
    async query<T>(text: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer sandbox', ...headers },
        body: JSON.stringify({ query: text, variables }),
      });
      const raw = await response.text();
      remember(raw);
      const body = JSON.parse(raw) as { data?: T | null; errors?: GraphQLErrorShape[]; extensions?: Record<string, unknown> };
      return { status: response.status, data: body.data, errors: body.errors, extensions: body.extensions };
    },
    logs,
    calls: (provider) => (provider ? sandbox.servers[SIMULATOR[provider]].log.list() : Object.values(logs()).flat()),
    clearLogs: () => SANDBOX_PROVIDERS.forEach((name) => sandbox.servers[name].log.clear()),
    gatewayLogs: () => captured.lines(),
    reset: () => sandbox.reset(),
    async stop() {
      // The secrets scan: no credential the suite knows may appear in any response or log line this gateway produced.
      const leaks = leakedSecrets();
      if (leaks.length > 0) throw new Error(`secrets leaked: ${leaks.join('; ')}`);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // fetch keeps connections alive: end them, or close waits for their idle timeout.
      server.closeAllConnections();
      await closed;
      await closeAdapters(adapters);
      await sandbox.stop();
    },
  };
}

/** The data of an answer that must have succeeded whole: fails the test with the errors otherwise. */
export function dataOf<T>(answer: GraphQLAnswer<T>): T {
  if (answer.errors?.length || !answer.data) {
    throw new Error(`expected data without errors, got ${JSON.stringify(answer.errors ?? answer).slice(0, 2000)}`);
  }
  return answer.data;
}

/** Counts log entries by `METHOD route`, for readable call-count assertions. */
export function byRoute(entries: readonly LoggedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const name = `${entry.method} ${entry.route}`;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/**
 * One gateway for a whole test file: started before its tests, stopped after them, and with `resetEach` the
 * sandbox's seeded world restored before each test (for files whose tests change membership).
 */
export function gatewayForFile(options: GatewayHarnessOptions = {}, { resetEach = false } = {}): GatewayHarness {
  let harness: GatewayHarness | undefined;
  beforeAll(async () => {
    harness = await startGateway(options);
  });
  afterAll(async () => {
    await harness?.stop();
  });
  if (resetEach) beforeEach(() => current().reset());
  const current = (): GatewayHarness => {
    if (!harness) throw new Error('the gateway starts in beforeAll: use it inside a test or hook');
    return harness;
  };
  return {
    get sandbox() {
      return current().sandbox;
    },
    get url() {
      return current().url;
    },
    query: <T = Record<string, unknown>>(text: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
      current().query<T>(text, variables, headers),
    logs: () => current().logs(),
    calls: (provider) => current().calls(provider),
    clearLogs: () => current().clearLogs(),
    gatewayLogs: () => current().gatewayLogs(),
    reset: () => current().reset(),
    stop: () => current().stop(),
  };
}
