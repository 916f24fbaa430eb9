// What the read resolvers need from a request (the provider registry, its loaders, the providers it serves in a stable order, its cursor codec).
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
}
