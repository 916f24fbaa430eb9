// Several gateway instances over one sandbox, each with its own shared-state wiring (in memory, or one Redis), for the store tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadStoreConfig } from '../../src/config-store.js';
import type { ProviderId } from '../../src/providers/catalog.js';
import { closeAdapters, createAdapters, type ProviderConfigs } from '../../src/providers/registry.js';
import type { LoggedRequest } from '../../src/sandbox/core/request-log.js';
import type { SandboxLimits } from '../../src/sandbox/core/limits.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { createSharedState, sharedStateReady, withSharedCalls, type SharedState } from '../../src/server/shared-state.js';
import { SIMULATOR, type GraphQLAnswer, type GraphQLErrorShape } from '../support/gateway.js';
import { captureLogs } from '../support/logs.js';

export interface Instance {
  url: string;
  shared: SharedState;
  query<T = Record<string, unknown>>(text: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer<T>>;
  /** This instance's log lines. */
  logs(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface Cluster {
  sandbox: Sandbox;
  instances: Instance[];
  /** Requests the simulators answered since the last clearLogs: all, or one provider's. */
  calls(provider?: ProviderId): LoggedRequest[];
  clearLogs(): void;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances: number;
  /** The instances' store settings (TEAMGRAPH_REDIS_URL, TEAMGRAPH_CACHE_TTL, TEAMGRAPH_RATE_BUDGETS), read as a LIVE gateway reads them. */
  env: Record<string, string>;
  limits?: SandboxLimits;
  /** Each call's deadline (ms): how long a call may wait for the budget. */
  deadlineMs?: number;
}

async function startInstance(sandbox: Sandbox, options: ClusterOptions): Promise<Instance> {
  const captured = captureLogs();
  const shared = await createSharedState(loadStoreConfig(options.env), captured.logger, 'LIVE');
  await sharedStateReady(shared);
  const configs = sandboxProviderConfigs(sandbox) as Record<string, Record<string, unknown>>;
  const tuned = Object.fromEntries(
    Object.entries(configs).map(([id, config]) => [
      id,
      { ...config, http: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...(options.deadlineMs ? { timeouts: { deadlineMs: options.deadlineMs } } : {}) } },
    ]),
  ) as ProviderConfigs;
  const adapters = await createAdapters(withSharedCalls(tuned, shared));
  const server: Server = createServer(createGateway({ adapters, mode: 'SANDBOX', apiKeys: [], offlineGraphiQL: false, logger: captured.logger, shared }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    shared,
    async query<T>(text: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox', 'x-teamgraph-trace': '1', ...headers },
        body: JSON.stringify({ query: text, variables }),
      });
      const body = (await response.json()) as { data?: T | null; errors?: GraphQLErrorShape[]; extensions?: Record<string, unknown> };
      return { status: response.status, data: body.data, errors: body.errors, extensions: body.extensions };
    },
    logs: () => captured.lines(),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await closeAdapters(adapters);
      await shared.close();
    },
  };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const sandbox = await startSandbox({ limits: options.limits ?? { enforce: false, timeScale: 1 } });
  const instances: Instance[] = [];
  for (let i = 0; i < options.instances; i++) instances.push(await startInstance(sandbox, options));
  const all = () => Object.values(sandbox.servers).flatMap((server) => server.log.list());
  return {
    sandbox,
    instances,
    calls: (provider) => (provider ? sandbox.servers[SIMULATOR[provider]].log.list() : all()),
    clearLogs: () => Object.values(sandbox.servers).forEach((server) => server.log.clear()),
    async stop() {
      await Promise.all(instances.map((instance) => instance.stop()));
      await sandbox.stop();
    },
  };
}

/** The trace a traced answer carries (cluster instances always ask for one). */
export function traceOf(answer: GraphQLAnswer<unknown>): { calls: number; log: Array<{ route: string; cached: boolean; outcome: string }> } {
  return answer.extensions?.upstream as { calls: number; log: Array<{ route: string; cached: boolean; outcome: string }> };
}
