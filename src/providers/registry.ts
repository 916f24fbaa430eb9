// Builds the configured adapters from the provider list: one per provider with a configuration, all behind the one ProviderAdapter interface.
import { PROVIDERS, profileOf, type AnyProviderConfig, type ProviderConfigs, type ProviderId } from './catalog.js';
import type { HttpTuning } from './http.js';
import type { ProviderAdapter } from './types.js';

export type { ProviderConfigs };

export function createAdapters(configs: ProviderConfigs, http?: HttpTuning): Map<ProviderId, ProviderAdapter> {
  const adapters = new Map<ProviderId, ProviderAdapter>();
  for (const { id } of PROVIDERS) {
    const config = configs[id] as AnyProviderConfig | undefined;
    if (!config) continue;
    adapters.set(id, profileOf(id).createAdapter(http && !config.http ? { ...config, http } : config));
  }
  return adapters;
}

export async function closeAdapters(adapters: ReadonlyMap<ProviderId, ProviderAdapter>): Promise<void> {
  await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
}
