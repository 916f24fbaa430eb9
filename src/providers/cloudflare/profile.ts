// Cloudflare as teamgraph knows it: the one profile the provider list, configuration, connectors, packaging and sandbox derive from.
import { defineProvider } from '../profile.js';
import { CLOUDFLARE_CAPABILITIES } from './capabilities.js';
import { CLOUDFLARE_ID_RULES } from './ids.js';
import type { CloudflareAdapterConfig } from './index.js';

declare module '../types.js' {
  interface ProviderIdRegistry {
    CLOUDFLARE: true;
  }
}

export const cloudflareProfile = defineProvider<'CLOUDFLARE', CloudflareAdapterConfig>({
  id: 'CLOUDFLARE',
  name: 'Cloudflare',
  capabilities: CLOUDFLARE_CAPABILITIES,
  ids: CLOUDFLARE_ID_RULES,
  settings: [
    {
      variable: 'CLOUDFLARE_API_TOKEN',
      field: 'token',
      description: 'Cloudflare API token (Account Settings Read, or Write for changes)',
      example: 'xxxx',
      required: true,
      secret: true,
      ssm: 'cloudflare/api-token',
    },
    {
      variable: 'CLOUDFLARE_BASE_URL',
      field: 'baseUrl',
      description: '(default shown)',
      example: 'https://api.cloudflare.com/client/v4',
      url: true,
      default: 'https://api.cloudflare.com/client/v4',
    },
  ],
  // 1,200 calls per 5 minutes per token; over it, every call of the token is refused for the next 5 minutes.
  documentedQuota: { quota: 1_200, windowMs: 300_000, locksOut: true },
  createAdapter: async (config) => (await import('./index.js')).createCloudflareAdapter(config),
  sandbox: {
    simulator: 'cloudflare',
    config: ({ baseUrl }) => ({ baseUrl, token: 'sandbox-token' }),
  },
});
