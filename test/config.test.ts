// Environment to configuration: every provider's variables, defaults, and a clear stop on each kind of mistake.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseApiKeys } from '../src/config.js';

const keys = { TEAMGRAPH_API_KEYS: 'dashboard:k3y-0001:read;sync:k3y-0002:read+write+trace' };

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted a bad configuration');
}

describe('loadConfig', () => {
  it('defaults to port 4000 and the sandbox when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({ port: 4000, host: '127.0.0.1', sandbox: 'auto', providers: {}, apiKeys: [] });
    expect(loadConfig({ TEAMGRAPH_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads every provider with its default base URL', () => {
    const config = loadConfig({
      ...keys,
      PORT: '8080',
      GOODACCESS_TOKEN: 'ga-token',
      GOODACCESS_TENANT_NAME: 'Acme VPN',
      GITBOOK_TOKEN: 'gb-token',
      BIRD_ACCESS_KEY: 'bird-key',
      BIRD_ORGANIZATION_ID: '8f0e5ce3-3cca-400a-85db-9c40a7faddb7',
      CHECKMARX_BASE_URL: 'https://cx.example.com/cxrestapi/',
      CHECKMARX_USERNAME: 'svc-teamgraph',
      CHECKMARX_PASSWORD: 'cx-password',
      CLOUDFLARE_API_TOKEN: 'cf-token',
    });
    expect(config.port).toBe(8080);
    expect(config.providers).toEqual({
      GOODACCESS: { baseUrl: 'https://integration.goodaccess.com/api/v1', token: 'ga-token', organizationName: 'Acme VPN' },
      GITBOOK: { baseUrl: 'https://api.gitbook.com/v1', token: 'gb-token' },
      BIRD: { baseUrl: 'https://api.bird.com', accessKey: 'bird-key', organizationId: '8f0e5ce3-3cca-400a-85db-9c40a7faddb7' },
      CHECKMARX: { baseUrl: 'https://cx.example.com/cxrestapi', username: 'svc-teamgraph', password: 'cx-password' },
      CLOUDFLARE: { baseUrl: 'https://api.cloudflare.com/client/v4', token: 'cf-token' },
    });
    expect(config.apiKeys.map((k) => [k.name, [...k.scopes]])).toEqual([
      ['dashboard', ['read']],
      ['sync', ['read', 'write', 'trace']],
    ]);
  });

  it('lets base URLs be overridden (how tests point adapters at the sandbox)', () => {
    const config = loadConfig({ ...keys, GITBOOK_TOKEN: 't', GITBOOK_BASE_URL: 'http://127.0.0.1:4102/v1' });
    expect(config.providers.GITBOOK?.baseUrl).toBe('http://127.0.0.1:4102/v1');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ PORT: '70000' }, /PORT must be a port number/],
    [{ TEAMGRAPH_HOST: 'example.com' }, /TEAMGRAPH_HOST must be an IP address/],
    [{ TEAMGRAPH_SANDBOX: 'maybe' }, /TEAMGRAPH_SANDBOX must be auto, on or off/],
    [{ ...keys, BIRD_ACCESS_KEY: 'k' }, /Bird is half configured: set BIRD_ORGANIZATION_ID/],
    [{ ...keys, CHECKMARX_USERNAME: 'u', CHECKMARX_PASSWORD: 'p' }, /Checkmarx is half configured: set CHECKMARX_BASE_URL/],
    [{ ...keys, GITBOOK_TOKEN: 't', GITBOOK_BASE_URL: 'ftp://x' }, /GITBOOK_BASE_URL must be an http\(s\) URL/],
    [{ GITBOOK_TOKEN: 't' }, /TEAMGRAPH_API_KEYS is required with real providers/],
    [{ ...keys, GITBOOK_TOKEN: 't', TEAMGRAPH_SANDBOX: 'on' }, /unset the credentials of GITBOOK/],
    [{ TEAMGRAPH_SANDBOX: 'off' }, /no provider is configured/],
  ])('stops on %j naming the setting', (env, message) => {
    expect(failure(env)).toMatch(message);
  });

  it('never repeats a secret in its messages', () => {
    const message = failure({ GITBOOK_TOKEN: 'super-secret-gitbook-token' });
    expect(message).not.toContain('super-secret-gitbook-token');
  });
});

describe('parseApiKeys', () => {
  it.each([
    ['dashboard:k3y-0001', /must be name:key:scopes/],
    ['a:b:c:d', /must be name:key:scopes/],
    ['dashboard:short:read', /at least 8 characters/],
    ['dashboard:k3y-0001:admin', /unknown scope admin/],
  ])('refuses %j', (value, message) => {
    expect(() => parseApiKeys(value)).toThrow(message);
  });
});

describe('TEAMGRAPH_WRITE_CONCURRENCY', () => {
  it('defaults to 4 and takes a whole number from 1 to 16', () => {
    expect(loadConfig({}).writeConcurrency).toBe(4);
    expect(loadConfig({ TEAMGRAPH_WRITE_CONCURRENCY: '8' }).writeConcurrency).toBe(8);
    for (const bad of ['0', '17', 'four', '2.5']) {
      expect(failure({ TEAMGRAPH_WRITE_CONCURRENCY: bad })).toMatch(/TEAMGRAPH_WRITE_CONCURRENCY must be a whole number from 1 to 16/);
    }
  });
});
