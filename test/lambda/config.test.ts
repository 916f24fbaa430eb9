// The transport settings: TEAMGRAPH_TRANSPORT and the lambda transport's variables, defaults and mistakes.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadConnectorConfig } from '../../src/config.js';

const keys = { TEAMGRAPH_API_KEYS: 'dashboard:k3y-0001:read' };

function failure(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('a bad configuration was accepted');
}

describe('the transport setting', () => {
  it('is inline by default, with no lambda settings', () => {
    expect(loadConfig({})).toMatchObject({ transport: 'inline', lambda: null });
  });

  it("reads the lambda transport with its defaults: every provider, teamgraph-dev-, 13 s, AWS's endpoint", () => {
    const config = loadConfig({ ...keys, TEAMGRAPH_TRANSPORT: 'lambda' });
    expect(config.lambda).toEqual({
      providers: ['GOODACCESS', 'GITBOOK', 'BIRD', 'CHECKMARX', 'CLOUDFLARE'],
      functionPrefix: 'teamgraph-dev-',
      timeoutMs: 13_000,
    });
  });

  it('reads every lambda variable', () => {
    const config = loadConfig({
      ...keys,
      TEAMGRAPH_TRANSPORT: 'lambda',
      TEAMGRAPH_CONNECTORS: 'gitbook, CLOUDFLARE',
      TEAMGRAPH_CONNECTOR_PREFIX: 'arn:aws:lambda:eu-west-1:123456789012:function:teamgraph-prod-',
      TEAMGRAPH_LAMBDA_ENDPOINT: 'http://127.0.0.1:3002/',
      TEAMGRAPH_LAMBDA_TIMEOUT_MS: '5000',
    });
    expect(config.lambda).toEqual({
      providers: ['GITBOOK', 'CLOUDFLARE'],
      functionPrefix: 'arn:aws:lambda:eu-west-1:123456789012:function:teamgraph-prod-',
      endpoint: 'http://127.0.0.1:3002',
      timeoutMs: 5000,
    });
  });

  it('needs API keys unless TEAMGRAPH_SANDBOX=on says the connectors serve a sandbox', () => {
    expect(failure(() => loadConfig({ TEAMGRAPH_TRANSPORT: 'lambda' }))).toMatch(/TEAMGRAPH_API_KEYS is required/);
    expect(loadConfig({ TEAMGRAPH_TRANSPORT: 'lambda', TEAMGRAPH_SANDBOX: 'on' }).apiKeys).toEqual([]);
    expect(loadConfig({ ...keys, TEAMGRAPH_TRANSPORT: 'lambda', TEAMGRAPH_SANDBOX: 'off' }).transport).toBe('lambda');
  });

  it.each([
    [{ TEAMGRAPH_TRANSPORT: 'http' }, /TEAMGRAPH_TRANSPORT must be inline or lambda/],
    [{ ...keys, TEAMGRAPH_TRANSPORT: 'lambda', GITBOOK_TOKEN: 'gb' }, /provider credentials belong to the connector functions; unset those of GITBOOK/],
    [{ ...keys, TEAMGRAPH_TRANSPORT: 'lambda', TEAMGRAPH_CONNECTORS: 'GITBOOK,JIRA' }, /TEAMGRAPH_CONNECTORS must list providers/],
    [
      { ...keys, TEAMGRAPH_TRANSPORT: 'lambda', TEAMGRAPH_CONNECTOR_PREFIX: 'team graph/' },
      /TEAMGRAPH_CONNECTOR_PREFIX must be the start of a Lambda function name/,
    ],
    [{ ...keys, TEAMGRAPH_TRANSPORT: 'lambda', TEAMGRAPH_LAMBDA_TIMEOUT_MS: '13s' }, /TEAMGRAPH_LAMBDA_TIMEOUT_MS must be milliseconds/],
    [{ ...keys, TEAMGRAPH_TRANSPORT: 'lambda', TEAMGRAPH_LAMBDA_ENDPOINT: 'localhost:3002' }, /TEAMGRAPH_LAMBDA_ENDPOINT must be an http\(s\) URL/],
  ])('refuses %j', (env, message) => {
    expect(failure(() => loadConfig(env))).toMatch(message);
  });
});

describe("a connector's configuration", () => {
  it("names its provider and reads that provider's credentials", () => {
    const config = loadConnectorConfig({ TEAMGRAPH_CONNECTOR_PROVIDER: 'gitbook', GITBOOK_TOKEN: 'gb' });
    expect(config.provider).toBe('GITBOOK');
    expect(config.providers.GITBOOK).toEqual({ baseUrl: 'https://api.gitbook.com/v1', token: 'gb' });
  });

  it('stops with the variable to set when the provider is missing or unknown', () => {
    expect(failure(() => loadConnectorConfig({}))).toMatch(/TEAMGRAPH_CONNECTOR_PROVIDER must name the provider/);
    expect(failure(() => loadConnectorConfig({ TEAMGRAPH_CONNECTOR_PROVIDER: 'jira' }))).toMatch(/one of GOODACCESS, GITBOOK/);
  });
});
