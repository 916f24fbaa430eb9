// The environment as a typed, validated configuration, read once; a bad setting stops start-up with its name.
import { isIP } from 'node:net';
import { isProviderId, PROVIDER_IDS, PROVIDERS, type ProviderConfigs, type ProviderId } from './providers/catalog.js';
import { ConfigError, loadSecurityConfig, parseApiKeys, read, type ApiKey, type SecurityConfig } from './config-security.js';
import { JwtConfigError, parseJwtSettings, type JwtSettings } from './config-jwt.js';
import { DEFAULT_WRITE_CONCURRENCY, MAX_WRITE_CONCURRENCY } from './write-concurrency.js';
import { loadStoreConfig, type StoreConfig } from './config-store.js';

export { ConfigError, parseApiKeys, type ApiKey, type StoreConfig };

export type SandboxSetting = 'auto' | 'on' | 'off';

/** How the gateway reaches providers: adapters in this process, or connector Lambdas through Invoke. */
export type TransportKind = 'inline' | 'lambda';

export interface LambdaTransportConfig {
  /** The providers served by connector functions (TEAMGRAPH_CONNECTORS). */
  providers: ProviderId[];
  /** Prepended to the lower-case provider id to name its connector: `teamgraph-dev-` gives `teamgraph-dev-gitbook`. */
  functionPrefix: string;
  /** The Lambda API's URL when it is not AWS's own (serverless-offline's lambdaPort). */
  endpoint?: string;
  /** How long one Invoke may take before the provider counts as unavailable. */
  timeoutMs: number;
}

export interface Config {
  port: number;
  /** The address `npm start` listens on: TEAMGRAPH_HOST, 127.0.0.1 by default. */
  host: string;
  /** Providers with real credentials; empty when the sandbox serves. */
  providers: ProviderConfigs;
  sandbox: SandboxSetting;
  apiKeys: ApiKey[];
  transport: TransportKind;
  /** Set when transport is `lambda`. */
  lambda: LambdaTransportConfig | null;
  /** Single-member calls in flight at once where a provider has no bulk call (TEAMGRAPH_WRITE_CONCURRENCY). */
  writeConcurrency: number;
  /** Mode, CORS, GraphiQL, introspection, cursor key, trusted documents, logs (config-security.ts). */
  security: SecurityConfig;
  /** Bearer JWTs from an OIDC provider, when TEAMGRAPH_JWT_* is set (server/jwt.ts). */
  jwt: JwtSettings | null;
  /** Where the read cache and rate budgets live, their TTLs and quotas (config-store.ts, docs/store.md). */
  store: StoreConfig;
}

type Env = Readonly<Record<string, string | undefined>>;

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

/** Every provider whose credentials are set, from each profile's settings; a half-configured provider is an error. */
export function loadProviderConfigs(env: Env = process.env): ProviderConfigs {
  const providers: Record<string, Record<string, string>> = {};
  for (const profile of PROVIDERS) {
    const required = profile.settings.filter((setting) => setting.required).map((setting) => setting.variable);
    if (!group(env, profile.name, required)) continue;
    const config: Record<string, string> = {};
    for (const setting of profile.settings) {
      const value = setting.url
        ? read(env, setting.variable) !== undefined || setting.default !== undefined
          ? url(env, setting.variable, setting.default)
          : undefined
        : (read(env, setting.variable) ?? setting.default);
      if (value !== undefined) config[setting.field] = value;
    }
    providers[profile.id] = config;
  }
  // Each entry was built from its own profile's settings, which name that profile's configuration fields.
  return providers as ProviderConfigs;
}

export function loadConfig(env: Env = process.env): Config {
  const portText = read(env, 'PORT') ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`PORT must be a port number such as 4000; got ${JSON.stringify(portText)}`);

  // Loopback by default: the gateway answers only this machine unless told to listen wider (a container: 0.0.0.0).
  const host = read(env, 'TEAMGRAPH_HOST') ?? '127.0.0.1';
  if (isIP(host) === 0 && host !== 'localhost') {
    throw new ConfigError('TEAMGRAPH_HOST must be an IP address to listen on, such as 127.0.0.1 (the default), ::1 or 0.0.0.0');
  }

  const sandbox = (read(env, 'TEAMGRAPH_SANDBOX') ?? 'auto') as SandboxSetting;
  if (!['auto', 'on', 'off'].includes(sandbox)) throw new ConfigError(`TEAMGRAPH_SANDBOX must be auto, on or off; got ${JSON.stringify(sandbox)}`);

  const providers = loadProviderConfigs(env);
  const configured = Object.keys(providers);
  const transport = (read(env, 'TEAMGRAPH_TRANSPORT') ?? 'inline') as TransportKind;
  if (!['inline', 'lambda'].includes(transport)) throw new ConfigError(`TEAMGRAPH_TRANSPORT must be inline or lambda; got ${JSON.stringify(transport)}`);
  const lambda = transport === 'lambda' ? loadLambdaTransport(env) : null;
  if (lambda && configured.length > 0) {
    // The point of connectors is that the gateway holds no provider secret: credentials here are a mistake.
    throw new ConfigError(
      `TEAMGRAPH_TRANSPORT=lambda: provider credentials belong to the connector functions; unset those of ${configured.join(', ')} on the gateway`,
    );
  }
  if (sandbox === 'on' && configured.length > 0) {
    throw new ConfigError(
      `TEAMGRAPH_SANDBOX=on serves every provider from the sandbox; unset the credentials of ${configured.join(', ')} or use TEAMGRAPH_SANDBOX=auto`,
    );
  }
  if (sandbox === 'off' && configured.length === 0 && !lambda) {
    throw new ConfigError('TEAMGRAPH_SANDBOX=off but no provider is configured: set e.g. GITBOOK_TOKEN, or use TEAMGRAPH_SANDBOX=auto');
  }
  const apiKeys = parseApiKeys(read(env, 'TEAMGRAPH_API_KEYS'));
  const security = loadSecurityConfig(env);
  let jwt: JwtSettings | null;
  try {
    jwt = parseJwtSettings(env);
  } catch (error) {
    if (error instanceof JwtConfigError) throw new ConfigError(error.message);
    throw error;
  }
  // Connectors serve real providers unless TEAMGRAPH_SANDBOX=on says they were pointed at a sandbox.
  const live = configured.length > 0 || (lambda !== null && sandbox !== 'on');
  if (live && apiKeys.length === 0 && jwt === null) {
    throw new ConfigError(
      'TEAMGRAPH_API_KEYS is required with real providers (there is no default key), such as dashboard:k3y-1:read;sync-job:k3y-2:read+write (or TEAMGRAPH_JWT_* for bearer tokens)',
    );
  }
  if (!security.trustedDocuments && apiKeys.some((key) => key.persistedOnly)) {
    throw new ConfigError('TEAMGRAPH_API_KEYS: a key marked persisted may only run trusted documents; set TEAMGRAPH_TRUSTED_DOCUMENTS to their manifest');
  }
  if (security.env === 'production') {
    // Production means real providers and real credentials: no sandbox, no implicit sandbox key.
    if (!live)
      throw new ConfigError(
        'TEAMGRAPH_ENV=production needs real providers: configure their credentials (or TEAMGRAPH_TRANSPORT=lambda) and set TEAMGRAPH_SANDBOX=off',
      );
    if (apiKeys.length === 0 && jwt === null) throw new ConfigError('TEAMGRAPH_ENV=production needs TEAMGRAPH_API_KEYS or TEAMGRAPH_JWT_*');
  }
  const concurrencyText = read(env, 'TEAMGRAPH_WRITE_CONCURRENCY') ?? String(DEFAULT_WRITE_CONCURRENCY);
  const writeConcurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || writeConcurrency < 1 || writeConcurrency > MAX_WRITE_CONCURRENCY) {
    throw new ConfigError(
      `TEAMGRAPH_WRITE_CONCURRENCY must be a whole number from 1 to ${MAX_WRITE_CONCURRENCY}, such as ${DEFAULT_WRITE_CONCURRENCY}; got ${JSON.stringify(concurrencyText)}`,
    );
  }
  const store = loadStoreConfig(env);
  return { port, host, providers, sandbox, apiKeys, transport, lambda, writeConcurrency, security, jwt, store };
}

/** Lambda function names, full or partial ARNs: what Invoke's FunctionName accepts, less the provider part. */
const FUNCTION_PREFIX = /^[A-Za-z0-9_:-]*$/;

function loadLambdaTransport(env: Env): LambdaTransportConfig {
  const listed = read(env, 'TEAMGRAPH_CONNECTORS');
  const providers =
    listed === undefined
      ? [...PROVIDER_IDS]
      : listed
          .split(',')
          .map((name) => name.trim().toUpperCase())
          .filter((name) => name !== '');
  const unknown = providers.filter((name) => !isProviderId(name));
  if (unknown.length > 0 || providers.length === 0) {
    throw new ConfigError(`TEAMGRAPH_CONNECTORS must list providers among ${PROVIDER_IDS.join(',')}; got ${JSON.stringify(listed)}`);
  }
  const functionPrefix = read(env, 'TEAMGRAPH_CONNECTOR_PREFIX') ?? 'teamgraph-dev-';
  if (!FUNCTION_PREFIX.test(functionPrefix)) {
    throw new ConfigError(
      `TEAMGRAPH_CONNECTOR_PREFIX must be the start of a Lambda function name, such as teamgraph-prod-; got ${JSON.stringify(functionPrefix)}`,
    );
  }
  const timeoutText = read(env, 'TEAMGRAPH_LAMBDA_TIMEOUT_MS') ?? '13000';
  const timeoutMs = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || timeoutMs < 100 || timeoutMs > 900_000) {
    throw new ConfigError(`TEAMGRAPH_LAMBDA_TIMEOUT_MS must be milliseconds between 100 and 900000, such as 13000; got ${JSON.stringify(timeoutText)}`);
  }
  const endpoint = read(env, 'TEAMGRAPH_LAMBDA_ENDPOINT') === undefined ? undefined : url(env, 'TEAMGRAPH_LAMBDA_ENDPOINT', 'http://127.0.0.1:3002');
  return { providers: [...new Set(providers as ProviderId[])], functionPrefix, timeoutMs, ...(endpoint ? { endpoint } : {}) };
}

/** What a connector function reads: the provider it serves and that provider's credentials, if set. */
export interface ConnectorConfig {
  provider: ProviderId;
  providers: ProviderConfigs;
  /** The connector's adapter spends the same shared budgets and cache as every other instance. */
  store: StoreConfig;
}

export function loadConnectorConfig(env: Env = process.env): ConnectorConfig {
  const name = read(env, 'TEAMGRAPH_CONNECTOR_PROVIDER')?.toUpperCase();
  if (name === undefined || !isProviderId(name)) {
    throw new ConfigError(
      `TEAMGRAPH_CONNECTOR_PROVIDER must name the provider this connector serves, one of ${PROVIDER_IDS.join(', ')}; got ${JSON.stringify(name ?? '')}`,
    );
  }
  return { provider: name as ProviderId, providers: loadProviderConfigs(env), store: loadStoreConfig(env) };
}
