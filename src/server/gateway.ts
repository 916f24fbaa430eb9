// createGateway: the yoga instance over the schema; the one place plugins, auth and GraphiQL are chosen.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { ApiKey } from '../config.js';
import type { Adapters } from '../resolvers/loaders.js';
import { createRequestContext, type ProviderMode, type RequestContext } from '../resolvers/context.js';
import { schema } from '../schema/index.js';
import { callerFrom, SANDBOX_KEY } from './auth.js';
import { DEFAULT_QUERY } from './graphiql.js';
import { queryLimits } from './limits.js';
import { inputRedaction } from './redaction.js';
import { upstreamTracing } from './tracing.js';

export interface GatewayOptions {
  adapters: Adapters;
  mode: ProviderMode;
  /** Configured keys; in sandbox mode with none, the key `sandbox` is accepted (SCHEMA.md). */
  apiKeys: readonly ApiKey[];
  /** Single-member calls in flight at once per change where a provider has no bulk call; the resolvers' default when left out. */
  writeConcurrency?: number;
  /** Offline GraphiQL (inlined assets, about 9 MB) for local runs; false serves yoga's CDN page. */
  offlineGraphiQL?: boolean;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, RequestContext>;

export function createGateway(options: GatewayOptions): Gateway {
  const keys = options.apiKeys.length === 0 && options.mode === 'SANDBOX' ? [SANDBOX_KEY] : options.apiKeys;
  const source = { adapters: options.adapters, mode: options.mode, writeConcurrency: options.writeConcurrency };
  return createYoga<Record<string, unknown>, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
    ...(options.offlineGraphiQL === false ? {} : { renderGraphiQL }),
    graphiql: {
      title: 'teamgraph',
      defaultQuery: DEFAULT_QUERY,
      headers: keys.includes(SANDBOX_KEY) ? JSON.stringify({ Authorization: 'Bearer sandbox' }) : '{}',
    },
    context: ({ request }) => createRequestContext(source, callerFrom(request.headers.get('authorization'), keys)),
    plugins: [
      {
        // Every GraphQL request needs a key; the GraphiQL page itself (a browser GET for HTML) does not.
        onRequest({ request, endResponse, fetchAPI }) {
          const url = new URL(request.url);
          if (url.pathname !== '/graphql') return;
          const wantsPage = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
          if (wantsPage || callerFrom(request.headers.get('authorization'), keys)) return;
          const body = {
            errors: [{ message: 'Missing or unknown API key: send Authorization: Bearer <key>', extensions: { code: 'UNAUTHENTICATED' } }],
          };
          endResponse(
            new fetchAPI.Response(JSON.stringify(body), {
              status: 401,
              headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
            }),
          );
        },
      },
      // Limits refuse a query before any resolver runs; tracing wraps only what is executed.
      ...queryLimits(),
      inputRedaction(),
      upstreamTracing(options.adapters),
    ],
  });
}
