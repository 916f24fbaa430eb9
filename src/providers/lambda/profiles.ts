// What the lambda transport needs of a provider without its credentials: its profile, and its connector function's name.
import { profileOf, type ProviderId } from '../catalog.js';
import type { Capabilities, IdRules } from '../types.js';

/** The name, capabilities and id rules of a provider: the same constants its adapter serves, from its profile. */
export interface ConnectorProfile {
  name: string;
  capabilities: Capabilities;
  ids: IdRules;
}

export function connectorProfile(provider: ProviderId): ConnectorProfile {
  const { name, capabilities, ids } = profileOf(provider);
  return { name, capabilities, ids };
}

/** The connector function of a provider: `teamgraph-dev-` and GITBOOK give `teamgraph-dev-gitbook`. */
export function connectorFunctionName(prefix: string, provider: ProviderId): string {
  return `${prefix}${provider.toLowerCase()}`;
}
