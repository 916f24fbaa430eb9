// createGateway: the gate, then yoga over the schema; the one place plugins, identity, GraphiQL, CORS and logs are chosen.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServerAdapter, type ServerAdapter, type ServerAdapterBaseObject } from '@whatwg-node/server';
import { createYoga, maskError } from 'graphql-yoga';
import type { ApiKey } from '../config.js';
import type { SecurityConfig } from '../config-security.js';
import { withCallPolicy } from '../providers/call-policy.js';
import type { Adapters } from '../resolvers/loaders.js';
import type { SharedStateView } from '../resolvers/read-context.js';
import { createRequestContext, type Caller, type ProviderMode, type RequestContext } from '../resolvers/context.js';
import { clientSchema, subgraphSchema } from '../schema/index.js';
import { rootAccess } from './access.js';
import { createAuthenticator, SANDBOX_KEY, SANDBOX_KEY_TEXT } from './auth.js';
import { admission, MAX_CONCURRENT_OPERATIONS, type QueueLimits } from './admission.js';
import { streamedBodyLimit } from './body-limit.js';
import { admit, gateResponse } from './gate.js';
import { compiledQueries } from './compiled-queries.js';
import { DEFAULT_QUERY, type ExampleIds, graphiqlTabs, STEADY_TABS } from './graphiql.js';
import { offlineGraphiQL } from './graphiql-page.js';
import type { JwtSettings } from './jwt.js';
import { operationCost, queryLimits } from './limits.js';
import { logRequest, logUnexpected, type Logger } from './logging.js';
import { inputRedaction } from './redaction.js';
import { CLIENT_CLOSED_REQUEST, currentRequest, withRequestRecord, type RequestRecord } from './request-scope.js';
import { upstreamTracing } from './tracing.js';
import { trustedDocuments } from './trusted-documents.js';

/** The only GraphQL path. */
export const GRAPHQL_ENDPOINT = '/graphql';

/** Development defaults: GraphiQL and introspection on, no CORS, a random cursor key, no trusted documents. */
export const DEVELOPMENT_SECURITY: SecurityConfig = {
  env: 'development',
  graphiql: true,
  introspection: true,
  corsOrigins: [],
  cursorSecret: null,
  trustedDocuments: null,
  jwtPersistedOnly: false,
  logLevel: 'info',
};

export interface GatewayOptions {
  adapters: Adapters;
  mode: ProviderMode;
  /** Configured keys; in sandbox mode with none (and no JWT issuer), the key `sandbox` is accepted. */
  apiKeys: readonly ApiKey[];
  /** Bearer JWTs verified against an issuer's keys; null or left out: API keys only. */
  jwt?: JwtSettings | null;
  /** Mode, GraphiQL, introspection, CORS, cursor key, trusted documents; development defaults when left out. */
  security?: SecurityConfig;
  /** Where the request and error lines go: required, so no deployment runs without logs by accident. */
  logger: Logger;
  /** Single-member calls in flight at once per change where a provider has no bulk call; the resolvers' default when left out. */
  writeConcurrency?: number;
  /** Offline GraphiQL (inlined assets, about 9 MB) for local runs; false serves yoga's CDN page. */
  offlineGraphiQL?: boolean;
  /** Sandbox ids for GraphiQL's example tabs (sandbox-examples.ts); left out: the overview tab only. */
  graphiqlExamples?: ExampleIds | null;
  /** The read cache and rate budgets shared across instances (shared-state.ts); left out: none. */
  shared?: SharedStateView;
  /** Turns of GraphQL execution at once, a costly operation taking several (admission.ts); MAX_CONCURRENT_OPERATIONS when left out. */
  maxConcurrentOperations?: number;
  /** How many may wait for turns, and how long (admission.ts); QUEUE_LIMITS when left out. */
  admissionQueue?: QueueLimits;
}

/** A fetch handler that is also a Node request listener (`createServer(gateway)`) and answers Lambda's events. */
export type Gateway = ServerAdapter<Record<string, unknown>, ServerAdapterBaseObject<Record<string, unknown>>>;

/**
 * CORS headers only for a listed origin, naming that origin alone: the library's own list handling answers other
 * origins with the first listed one, or with `null` (which sandboxed iframes and file: pages send as their origin).
 */
function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false as const;
    return {
      origin: origin,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'x-teamgraph-trace', 'cache-control'],
      exposedHeaders: ['x-request-id'],
      credentials: false,
      maxAge: 600,
    };
  };
}

export function createGateway(options: GatewayOptions): Gateway {
  const security = options.security ?? DEVELOPMENT_SECURITY;
  const jwt = options.jwt ?? null;
  const sandboxKey = options.apiKeys.length === 0 && jwt === null && options.mode === 'SANDBOX';
  const keys = sandboxKey ? [SANDBOX_KEY] : options.apiKeys;
  if (!security.trustedDocuments && (keys.some((key) => key.persistedOnly) || (jwt && security.jwtPersistedOnly))) {
    throw new Error('Callers limited to trusted documents need TEAMGRAPH_TRUSTED_DOCUMENTS');
  }
  const authenticator = createAuthenticator(keys, jwt, security.jwtPersistedOnly);
  const logger = options.logger;
  const source = {
    adapters: options.adapters,
    mode: options.mode,
    writeConcurrency: options.writeConcurrency,
    ...(security.cursorSecret ? { cursorSecret: security.cursorSecret } : {}),
    ...(options.shared ? { shared: options.shared } : {}),
  };

  const client = clientSchema();
  const graphiqlHeaders = sandboxKey ? JSON.stringify({ Authorization: `Bearer ${SANDBOX_KEY_TEXT}` }) : '{}';
  // The caller the gate admitted, from the request's record: yoga is given no server context of its own, since it
  // copies every property of one into each request's context, property by property (6% of a small request's CPU).
  // No record (nothing the adapter below served) is no caller: every root field refuses it.
  const admittedCaller = (): Caller | null => currentRequest()?.caller ?? null;
  const yoga = createYoga<Record<string, never>, RequestContext>({
    // Routers (the `federation` scope) get the subgraph schema; every other caller the client schema, where
    // _entities, _service, _Any and _Entity do not exist, in introspection or otherwise. Each is built once, the
    // subgraph schema when a router first asks.
    schema: () => (admittedCaller()?.scopes.has('federation') ? subgraphSchema() : client),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    // yoga answers any URL that ends with its health path; the gate serves nothing but GRAPHQL_ENDPOINT, and this
    // value (a space cannot occur in a URL) keeps yoga's check from ever matching.
    healthCheckEndpoint: ' no-health-check',
    // Our own lines (logging.ts) replace yoga's console output.
    logging: false,
    multipart: false,
    // Counted by streamedBodyLimit only where no Content-Length bounds it (the gate refuses a Content-Length over it).
    maxRequestBodySize: false,
    cors: security.corsOrigins.length > 0 ? corsFor(security.corsOrigins) : false,
    maskedErrors: {
      isDev: false,
      // Unexpected errors reach the client as INTERNAL_SERVER_ERROR only; their message and stack go to the log.
      maskError: (error, message) => {
        const masked = maskError(error, message, false);
        if (masked !== error) logUnexpected(logger, currentRequest(), error);
        return masked;
      },
    },
    ...(options.offlineGraphiQL === false ? {} : { renderGraphiQL: offlineGraphiQL(STEADY_TABS) }),
    graphiql: security.graphiql
      ? {
          title: 'teamgraph',
          defaultQuery: DEFAULT_QUERY,
          headers: graphiqlHeaders,
          // Used while the browser has no tabs stored (a first visit): later visits keep the person's own tabs.
          defaultTabs: graphiqlTabs(options.graphiqlExamples ?? null, graphiqlHeaders),
          // The example tabs carry their ids in Variables: open that pane rather than Headers.
          ...(options.graphiqlExamples ? { defaultEditorToolsVisibility: 'variables' as const } : {}),
        }
      : false,
    context: () => createRequestContext(source, admittedCaller()),
    plugins: [
      // A chunked body is counted as it streams in; who may run what comes next; limits refuse a query before any
      // resolver runs; tracing counts only what runs.
      streamedBodyLimit(),
      rootAccess({ introspection: security.introspection }),
      ...(security.trustedDocuments ? [trustedDocuments(security.trustedDocuments)] : []),
      ...queryLimits({ fieldSuggestions: security.introspection }),
      // The client schema's names: the subgraph schema adds only federation's own (_entities, representations,
      // _service and its types), which are not built before a router asks.
      inputRedaction(client),
      // Repeated client queries as compiled code (graphql-jit), before admission, which wraps whichever executor runs.
      ...compiledQueries(client),
      upstreamTracing(options.adapters),
      // Last, so its turn wraps the whole execution; weighed by the cost the limits measured.
      admission({
        capacity: options.maxConcurrentOperations ?? MAX_CONCURRENT_OPERATIONS,
        costOf: operationCost,
        ...(options.admissionQueue ? { queue: options.admissionQueue } : {}),
      }),
    ],
  });

  const withRequestId = (response: Response, record: RequestRecord): Response => {
    response.headers.set('x-request-id', record.id);
    // With CORS on, the headers depend on the request's Origin: a shared cache must key on it.
    if (security.corsOrigins.length > 0 && !(response.headers.get('vary') ?? '').toLowerCase().includes('origin')) response.headers.append('vary', 'Origin');
    return response;
  };

  return createServerAdapter<Record<string, unknown>>(async (request: Request) => {
    const record: RequestRecord = { id: randomUUID(), startedAt: performance.now(), caller: null, operationName: null, upstream: {}, errorCodes: [] };
    return withRequestRecord(record, async () => {
      // The client's hang-up on a signal of our own, by a listener: the server adapter's request.signal is a lazy
      // stand-in whose `aborted` stays false once a native signal depends on it (AbortSignal.any), and any() keeps
      // weak references per dependant, which cost every call measurably.
      const hangUp = new AbortController();
      request.signal.addEventListener('abort', () => hangUp.abort(), { once: true });
      const clientGone = hangUp.signal;
      // Each read in flight listens (a dashboard has dozens at once): not a leak, so no warning past Node's 10.
      setMaxListeners(0, clientGone);
      let response: Response;
      try {
        const decision = await admit(request, { endpoint: GRAPHQL_ENDPOINT, authenticator, graphiql: security.graphiql, corsOrigins: security.corsOrigins });
        if ('response' in decision) {
          response = decision.response;
          record.errorCodes.push(decision.code);
        } else {
          record.caller = decision.caller;
          // `cache-control: no-cache` reads every provider afresh for this request (and refreshes the shared cache).
          const fresh = /(?:^|,)\s*no-cache\s*(?:,|$)/i.test(request.headers.get('cache-control') ?? '');
          // Once the client hangs up, the request's reads stop (and one still waiting its turn leaves the line). yoga reads
          // the caller from the record (admittedCaller), not from a server context.
          response = await withCallPolicy({ fresh, clientSignal: clientGone }, () => yoga.fetch(request));
        }
      } catch (error) {
        if (!clientGone.aborted) logUnexpected(logger, record, error);
        record.errorCodes.push('INTERNAL_SERVER_ERROR');
        response = gateResponse(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
      if (clientGone.aborted) {
        // Nobody is left to answer, and nothing went wrong here: the line says so with nginx's 499. What failed after
        // the hang-up (its reads, stopped; an abort that ended the handling) followed from it, and is not listed.
        record.errorCodes = [CLIENT_CLOSED_REQUEST];
        response = new Response(null, { status: 499 });
      }
      logRequest(logger, record, request.method, response.status);
      return withRequestId(response, record);
    });
  });
}
