// How many single-member calls one change may have in flight: the default and the cap, one definition for the configuration and the resolvers.

/** Single-member calls in flight at once per change where an API has no bulk call (Bird, GoodAccess). */
export const DEFAULT_WRITE_CONCURRENCY = 4;
/**
 * The most a gateway may be configured with (TEAMGRAPH_WRITE_CONCURRENCY is 1 to this): 16 is each provider's
 * connection pool (src/providers/http.ts), so more in flight would only queue behind it.
 */
export const MAX_WRITE_CONCURRENCY = 16;
