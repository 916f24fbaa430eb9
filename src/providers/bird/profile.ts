// Bird as teamgraph knows it: the one profile the provider list, configuration, connectors, packaging and sandbox derive from.
import { defineProvider } from '../profile.js';
import { BIRD_CAPABILITIES } from './capabilities.js';
import { BIRD_ID_RULES } from './ids.js';
import type { BirdAdapterConfig } from './index.js';

declare module '../types.js' {
  interface ProviderIdRegistry {
    BIRD: true;
  }
}

export const birdProfile = defineProvider<'BIRD', BirdAdapterConfig>({
  id: 'BIRD',
  name: 'Bird',
  capabilities: BIRD_CAPABILITIES,
  ids: BIRD_ID_RULES,
  settings: [
    {
      variable: 'BIRD_ACCESS_KEY',
      field: 'accessKey',
      description: 'Bird access key (`Authorization: AccessKey`)',
      example: 'xxxx',
      required: true,
      secret: true,
      ssm: 'bird/access-key',
    },
    {
      variable: 'BIRD_ORGANIZATION_ID',
      field: 'organizationId',
      description: "the key's organization (Bird's API cannot list it)",
      example: '8f0e5ce3-3cca-400a-85db-9c40a7faddb7',
      required: true,
      ssm: 'bird/organization-id',
    },
    { variable: 'BIRD_ORGANIZATION_NAME', field: 'organizationName', description: 'its display name', example: 'Acme' },
    {
      variable: 'BIRD_BASE_URL',
      field: 'baseUrl',
      description: '(default shown)',
      example: 'https://api.bird.com',
      url: true,
      default: 'https://api.bird.com',
    },
  ],
  createAdapter: async (config) => (await import('./index.js')).createBirdAdapter(config),
  sandbox: {
    simulator: 'bird',
    config: ({ baseUrl, facts }) => {
      // Bird's API cannot list organizations: the simulator tells which one its key belongs to.
      const organizationId = facts.organizationId;
      if (!organizationId) throw new Error('the Bird simulator tells its organization id');
      return { baseUrl, accessKey: 'sandbox-token', organizationId, organizationName: 'Bird sandbox organization' };
    },
  },
});
