// The per-request context: who is calling, which providers serve, and fresh loaders for this request only.
import { cursorCodecFor } from './cursor.js';
import { Loaders } from './loaders.js';
import { ProviderRegistry, type Adapters } from './provider-registry.js';
import type { ReadContext } from './reads.js';
import type { SharedStateView } from './read-context.js';
import { DEFAULT_WRITE_CONCURRENCY } from '../write-concurrency.js';

import type { Scope } from '../scopes.js';

export type { Scope };

export interface Caller {
  /** A name for logs: never the key itself (an API key's configured name, a token's subject). */
  name: string;
  scopes: ReadonlySet<Scope>;
  /** How the caller proved who it is. */
  via: 'api-key' | 'jwt';
  /** Only trusted documents (the persisted-operations manifest) may run for this caller. */
  persistedOnly: boolean;
}

export type ProviderMode = 'LIVE' | 'SANDBOX';

export interface RequestContext extends ReadContext {
  caller: Caller | null;
  mode: ProviderMode;
  /** Single-member calls in flight at once where a provider has no bulk call (see resolvers/writes). */
  writeConcurrency: number;
}

export interface ContextSource {
  adapters: Adapters;
  mode: ProviderMode;
  /** Defaults to DEFAULT_WRITE_CONCURRENCY. */
  writeConcurrency?: number;
  /** Key of the connection cursors' signatures (32 random bytes is plenty); a random one per process when left out. */
  cursorSecret?: Uint8Array;
  /** The read cache and rate budgets shared across instances; left out: none. */
  shared?: SharedStateView;
}

/** One registry per source (the gateway's adapters), made on its first request and kept. */
const registries = new WeakMap<ContextSource, ProviderRegistry>();

function registryOf(source: ContextSource): ProviderRegistry {
  let registry = registries.get(source);
  if (!registry) {
    registry = new ProviderRegistry(source.adapters);
    registries.set(source, registry);
  }
  return registry;
}

export function createRequestContext(source: ContextSource, caller: Caller | null): RequestContext {
  const registry = registryOf(source);
  return {
    caller,
    mode: source.mode,
    writeConcurrency: source.writeConcurrency ?? DEFAULT_WRITE_CONCURRENCY,
    registry,
    loaders: new Loaders(registry),
    providers: registry.ids,
    // Made once per source (memoised on it), not per request: a cursor must verify on the gateway's next request.
    cursors: cursorCodecFor(source),
    ...(source.shared ? { shared: source.shared } : {}),
  };
}
