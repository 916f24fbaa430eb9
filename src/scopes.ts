// What a caller may do: the scopes an API key or a token grants, shared by the configuration and the request context.
/**
 * `read` every query field, `write` every mutation, `trace` upstream traces in live mode, `federation` the Apollo
 * Federation subgraph schema (`_service`, `_entities`): a router's key, which also needs `read` for the client
 * queries it forwards.
 */
export const SCOPES = ['read', 'write', 'trace', 'federation'] as const;
export type Scope = (typeof SCOPES)[number];
