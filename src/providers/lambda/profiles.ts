// What the gateway knows of each provider without its credentials: the product's name, what it can do, its id formats.
import { BIRD_ID_RULES } from '../bird/ids.js';
import { BIRD_CAPABILITIES } from '../bird/index.js';
import { CHECKMARX_ID_RULES } from '../checkmarx/ids.js';
import { CHECKMARX_CAPABILITIES } from '../checkmarx/index.js';
import { CLOUDFLARE_ID_RULES } from '../cloudflare/ids.js';
import { CLOUDFLARE_CAPABILITIES } from '../cloudflare/index.js';
import { GITBOOK_ID_RULES } from '../gitbook/ids.js';
import { GITBOOK_CAPABILITIES } from '../gitbook/index.js';
import { GOODACCESS_ID_RULES } from '../goodaccess/ids.js';
import { GOODACCESS_CAPABILITIES } from '../goodaccess/index.js';
import type { Capabilities, IdRules, ProviderId } from '../types.js';

export interface ProviderProfile {
  name: string;
  capabilities: Capabilities;
  /** What the resolvers check ids with, whichever transport serves the provider. */
  ids: IdRules;
}

/** The same constants the adapters serve, so the two transports can never describe a provider differently. */
export const PROVIDER_PROFILES: Readonly<Record<ProviderId, ProviderProfile>> = {
  GOODACCESS: { name: 'GoodAccess', capabilities: GOODACCESS_CAPABILITIES, ids: GOODACCESS_ID_RULES },
  GITBOOK: { name: 'GitBook', capabilities: GITBOOK_CAPABILITIES, ids: GITBOOK_ID_RULES },
  BIRD: { name: 'Bird', capabilities: BIRD_CAPABILITIES, ids: BIRD_ID_RULES },
  CHECKMARX: { name: 'Checkmarx', capabilities: CHECKMARX_CAPABILITIES, ids: CHECKMARX_ID_RULES },
  CLOUDFLARE: { name: 'Cloudflare', capabilities: CLOUDFLARE_CAPABILITIES, ids: CLOUDFLARE_ID_RULES },
};

/** The connector function of a provider: `teamgraph-dev-` and GITBOOK give `teamgraph-dev-gitbook`. */
export function connectorFunctionName(prefix: string, provider: ProviderId): string {
  return `${prefix}${provider.toLowerCase()}`;
}
