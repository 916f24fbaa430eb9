// What the `providers` field tells of each provider: its name, health (circuit breaker) and capabilities.
import type { SharedStateStatus } from '../providers/shared-calls.js';
import type { Capabilities, ProviderId } from '../providers/types.js';
import type { ReadContext } from './read-context.js';

export interface ProviderInfo {
  name: string;
  /** False while its circuit breaker is open. */
  healthy: boolean;
  capabilities: Capabilities;
  /** Where its read cache and rate budget live: shared by every instance, this process alone, or this process while the shared store is unreachable. */
  sharedState: SharedStateStatus;
}

export function providerInfo(ctx: ReadContext, provider: ProviderId): ProviderInfo {
  const adapter = ctx.registry.adapter(provider);
  return {
    name: adapter.name,
    healthy: adapter.breakerState() !== 'open',
    capabilities: adapter.capabilities,
    sharedState: ctx.shared?.status() ?? 'LOCAL',
  };
}
