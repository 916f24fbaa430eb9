// GoodAccess as teamgraph knows it: the one profile the provider list, configuration, connectors, packaging and sandbox derive from.
import { defineProvider } from '../profile.js';
import { GOODACCESS_CAPABILITIES } from './capabilities.js';
import { GOODACCESS_ID_RULES } from './ids.js';
import type { GoodAccessAdapterConfig } from './index.js';

declare module '../types.js' {
  interface ProviderIdRegistry {
    GOODACCESS: true;
  }
}

export const goodaccessProfile = defineProvider<'GOODACCESS', GoodAccessAdapterConfig>({
  id: 'GOODACCESS',
  name: 'GoodAccess',
  capabilities: GOODACCESS_CAPABILITIES,
  ids: GOODACCESS_ID_RULES,
  settings: [
    {
      variable: 'GOODACCESS_TOKEN',
      field: 'token',
      description: 'GoodAccess integration token',
      example: 'ga_xxx',
      required: true,
      secret: true,
      ssm: 'goodaccess/token',
    },
    {
      variable: 'GOODACCESS_BASE_URL',
      field: 'baseUrl',
      description: '(default shown)',
      example: 'https://integration.goodaccess.com/api/v1',
      url: true,
      default: 'https://integration.goodaccess.com/api/v1',
    },
    { variable: 'GOODACCESS_TENANT_NAME', field: 'organizationName', description: "the tenant's display name (the API does not tell it)", example: 'Acme VPN' },
  ],
  createAdapter: async (config) => (await import('./index.js')).createGoodAccessAdapter(config),
  sandbox: {
    simulator: 'goodaccess',
    config: ({ baseUrl }) => ({ baseUrl, token: 'sandbox-token' }),
  },
});
