// Builds the configured adapters from the provider list: one per provider with a configuration, all behind the one ProviderAdapter interface.
import { PROVIDERS, profileOf, type AnyProviderConfig, type ProviderConfigs, type ProviderId } from './catalog.js';
import type { HttpTuning } from './http.js';
import type { ProviderAdapter } from './types.js';

export type { ProviderConfigs };

/** Builds the configured adapters in parallel (each loads its module on first use); the Map keeps PROVIDERS' order. */
export async function createAdapters(configs: ProviderConfigs, http?: HttpTuning): Promise<Map<ProviderId, ProviderAdapter>> {
  const built = await Promise.all(
    PROVIDERS.map(async ({ id }) => {
      const config = configs[id] as AnyProviderConfig | undefined;
      if (!config) return null;
      return [id, await profileOf(id).createAdapter(http && !config.http ? { ...config, http } : config)] as const;
    }),
  );
  return new Map(built.filter((entry) => entry !== null));
}

export async function closeAdapters(adapters: ReadonlyMap<ProviderId, ProviderAdapter>): Promise<void> {
  await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
}
