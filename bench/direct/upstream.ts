// The direct client's REST access: one undici Pool per provider, credentials and base URLs read as the gateway reads them.
import { Pool } from 'undici';

export type Provider = 'GOODACCESS' | 'GITBOOK' | 'BIRD' | 'CHECKMARX' | 'CLOUDFLARE';

type Env = Readonly<Record<string, string | undefined>>;

/** The environment variables the gateway reads for each provider (see each provider's profile settings). */
interface ProviderSettings {
  baseUrl: string;
  headers: Record<string, string>;
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: the direct client reads the gateway's provider settings`);
  return value;
}

function settingsOf(env: Env): Record<Provider, ProviderSettings> {
  return {
    GOODACCESS: { baseUrl: required(env, 'GOODACCESS_BASE_URL'), headers: { authorization: `Bearer ${required(env, 'GOODACCESS_TOKEN')}` } },
    GITBOOK: { baseUrl: required(env, 'GITBOOK_BASE_URL'), headers: { authorization: `Bearer ${required(env, 'GITBOOK_TOKEN')}` } },
    BIRD: { baseUrl: required(env, 'BIRD_BASE_URL'), headers: { authorization: `AccessKey ${required(env, 'BIRD_ACCESS_KEY')}` } },
    // The bearer token comes from the password grant (`login`).
    CHECKMARX: { baseUrl: required(env, 'CHECKMARX_BASE_URL'), headers: { accept: 'application/json;v=1.0' } },
    CLOUDFLARE: { baseUrl: required(env, 'CLOUDFLARE_BASE_URL'), headers: { authorization: `Bearer ${required(env, 'CLOUDFLARE_API_TOKEN')}` } },
  };
}

/** CxSAST's documented resource-owner client (the gateway's default too). */
const CHECKMARX_CLIENT = { id: 'resource_owner_client', defaultSecret: '014DF517-39D1-4453-B7B3-9930C563627C' };

export class Upstream {
  private readonly settings: Record<Provider, ProviderSettings>;
  private readonly pools = new Map<Provider, { pool: Pool; basePath: string }>();

  constructor(private readonly env: Env) {
    this.settings = settingsOf(env);
    for (const [provider, settings] of Object.entries(this.settings) as Array<[Provider, ProviderSettings]>) {
      const url = new URL(settings.baseUrl);
      // No connection cap: the direct client is the best the APIs allow, not a model of the gateway's pool.
      this.pools.set(provider, { pool: new Pool(url.origin, { keepAliveTimeout: 10_000 }), basePath: url.pathname.replace(/\/+$/, '') });
    }
  }

  /** An optional setting, such as a configured organization name. */
  setting(name: string): string | undefined {
    const value = this.env[name];
    return value === '' ? undefined : value;
  }

  /** The Bird organization the access key belongs to, as configured. */
  get birdOrganizationId(): string {
    return required(this.env, 'BIRD_ORGANIZATION_ID');
  }

  /** Checkmarx's password grant, once at start (the gateway keeps its token too, so neither pays it per request). */
  async login(): Promise<void> {
    const form = new URLSearchParams({
      username: required(this.env, 'CHECKMARX_USERNAME'),
      password: required(this.env, 'CHECKMARX_PASSWORD'),
      grant_type: 'password',
      scope: 'access_control_api sast_rest_api',
      client_id: CHECKMARX_CLIENT.id,
      client_secret: this.setting('CHECKMARX_CLIENT_SECRET') ?? CHECKMARX_CLIENT.defaultSecret,
    });
    const { pool, basePath } = this.pools.get('CHECKMARX')!;
    const response = await pool.request({
      method: 'POST',
      path: `${basePath}/auth/identity/connect/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = (await response.body.json()) as { access_token?: string };
    if (response.statusCode !== 200 || !body.access_token) throw new Error(`Checkmarx refused the password grant (${response.statusCode})`);
    this.settings.CHECKMARX.headers = { ...this.settings.CHECKMARX.headers, authorization: `Bearer ${body.access_token}` };
  }

  /** One GET; the parsed JSON body, or an error naming the status. `path` is below the base URL, query included. */
  async get<T>(provider: Provider, path: string, renewed = false): Promise<T> {
    const { pool, basePath } = this.pools.get(provider)!;
    const response = await pool.request({ method: 'GET', path: basePath + path, headers: this.settings[provider].headers });
    if (response.statusCode === 401 && provider === 'CHECKMARX' && !renewed) {
      // The token lapsed: a new one, and the call once more.
      await response.body.dump();
      await this.login();
      return this.get(provider, path, true);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw new Error(`${provider} answered ${response.statusCode} to GET ${path}`);
    }
    return (await response.body.json()) as T;
  }

  /** One PUT with a JSON body; the parsed answer. */
  async put<T>(provider: Provider, path: string, json: unknown): Promise<T> {
    const { pool, basePath } = this.pools.get(provider)!;
    const response = await pool.request({
      method: 'PUT',
      path: basePath + path,
      headers: { ...this.settings[provider].headers, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw new Error(`${provider} answered ${response.statusCode} to PUT ${path}`);
    }
    return (await response.body.json()) as T;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map(({ pool }) => pool.close()));
  }
}

/** A path segment, percent-encoded (ids are data, never path syntax). */
export const seg = encodeURIComponent;
