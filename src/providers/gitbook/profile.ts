// GitBook as teamgraph knows it: the one profile the provider list, configuration, connectors, packaging and sandbox derive from.
import { defineProvider } from '../profile.js';
import { GITBOOK_CAPABILITIES } from './capabilities.js';
import { GITBOOK_ID_RULES } from './ids.js';
import type { GitBookAdapterConfig } from './index.js';

declare module '../types.js' {
  interface ProviderIdRegistry {
    GITBOOK: true;
  }
}

export const gitbookProfile = defineProvider<'GITBOOK', GitBookAdapterConfig>({
  id: 'GITBOOK',
  name: 'GitBook',
  capabilities: GITBOOK_CAPABILITIES,
  ids: GITBOOK_ID_RULES,
  settings: [
    { variable: 'GITBOOK_TOKEN', field: 'token', description: 'GitBook API token', example: 'gb_api_xxx', required: true, secret: true, ssm: 'gitbook/token' },
    {
      variable: 'GITBOOK_BASE_URL',
      field: 'baseUrl',
      description: '(default shown)',
      example: 'https://api.gitbook.com/v1',
      url: true,
      default: 'https://api.gitbook.com/v1',
    },
  ],
  // The only figure GitBook publishes (its rate-limiting page's example, 60 a minute); its headers say more.
  documentedQuota: { quota: 60, windowMs: 60_000, locksOut: false },
  createAdapter: async (config) => (await import('./index.js')).createGitBookAdapter(config),
  sandbox: {
    simulator: 'gitbook',
    config: ({ baseUrl }) => ({ baseUrl, token: 'sandbox-token' }),
  },
});
