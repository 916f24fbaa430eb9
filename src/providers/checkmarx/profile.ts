// Checkmarx as teamgraph knows it: the one profile the provider list, configuration, connectors, packaging and sandbox derive from.
import { defineProvider } from '../profile.js';
import { CHECKMARX_CAPABILITIES } from './capabilities.js';
import { CHECKMARX_ID_RULES } from './ids.js';
import type { CheckmarxAdapterConfig } from './index.js';

declare module '../types.js' {
  interface ProviderIdRegistry {
    CHECKMARX: true;
  }
}

export const checkmarxProfile = defineProvider<'CHECKMARX', CheckmarxAdapterConfig>({
  id: 'CHECKMARX',
  name: 'Checkmarx',
  capabilities: CHECKMARX_CAPABILITIES,
  ids: CHECKMARX_ID_RULES,
  settings: [
    {
      variable: 'CHECKMARX_BASE_URL',
      field: 'baseUrl',
      description: 'the CxSAST server (self-hosted: no default)',
      example: 'https://cx.example.com/cxrestapi',
      required: true,
      url: true,
      ssm: 'checkmarx/base-url',
    },
    {
      variable: 'CHECKMARX_USERNAME',
      field: 'username',
      description: 'password-grant user (needs "Manage Users" for writes)',
      example: 'svc-teamgraph',
      required: true,
      ssm: 'checkmarx/username',
    },
    {
      variable: 'CHECKMARX_PASSWORD',
      field: 'password',
      description: 'its password',
      example: 'xxxx',
      required: true,
      secret: true,
      ssm: 'checkmarx/password',
    },
    {
      variable: 'CHECKMARX_CLIENT_SECRET',
      field: 'clientSecret',
      description: "the OAuth client secret (default: CxSAST's documented one)",
      example: '014DF517-39D1-4453-B7B3-9930C563627C',
      deployed: false,
    },
  ],
  createAdapter: async (config) => (await import('./index.js')).createCheckmarxAdapter(config),
  sandbox: {
    simulator: 'checkmarx',
    config: ({ baseUrl }) => ({ baseUrl, username: 'admin', password: 'sandbox' }),
  },
});
