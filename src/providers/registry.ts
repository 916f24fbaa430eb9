// Builds the configured adapters: one per provider with credentials, all behind the one ProviderAdapter interface.
import { createBirdAdapter, type BirdAdapterConfig } from './bird/index.js';
import { createCheckmarxAdapter, type CheckmarxAdapterConfig } from './checkmarx/index.js';
import { createCloudflareAdapter, type CloudflareAdapterConfig } from './cloudflare/index.js';
import { createGitBookAdapter, type GitBookAdapterConfig } from './gitbook/index.js';
import { createGoodAccessAdapter, type GoodAccessAdapterConfig } from './goodaccess/index.js';
import type { HttpTuning } from './http.js';
import type { ProviderAdapter, ProviderId } from './types.js';

export interface ProviderConfigs {
  GOODACCESS?: GoodAccessAdapterConfig;
  GITBOOK?: GitBookAdapterConfig;
  BIRD?: BirdAdapterConfig;
  CHECKMARX?: CheckmarxAdapterConfig;
  CLOUDFLARE?: CloudflareAdapterConfig;
}

export function createAdapters(configs: ProviderConfigs, http?: HttpTuning): Map<ProviderId, ProviderAdapter> {
  const withHttp = <C extends { http?: HttpTuning }>(config: C): C => (http && !config.http ? { ...config, http } : config);
  const adapters = new Map<ProviderId, ProviderAdapter>();
  if (configs.GOODACCESS) adapters.set('GOODACCESS', createGoodAccessAdapter(withHttp(configs.GOODACCESS)));
  if (configs.GITBOOK) adapters.set('GITBOOK', createGitBookAdapter(withHttp(configs.GITBOOK)));
  if (configs.BIRD) adapters.set('BIRD', createBirdAdapter(withHttp(configs.BIRD)));
  if (configs.CHECKMARX) adapters.set('CHECKMARX', createCheckmarxAdapter(withHttp(configs.CHECKMARX)));
  if (configs.CLOUDFLARE) adapters.set('CLOUDFLARE', createCloudflareAdapter(withHttp(configs.CLOUDFLARE)));
  return adapters;
}

export async function closeAdapters(adapters: ReadonlyMap<ProviderId, ProviderAdapter>): Promise<void> {
  await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
}
