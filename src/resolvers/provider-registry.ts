// The providers this gateway serves and their adapters: one registry per gateway, beside (not inside) the per-request loaders.
import { PROVIDER_IDS } from '../providers/catalog.js';
import { ProviderError, type Capabilities, type ProviderAdapter, type ProviderId } from '../providers/types.js';

export type Adapters = ReadonlyMap<ProviderId, ProviderAdapter>;

export class ProviderRegistry {
  /** The configured providers in the catalog's order: the order of every list across providers, and of their cursors. */
  readonly ids: readonly ProviderId[];

  constructor(private readonly adapters: Adapters) {
    this.ids = PROVIDER_IDS.filter((id) => adapters.has(id));
  }

  /** The adapter of a configured provider; a provider this gateway does not serve is UNSUPPORTED (no call). */
  adapter(provider: ProviderId): ProviderAdapter {
    const adapter = this.adapters.get(provider);
    if (!adapter) throw new ProviderError(provider, 'UNSUPPORTED', `${provider} is not configured on this gateway`);
    return adapter;
  }

  capabilities(provider: ProviderId): Capabilities {
    return this.adapter(provider).capabilities;
  }
}
