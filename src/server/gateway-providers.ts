// The gateway's adapters for the configured transport: inline (real providers or the embedded sandbox) or connector Lambdas.
import { ConfigError, type Config, type StoreConfig } from '../config.js';
import { createLambdaAdapters } from '../providers/lambda/index.js';
import { closeAdapters, createAdapters } from '../providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../providers/types.js';
import type { ProviderMode } from '../resolvers/context.js';
import type { Sandbox } from '../sandbox/index.js';
import { sandboxProviderConfigs } from './sandbox-providers.js';
import { createSharedState, sharedStateReady, withSharedCalls, type SharedState } from './shared-state.js';
import type { StoreLogger } from '../store/index.js';

export interface GatewayProviders {
  adapters: Map<ProviderId, ProviderAdapter>;
  mode: ProviderMode;
  /** The embedded sandbox, when this process runs it. */
  sandbox?: Sandbox;
  /** The read cache and rate budgets, when a store was asked for: closed with the rest. */
  shared?: SharedState;
  close(): Promise<void>;
}

export interface GatewayProvidersOptions {
  /** Starts the sandbox in this process; absent where a sandbox cannot live (a Lambda container). */
  startSandbox?: () => Promise<Sandbox>;
  /** Where the read cache and rate budgets live (shared-state.ts): given, the adapters' HTTP clients use them. */
  store?: { config: StoreConfig; logger: StoreLogger };
}

export async function startGatewayProviders(config: Config, options: GatewayProvidersOptions = {}): Promise<GatewayProviders> {
  // The store's defaults (a cache, the documented quotas) protect real providers; the sandbox gets only what is asked.
  const sharedFor = async (mode: ProviderMode): Promise<SharedState | undefined> => {
    // A sandbox nobody asked to cache or budget runs without either, headers included: it shows what each request costs.
    if (!options.store || (mode === 'SANDBOX' && !options.store.config.configured)) return undefined;
    const shared = await createSharedState(options.store.config, options.store.logger, mode);
    await sharedStateReady(shared);
    return shared;
  };
  const closing = (adapters: Map<ProviderId, ProviderAdapter>, shared: SharedState | undefined) => async () => {
    await closeAdapters(adapters);
    await shared?.close();
  };
  if (config.lambda) {
    const adapters = createLambdaAdapters(config.lambda);
    // The gateway cannot see where connectors point: TEAMGRAPH_SANDBOX=on is the operator saying "a sandbox".
    const mode = config.sandbox === 'on' ? 'SANDBOX' : 'LIVE';
    // The connectors call the providers and spend the budgets; the gateway's store only tells its state.
    const shared = await sharedFor(mode);
    return { adapters, mode, ...(shared ? { shared } : {}), close: closing(adapters, shared) };
  }
  const useSandbox = config.sandbox === 'on' || (config.sandbox === 'auto' && Object.keys(config.providers).length === 0);
  if (!useSandbox) {
    const shared = await sharedFor('LIVE');
    const adapters = await createAdapters(withSharedCalls(config.providers, shared));
    return { adapters, mode: 'LIVE', ...(shared ? { shared } : {}), close: closing(adapters, shared) };
  }
  if (!options.startSandbox) {
    throw new ConfigError('No provider is configured and the sandbox cannot run here: set TEAMGRAPH_TRANSPORT=lambda or provider credentials');
  }
  const sandbox = await options.startSandbox();
  const shared = await sharedFor('SANDBOX');
  const adapters = await createAdapters(withSharedCalls(sandboxProviderConfigs(sandbox), shared));
  return {
    adapters,
    mode: 'SANDBOX',
    sandbox,
    ...(shared ? { shared } : {}),
    close: async () => {
      await closing(adapters, shared)();
      await sandbox.stop();
    },
  };
}
