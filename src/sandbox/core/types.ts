// The shapes a simulator is written in: requests it receives, responses it returns, routes it declares.

export interface SimRequest {
  method: string;
  /** The raw path as received, query excluded. */
  path: string;
  /** Path parameters, percent-decoded, by the names in the route template. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text ('' when there is none). */
  bodyText: string;
  /** The body parsed as JSON; a SimError 400 (in the simulator's own envelope) when it is not JSON. */
  json(): unknown;
  /** The body parsed as application/x-www-form-urlencoded. */
  form(): URLSearchParams;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; omitted for an empty body. */
  body?: unknown;
  /** Sent as is (for malformed bodies); wins over `body`. */
  rawBody?: string;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the simulator's base path, such as `/member/{teamMemberId}`. */
  template: string;
  handler: SimHandler;
  /** False for routes that need no credentials (a token endpoint, a connectivity check). */
  auth?: boolean;
}

/** Thrown by handlers: the server answers with the simulator's own error envelope. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Extra fields some envelopes carry (Cloudflare's numeric error code, say). */
    readonly code?: number | string,
  ) {
    super(message);
  }
}

/** One provider's API, simulated. The server handles sockets, routing, the request log and faults. */
export interface Simulator {
  /** Display name, such as `GitBook`. */
  readonly name: string;
  /** The real API's base path, such as `/v1`. */
  readonly basePath: string;
  /** ASP.NET-style routing (Checkmarx) matches literal segments case-insensitively. */
  readonly caseInsensitiveRoutes?: boolean;
  readonly routes: readonly SimRoute[];
  /** Whether the request carries credentials this simulator accepts. */
  authenticate(req: SimRequest): boolean;
  /** The provider's own error body for a status, used for 401s, unknown routes, faults and SimErrors. */
  errorResponse(status: number, message: string, error?: SimError): SimResponse;
  /** Adds headers every response carries (rate-limit headers, say). */
  decorate?(res: SimResponse, req: SimRequest): void;
  /** Puts the state back to the seeded world. */
  reset(): void;
  /** What `npm run sandbox` prints: credentials, and ids a client needs to begin with. */
  describe(): { credentials: string; notes?: string[] };
  /** Ids a client must be configured with because the API cannot list them (Bird's organization id). */
  facts?(): Readonly<Record<string, string>>;
}
