// What the `providers` field tells of each provider: its name, health (circuit breaker) and capabilities.
import type { Capabilities, ProviderId } from '../providers/types.js';
import type { ReadContext } from './read-context.js';

export interface ProviderInfo {
  name: string;
  /** False while its circuit breaker is open. */
  healthy: boolean;
  capabilities: Capabilities;
}

export function providerInfo(ctx: ReadContext, provider: ProviderId): ProviderInfo {
  const adapter = ctx.registry.adapter(provider);
  return { name: adapter.name, healthy: adapter.breakerState() !== 'open', capabilities: adapter.capabilities };
}
