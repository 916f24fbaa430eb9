// The `graphql` Lambda: HTTP API events to the same gateway `npm start` serves, built once per container.
import { loadConfig } from '../config.js';
import { secretValues } from '../config-security.js';
import { createGateway } from '../server/gateway.js';
import { startGatewayProviders } from '../server/gateway-providers.js';
import { createLogger } from '../server/logging.js';
import { createHttpApiHandler, type FetchServer } from './http-api.js';

/** Config, adapters, schema and yoga at module load: Lambda's init phase, not a request, pays for them. */
async function build(): Promise<FetchServer> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.security.logLevel, secrets: secretValues(process.env) });
  // No embedded sandbox here: a container's memory is no place for five simulators that every cold start resets.
  // Budgets and the cache outlive a container only in Redis (TEAMGRAPH_REDIS_URL); else each container keeps its own.
  const providers = await startGatewayProviders(config, { store: { config: config.store, logger } });
  // yoga's CDN GraphiQL page: the offline one is about 9 MB, over Lambda's 6 MB response limit.
  return createGateway({
    adapters: providers.adapters,
    mode: providers.mode,
    apiKeys: config.apiKeys,
    jwt: config.jwt,
    security: config.security,
    // Standard output is CloudWatch on Lambda: the same JSON lines as npm start.
    logger,
    writeConcurrency: config.writeConcurrency,
    offlineGraphiQL: false,
    ...(providers.shared ? { shared: providers.shared } : {}),
  });
}

const gateway = build();
// A bad configuration fails every request with its message (in the function's log); it is not an unhandled rejection.
gateway.catch((error: unknown) => console.error('teamgraph gateway cannot start:', error instanceof Error ? error.message : error));

export const handler = createHttpApiHandler(() => gateway);
