// Points every adapter at the embedded sandbox: the configuration `npm start` uses when no provider is set, and its env form.
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

/**
 * The same settings as environment variables: what connector functions (serverless-offline, a test's Invoke
 * server) read to serve the sandbox. Kept beside sandboxProviderConfigs so the two cannot drift apart.
 */
export function sandboxProviderEnv(sandbox: Sandbox): Record<string, string> {
  const configs = sandboxProviderConfigs(sandbox);
  const { GOODACCESS: goodaccess, GITBOOK: gitbook, BIRD: bird, CHECKMARX: checkmarx, CLOUDFLARE: cloudflare } = configs;
  if (!goodaccess || !gitbook || !bird || !checkmarx || !cloudflare) throw new Error('the sandbox serves every provider');
  return {
    GOODACCESS_BASE_URL: goodaccess.baseUrl,
    GOODACCESS_TOKEN: goodaccess.token,
    GITBOOK_BASE_URL: gitbook.baseUrl,
    GITBOOK_TOKEN: gitbook.token,
    BIRD_BASE_URL: bird.baseUrl,
    BIRD_ACCESS_KEY: bird.accessKey,
    BIRD_ORGANIZATION_ID: bird.organizationId,
    BIRD_ORGANIZATION_NAME: bird.organizationName ?? '',
    CHECKMARX_BASE_URL: checkmarx.baseUrl,
    CHECKMARX_USERNAME: checkmarx.username,
    CHECKMARX_PASSWORD: checkmarx.password,
    CLOUDFLARE_BASE_URL: cloudflare.baseUrl,
    CLOUDFLARE_API_TOKEN: cloudflare.token,
  };
}
