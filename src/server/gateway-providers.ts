// The gateway's adapters for the configured transport: inline (real providers or the embedded sandbox) or connector Lambdas.
import { ConfigError, type Config } from '../config.js';
import { createLambdaAdapters } from '../providers/lambda/index.js';
import { closeAdapters, createAdapters } from '../providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../providers/types.js';
import type { ProviderMode } from '../resolvers/context.js';
import type { Sandbox } from '../sandbox/index.js';
import { sandboxProviderConfigs } from './sandbox-providers.js';
import { withSharedCalls, type SharedState } from './shared-state.js';

export interface GatewayProviders {
  adapters: Map<ProviderId, ProviderAdapter>;
  mode: ProviderMode;
  /** The embedded sandbox, when this process runs it. */
  sandbox?: Sandbox;
  close(): Promise<void>;
}

export interface GatewayProvidersOptions {
  /** Starts the sandbox in this process; absent where a sandbox cannot live (a Lambda container). */
  startSandbox?: () => Promise<Sandbox>;
  /** The read cache and rate budgets each inline adapter's HTTP client uses (shared-state.ts). */
  shared?: SharedState;
}

export async function startGatewayProviders(config: Config, options: GatewayProvidersOptions = {}): Promise<GatewayProviders> {
  if (config.lambda) {
    const adapters = createLambdaAdapters(config.lambda);
    // The gateway cannot see where connectors point: TEAMGRAPH_SANDBOX=on is the operator saying "a sandbox".
    return { adapters, mode: config.sandbox === 'on' ? 'SANDBOX' : 'LIVE', close: () => closeAdapters(adapters) };
  }
  const useSandbox = config.sandbox === 'on' || (config.sandbox === 'auto' && Object.keys(config.providers).length === 0);
  if (!useSandbox) {
    const adapters = createAdapters(withSharedCalls(config.providers, options.shared));
    return { adapters, mode: 'LIVE', close: () => closeAdapters(adapters) };
  }
  if (!options.startSandbox) {
    throw new ConfigError('No provider is configured and the sandbox cannot run here: set TEAMGRAPH_TRANSPORT=lambda or provider credentials');
  }
  const sandbox = await options.startSandbox();
  const adapters = createAdapters(withSharedCalls(sandboxProviderConfigs(sandbox), options.shared));
  return {
    adapters,
    mode: 'SANDBOX',
    sandbox,
    close: async () => {
      await closeAdapters(adapters);
      await sandbox.stop();
    },
  };
}
