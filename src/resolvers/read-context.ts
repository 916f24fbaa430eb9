// What the read resolvers need from a request (its loaders, the providers it serves in a stable order, its cursor codec).
import { PROVIDER_IDS } from '../providers/catalog.js';
import type { ProviderId } from '../providers/types.js';
import type { CursorCodec } from './cursor.js';
import type { Loaders } from './loaders.js';

/** What a connection resolver needs from the request. */
export interface ReadContext {
  loaders: Loaders;
  /** The providers this gateway serves, in a stable order. */
  providers: readonly ProviderId[];
  /** Signs and checks connection cursors: one codec per gateway, so cursors hold across its requests. */
  cursors: CursorCodec;
}

/** The configured providers in the catalog's order: the order of every list across providers, and of their cursors. */
export function configuredProviders(configured: Iterable<ProviderId>): ProviderId[] {
  const set = new Set(configured);
  return PROVIDER_IDS.filter((p) => set.has(p));
}
