// What a caller may do: the scopes an API key or a token grants, shared by the configuration and the request context.
export const SCOPES = ['read', 'write', 'trace'] as const;
export type Scope = (typeof SCOPES)[number];
