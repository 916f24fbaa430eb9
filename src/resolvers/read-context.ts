// What the read resolvers need from a request (the provider registry, its loaders, the providers it serves in a stable order, its cursor codec).
import type { Reservation } from '../providers/call-policy.js';
import type { SharedStateStatus } from '../providers/shared-calls.js';
import type { ProviderId } from '../providers/types.js';
import type { CursorCodec } from './cursor.js';
import type { Loaders } from './loaders.js';
import type { ProviderRegistry } from './provider-registry.js';

/** What a connection resolver needs from the request. */
export interface ReadContext {
  /** The adapters, once per gateway: what the loaders read through and what resolvers ask about capabilities. */
  registry: ProviderRegistry;
  loaders: Loaders;
  /** The providers this gateway serves, in a stable order. */
  providers: readonly ProviderId[];
  /** Signs and checks connection cursors: one codec per gateway, so cursors hold across its requests. */
  cursors: CursorCodec;
  /** The read cache and rate budgets shared across instances (docs/store.md); absent: none configured. */
  shared?: SharedStateView;
}

/** What requests see of the gateway's shared state. */
export interface SharedStateView {
  status(): SharedStateStatus;
  /** Sets calls aside in a provider's rate budget for a write plan: null where this process does not call it; RATE_LIMITED when full. */
  reserve(provider: ProviderId, calls: number): Promise<Reservation | null>;
}
