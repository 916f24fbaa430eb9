// The per-request context: who is calling, which providers serve, and fresh loaders for this request only.
import { Loaders, type Adapters } from './loaders.js';
import { configuredProviders, type ReadContext } from './reads.js';

export type Scope = 'read' | 'write' | 'trace';

export interface Caller {
  /** A name for logs: never the key itself. */
  name: string;
  scopes: ReadonlySet<Scope>;
}

export type ProviderMode = 'LIVE' | 'SANDBOX';

export interface RequestContext extends ReadContext {
  caller: Caller | null;
  mode: ProviderMode;
}

export interface ContextSource {
  adapters: Adapters;
  mode: ProviderMode;
}

export function createRequestContext(source: ContextSource, caller: Caller | null): RequestContext {
  return {
    caller,
    mode: source.mode,
    loaders: new Loaders(source.adapters),
    providers: configuredProviders(source.adapters.keys()),
  };
}
