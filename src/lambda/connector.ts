// A connector Lambda: runs one provider's inline adapter, with that provider's credentials, for the lambda transport.
import { loadConnectorConfig } from '../config.js';
import { createAdapters } from '../providers/registry.js';
import { createConnector } from '../providers/lambda/serve.js';
import { secretValues } from '../config-security.js';
import { createLogger } from '../server/logging.js';
import { createSharedState, sharedStateReady, withSharedCalls } from '../server/shared-state.js';

/** Built once per container: the adapter's connection pool, token cache and breaker outlive one Invoke. */
const config = loadConnectorConfig(process.env);
// The connector's HTTP client calls the provider, so it spends the shared budget and keeps the shared cache: in Redis
// only. A container is one of many and short-lived, so without TEAMGRAPH_REDIS_URL it keeps neither (docs/store.md).
const logger = createLogger({ level: 'info', secrets: secretValues(process.env) });
const shared = config.store.redisUrl === null ? undefined : await createSharedState(config.store, logger, 'LIVE');
if (shared) await sharedStateReady(shared);
const adapter = (await createAdapters(withSharedCalls({ [config.provider]: config.providers[config.provider] }, shared))).get(config.provider) ?? null;
const connector = createConnector(config.provider, adapter);

export const handler = (payload: unknown) => connector.serve(payload);
