// The gateway's shared state: the store its configuration names, one SharedCalls per provider, what requests see of it.
import type { StoreConfig } from '../config.js';
import { PROVIDER_IDS, type ProviderConfigs, type ProviderId } from '../providers/catalog.js';
import type { Reservation } from '../providers/call-policy.js';
import { SharedCalls } from '../providers/shared-calls.js';
import { ProviderError } from '../providers/types.js';
import type { ProviderMode } from '../resolvers/context.js';
import { createStore, storeConnected, type SharedStateStatus, type Store, type StoreLogger } from '../store/index.js';

/** How long a write plan may wait for the budget to have room for all its calls (the HTTP client's call deadline). */
const RESERVATION_WAIT_MS = 10_000;

export interface SharedState {
  store: Store;
  /** One per provider, handed to its HttpClient (which binds it to the credential) through the adapter's HTTP tuning. */
  calls: ReadonlyMap<ProviderId, SharedCalls>;
  status(): SharedStateStatus;
  /**
   * Sets `calls` aside in a provider's budget before a write plan sends them: null where this process does not call
   * the provider itself (the lambda transport); a RATE_LIMITED ProviderError, nothing sent, when they cannot be had.
   */
  reserve(provider: ProviderId, calls: number): Promise<Reservation | null>;
  close(): Promise<void>;
}

/** `mode`: the settings for real providers (defaults filled in) or for the sandbox (only what the variables set). */
export async function createSharedState(config: StoreConfig, logger: StoreLogger, mode: ProviderMode): Promise<SharedState> {
  const store = await createStore({ redisUrl: config.redisUrl, logger });
  const settings = mode === 'LIVE' ? config.live : config.sandbox;
  const calls = new Map(PROVIDER_IDS.map((id) => [id, new SharedCalls({ store, cacheTtlMs: settings.cacheTtlMs[id], budget: settings.budgets[id] })] as const));
  return {
    store,
    calls,
    status: () => store.status(),
    async reserve(provider, count) {
      const shared = calls.get(provider);
      if (!shared?.bound || count < 1) return null;
      const reservation = await shared.reserve(count, Date.now() + RESERVATION_WAIT_MS);
      if (!('retryAfterMs' in reservation)) return reservation;
      const why = reservation.retryAfterMs < 0 ? 'needs more calls than its whole rate budget' : 'would not fit in the rate budget left';
      throw new ProviderError(provider, 'RATE_LIMITED', `Nothing was sent: the change ${why} (${count} calls)`, {
        ...(reservation.retryAfterMs < 0 ? {} : { retryAfter: Math.max(1, Math.ceil(reservation.retryAfterMs / 1000)) }),
      });
    },
    close: () => store.close(),
  };
}

/** Waits briefly for a configured Redis, so the first requests already share state (else they run locally, logged). */
export function sharedStateReady(shared: SharedState): Promise<boolean> {
  return storeConnected(shared.store);
}

/** The same adapter configurations, each with its provider's SharedCalls in its HTTP tuning (other tuning kept). */
export function withSharedCalls(configs: ProviderConfigs, shared: SharedState | undefined): ProviderConfigs {
  if (!shared) return configs;
  const out: Record<string, unknown> = {};
  for (const [id, config] of Object.entries(configs) as Array<[ProviderId, { http?: object } | undefined]>) {
    if (!config) continue;
    out[id] = { ...config, http: { ...config.http, shared: shared.calls.get(id) } };
  }
  // Each entry is its own provider's configuration with one more optional HTTP setting.
  return out as ProviderConfigs;
}
