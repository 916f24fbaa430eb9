// Points every adapter at the embedded sandbox: the configuration `npm start` uses when no provider is set.
import type { ProviderConfigs } from '../providers/registry.js';
import type { Sandbox } from '../sandbox/index.js';

export function sandboxProviderConfigs(sandbox: Sandbox): ProviderConfigs {
  const urls = sandbox.baseUrls;
  return {
    GOODACCESS: { baseUrl: urls.goodaccess, token: 'sandbox-token' },
    GITBOOK: { baseUrl: urls.gitbook, token: 'sandbox-token' },
    BIRD: { baseUrl: urls.bird, accessKey: 'sandbox-token', organizationId: sandbox.birdOrganizationId, organizationName: 'Bird sandbox organization' },
    CHECKMARX: { baseUrl: urls.checkmarx, username: 'admin', password: 'sandbox' },
    CLOUDFLARE: { baseUrl: urls.cloudflare, token: 'sandbox-token' },
  };
}
