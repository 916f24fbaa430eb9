// Loads the real connector Lambda module once per provider, each with its own environment, as five containers would.
import { vi } from 'vitest';
import type { ProviderId } from '../../../src/providers/types.js';

export type ConnectorHandler = (payload: unknown) => Promise<unknown>;

/**
 * The module reads its environment when it loads (once per container), so each provider gets a fresh module
 * instance with TEAMGRAPH_CONNECTOR_PREFIX's provider and the given variables set just for that load.
 */
export async function loadConnector(provider: ProviderId, env: Record<string, string>): Promise<ConnectorHandler> {
  const saved = { ...process.env };
  vi.resetModules();
  Object.assign(process.env, env, { TEAMGRAPH_CONNECTOR_PROVIDER: provider });
  try {
    const module = await import('../../../src/lambda/connector.js');
    return module.handler;
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}
