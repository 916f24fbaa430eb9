// What the gateway knows of each provider without its credentials: the product's name and what it can do.
import { BIRD_CAPABILITIES } from '../bird/index.js';
import { CHECKMARX_CAPABILITIES } from '../checkmarx/index.js';
import { CLOUDFLARE_CAPABILITIES } from '../cloudflare/index.js';
import { GITBOOK_CAPABILITIES } from '../gitbook/index.js';
import { GOODACCESS_CAPABILITIES } from '../goodaccess/index.js';
import type { Capabilities, ProviderId } from '../types.js';

export interface ProviderProfile {
  name: string;
  capabilities: Capabilities;
}

/** The same constants the adapters serve, so the two transports can never describe a provider differently. */
export const PROVIDER_PROFILES: Readonly<Record<ProviderId, ProviderProfile>> = {
  GOODACCESS: { name: 'GoodAccess', capabilities: GOODACCESS_CAPABILITIES },
  GITBOOK: { name: 'GitBook', capabilities: GITBOOK_CAPABILITIES },
  BIRD: { name: 'Bird', capabilities: BIRD_CAPABILITIES },
  CHECKMARX: { name: 'Checkmarx', capabilities: CHECKMARX_CAPABILITIES },
  CLOUDFLARE: { name: 'Cloudflare', capabilities: CLOUDFLARE_CAPABILITIES },
};

/** The connector function of a provider: `teamgraph-dev-` and GITBOOK give `teamgraph-dev-gitbook`. */
export function connectorFunctionName(prefix: string, provider: ProviderId): string {
  return `${prefix}${provider.toLowerCase()}`;
}
