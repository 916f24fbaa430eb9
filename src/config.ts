// The environment as a typed, validated configuration, read once; a bad setting stops start-up with its name.
import type { ProviderConfigs } from './providers/registry.js';
import type { Scope } from './resolvers/context.js';

export interface ApiKey {
  name: string;
  key: string;
  scopes: Set<Scope>;
}

export type SandboxSetting = 'auto' | 'on' | 'off';

export interface Config {
  port: number;
  /** Providers with real credentials; empty when the sandbox serves. */
  providers: ProviderConfigs;
  sandbox: SandboxSetting;
  apiKeys: ApiKey[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function url(env: Env, name: string, fallback?: string): string {
  const value = read(env, name) ?? fallback;
  if (value === undefined) throw new ConfigError(`${name} is required, such as https://cx.example.com/cxrestapi`);
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, such as ${fallback ?? 'https://cx.example.com/cxrestapi'}; got ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, '');
}

/** Every variable of a provider, or none: half a configuration is a mistake worth stopping for. */
function group(env: Env, provider: string, required: readonly string[]): boolean {
  const set = required.filter((name) => read(env, name) !== undefined);
  if (set.length === 0) return false;
  const missing = required.filter((name) => read(env, name) === undefined);
  if (missing.length > 0) throw new ConfigError(`${provider} is half configured: set ${missing.join(' and ')} too (or unset ${set.join(' and ')})`);
  return true;
}

const SCOPES: readonly Scope[] = ['read', 'write', 'trace'];

/** `dashboard:k3y-1:read;sync-job:k3y-2:read+write+trace` */
export function parseApiKeys(value: string | undefined): ApiKey[] {
  if (value === undefined) return [];
  const example = 'dashboard:k3y-1:read;sync-job:k3y-2:read+write';
  return value
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const [name, key, scopes, ...rest] = entry.split(':');
      if (!name || !key || !scopes || rest.length > 0) {
        throw new ConfigError(`TEAMGRAPH_API_KEYS entry ${index + 1} must be name:key:scopes, such as ${example}`);
      }
      if (key.length < 8) throw new ConfigError(`TEAMGRAPH_API_KEYS entry ${index + 1} (${name}): the key must be at least 8 characters`);
      const parsed = scopes.split('+').map((s) => s.trim());
      const unknown = parsed.filter((s) => !SCOPES.includes(s as Scope));
      if (unknown.length > 0) throw new ConfigError(`TEAMGRAPH_API_KEYS entry ${index + 1} (${name}): unknown scope ${unknown.join(', ')}; scopes are ${SCOPES.join(', ')}`);
      return { name, key, scopes: new Set(parsed as Scope[]) };
    });
}

export function loadConfig(env: Env = process.env): Config {
  const portText = read(env, 'PORT') ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`PORT must be a port number such as 4000; got ${JSON.stringify(portText)}`);

  const sandbox = (read(env, 'TEAMGRAPH_SANDBOX') ?? 'auto') as SandboxSetting;
  if (!['auto', 'on', 'off'].includes(sandbox)) throw new ConfigError(`TEAMGRAPH_SANDBOX must be auto, on or off; got ${JSON.stringify(sandbox)}`);

  const providers: ProviderConfigs = {};
  if (group(env, 'GoodAccess', ['GOODACCESS_TOKEN'])) {
    providers.GOODACCESS = {
      baseUrl: url(env, 'GOODACCESS_BASE_URL', 'https://integration.goodaccess.com/api/v1'),
      token: read(env, 'GOODACCESS_TOKEN') as string,
      ...(read(env, 'GOODACCESS_TENANT_NAME') ? { organizationName: read(env, 'GOODACCESS_TENANT_NAME') as string } : {}),
    };
  }
  if (group(env, 'GitBook', ['GITBOOK_TOKEN'])) {
    providers.GITBOOK = { baseUrl: url(env, 'GITBOOK_BASE_URL', 'https://api.gitbook.com/v1'), token: read(env, 'GITBOOK_TOKEN') as string };
  }
  if (group(env, 'Bird', ['BIRD_ACCESS_KEY', 'BIRD_ORGANIZATION_ID'])) {
    providers.BIRD = {
      baseUrl: url(env, 'BIRD_BASE_URL', 'https://api.bird.com'),
      accessKey: read(env, 'BIRD_ACCESS_KEY') as string,
      organizationId: read(env, 'BIRD_ORGANIZATION_ID') as string,
      ...(read(env, 'BIRD_ORGANIZATION_NAME') ? { organizationName: read(env, 'BIRD_ORGANIZATION_NAME') as string } : {}),
    };
  }
  if (group(env, 'Checkmarx', ['CHECKMARX_BASE_URL', 'CHECKMARX_USERNAME', 'CHECKMARX_PASSWORD'])) {
    providers.CHECKMARX = {
      baseUrl: url(env, 'CHECKMARX_BASE_URL'),
      username: read(env, 'CHECKMARX_USERNAME') as string,
      password: read(env, 'CHECKMARX_PASSWORD') as string,
      ...(read(env, 'CHECKMARX_CLIENT_SECRET') ? { clientSecret: read(env, 'CHECKMARX_CLIENT_SECRET') as string } : {}),
    };
  }
  if (group(env, 'Cloudflare', ['CLOUDFLARE_API_TOKEN'])) {
    providers.CLOUDFLARE = { baseUrl: url(env, 'CLOUDFLARE_BASE_URL', 'https://api.cloudflare.com/client/v4'), token: read(env, 'CLOUDFLARE_API_TOKEN') as string };
  }

  const configured = Object.keys(providers);
  if (sandbox === 'on' && configured.length > 0) {
    throw new ConfigError(`TEAMGRAPH_SANDBOX=on serves every provider from the sandbox; unset the credentials of ${configured.join(', ')} or use TEAMGRAPH_SANDBOX=auto`);
  }
  if (sandbox === 'off' && configured.length === 0) {
    throw new ConfigError('TEAMGRAPH_SANDBOX=off but no provider is configured: set e.g. GITBOOK_TOKEN, or use TEAMGRAPH_SANDBOX=auto');
  }
  const apiKeys = parseApiKeys(read(env, 'TEAMGRAPH_API_KEYS'));
  if (configured.length > 0 && apiKeys.length === 0) {
    throw new ConfigError('TEAMGRAPH_API_KEYS is required with real providers (there is no default key), such as dashboard:k3y-1:read;sync-job:k3y-2:read+write');
  }
  return { port, providers, sandbox, apiKeys };
}
