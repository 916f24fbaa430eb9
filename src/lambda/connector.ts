// A connector Lambda: runs one provider's inline adapter, with that provider's credentials, for the lambda transport.
import { loadConnectorConfig } from '../config.js';
import { createAdapters } from '../providers/registry.js';
import { createConnector } from '../providers/lambda/serve.js';

/** Built once per container: the adapter's connection pool, token cache and breaker outlive one Invoke. */
const config = loadConnectorConfig(process.env);
const adapter = createAdapters({ [config.provider]: config.providers[config.provider] }).get(config.provider) ?? null;
const connector = createConnector(config.provider, adapter);

export const handler = (payload: unknown) => connector.serve(payload);
