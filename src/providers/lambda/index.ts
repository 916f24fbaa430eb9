// Builds the lambda transport's adapters: one per provider served by a connector function, no credentials here.
import type { ProviderAdapter, ProviderId } from '../types.js';
import { createLambdaAdapter } from './client.js';
import { createInvoker } from './invoke.js';
import { connectorFunctionName } from './profiles.js';

export interface LambdaAdaptersOptions {
  providers: readonly ProviderId[];
  /** Prepended to the lower-case provider id: `teamgraph-dev-` names `teamgraph-dev-gitbook`. */
  functionPrefix: string;
  /** The Lambda API's URL when it is not AWS's (serverless-offline's lambdaPort). */
  endpoint?: string;
  timeoutMs: number;
}

export function createLambdaAdapters(options: LambdaAdaptersOptions): Map<ProviderId, ProviderAdapter> {
  const adapters = new Map<ProviderId, ProviderAdapter>();
  for (const provider of options.providers) {
    // One client per provider: each adapter closes its own, and a slow connector holds no other's sockets.
    const invoker = createInvoker({ timeoutMs: options.timeoutMs, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
    adapters.set(provider, createLambdaAdapter({ provider, functionName: connectorFunctionName(options.functionPrefix, provider), invoker }));
  }
  return adapters;
}
