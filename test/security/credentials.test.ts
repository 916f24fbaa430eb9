// API keys in configuration (plain or as SHA-256), the authenticator that checks them, and the security settings' validation.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSecurityConfig, parseApiKeys, secretValues, sha256Hex } from '../../src/config-security.js';
import { loadConfig } from '../../src/config.js';
import { createAuthenticator, FAILURE_MESSAGES } from '../../src/server/auth.js';

const HASHED = sha256Hex('a-key-only-the-client-holds');

describe('TEAMGRAPH_API_KEYS', () => {
  it('takes a key as it is, or as its SHA-256, with scopes and an optional persisted flag', () => {
    const keys = parseApiKeys(`dash:plain-key-0001:read;sync:sha256=${HASHED.toUpperCase()}:read+write;web:plain-key-0003:read:persisted`);
    expect(keys.map((k) => [k.name, k.sha256, [...k.scopes], k.persistedOnly])).toEqual([
      ['dash', sha256Hex('plain-key-0001'), ['read'], false],
      ['sync', HASHED, ['read', 'write'], false],
      ['web', sha256Hex('plain-key-0003'), ['read'], true],
    ]);
  });

  it.each([
    ['dash:sha256=abc:read', /64 hex digits/],
    ['dash:plain-key-0001:read:everything', /name:key:scopes or name:key:scopes:persisted/],
    ['dash:plain-key-0001:read;ops:plain-key-0001:trace', /the same key is configured twice/],
    [`dash:plain-key-0001:read;ops:sha256=${sha256Hex('plain-key-0001')}:trace`, /the same key is configured twice/],
    ['bad name!:plain-key-0001:read', /the name must be/],
  ])('refuses %j', (value, message) => {
    expect(() => parseApiKeys(value)).toThrow(message);
  });

  it('never prints a key in its messages', () => {
    try {
      parseApiKeys('dash:secret-key-value-xyz:admin');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-key-value-xyz');
    }
  });
});

describe('the authenticator', () => {
  const authenticator = createAuthenticator(parseApiKeys(`dash:plain-key-0001:read;sync:sha256=${HASHED}:read+write:persisted`), null, false);

  it('accepts a plain key and a key configured by its digest alike', async () => {
    expect(await authenticator.authenticate('Bearer plain-key-0001')).toMatchObject({
      ok: true,
      caller: { name: 'dash', via: 'api-key', persistedOnly: false },
    });
    const hashed = await authenticator.authenticate('bearer a-key-only-the-client-holds');
    expect(hashed).toMatchObject({ ok: true, caller: { name: 'sync', persistedOnly: true } });
    // The digest itself is not a key: knowing the configuration gives no access.
    expect(await authenticator.authenticate(`Bearer ${HASHED}`)).toEqual({ ok: false, failure: 'unknown-key' });
  });

  it.each([
    [null, 'missing'],
    ['', 'missing'],
    ['Bearer', 'malformed'],
    ['Basic ZGFzaDpwbGFpbi1rZXktMDAwMQ==', 'malformed'],
    ['Bearer plain-key-0001 extra', 'malformed'],
    [`Bearer ${'x'.repeat(9000)}`, 'malformed'],
    ['Bearer plain-key-0002', 'unknown-key'],
    ['Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'unknown-key'],
  ])('refuses %j as %s, with a message that names no key', async (header, failure) => {
    const outcome = await authenticator.authenticate(header);
    expect(outcome).toEqual({ ok: false, failure });
    expect(FAILURE_MESSAGES[failure as keyof typeof FAILURE_MESSAGES]).not.toContain('plain-key');
  });
});

describe('security settings', () => {
  it('defaults to development: GraphiQL and introspection on, no CORS, a random cursor key, info logs', () => {
    expect(loadSecurityConfig({})).toEqual({
      env: 'development',
      graphiql: true,
      introspection: true,
      corsOrigins: [],
      cursorSecret: null,
      trustedDocuments: null,
      jwtPersistedOnly: false,
      logLevel: 'info',
    });
  });

  it.each([
    [{ TEAMGRAPH_ENV: 'staging' }, /TEAMGRAPH_ENV must be development or production/],
    [{ TEAMGRAPH_GRAPHIQL: 'maybe' }, /TEAMGRAPH_GRAPHIQL must be on or off/],
    [{ TEAMGRAPH_CORS_ORIGINS: '*' }, /TEAMGRAPH_CORS_ORIGINS must be origins/],
    [{ TEAMGRAPH_CORS_ORIGINS: 'https://app.example.com/path' }, /TEAMGRAPH_CORS_ORIGINS must be origins/],
    [{ TEAMGRAPH_CURSOR_SECRET: 'short' }, /at least 32 characters/],
    [{ TEAMGRAPH_LOG_LEVEL: 'loud' }, /TEAMGRAPH_LOG_LEVEL must be one of/],
    [{ TEAMGRAPH_TRUSTED_DOCUMENTS: '/nonexistent/manifest.json' }, /cannot read/],
    [{ TEAMGRAPH_JWT_OPERATIONS: 'persisted' }, /needs TEAMGRAPH_TRUSTED_DOCUMENTS/],
  ])('refuses %j', (env, message) => {
    expect(() => loadSecurityConfig(env)).toThrow(ConfigError);
    expect(() => loadSecurityConfig(env)).toThrow(message);
  });

  it('takes CORS origins and a cursor key', () => {
    const config = loadSecurityConfig({ TEAMGRAPH_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173', TEAMGRAPH_CURSOR_SECRET: 'c'.repeat(32) });
    expect(config.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(config.cursorSecret?.length).toBe(32);
  });

  it('is part of loadConfig, with a persisted key refused when there is no manifest to run', () => {
    expect(loadConfig({ TEAMGRAPH_LOG_LEVEL: 'warn' }).security.logLevel).toBe('warn');
    expect(() => loadConfig({ TEAMGRAPH_API_KEYS: 'web:plain-key-0003:read:persisted' })).toThrow(/set TEAMGRAPH_TRUSTED_DOCUMENTS/);
  });

  it('knows which values are credentials, for the logger to scrub', () => {
    const values = secretValues({
      GITBOOK_TOKEN: 'gb-token-value',
      CHECKMARX_PASSWORD: 'cx-password-value',
      TEAMGRAPH_CURSOR_SECRET: 'c'.repeat(32),
      TEAMGRAPH_API_KEYS: `dash:plain-key-0001:read;sync:sha256=${HASHED}:write`,
      PORT: '4000',
    });
    expect(values.sort()).toEqual(['c'.repeat(32), 'cx-password-value', 'gb-token-value', 'plain-key-0001'].sort());
  });
});
