// The store's settings are checked at start-up like every other: defaults, overrides, and errors that name the bad part.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { secretValues } from '../../src/config-security.js';
import { DEFAULT_CACHE_TTL_MS, loadStoreConfig } from '../../src/config-store.js';
import { sandboxLimitsFromEnv } from '../../src/sandbox/core/limits.js';

describe('store settings', () => {
  it('default to memory and, with real providers, a 30 s cache and the documented quotas; on the sandbox, neither', () => {
    const { redisUrl, live, sandbox } = loadConfig({}).store;
    expect(redisUrl).toBeNull();
    expect(Object.values(live.cacheTtlMs)).toEqual(Array(5).fill(DEFAULT_CACHE_TTL_MS));
    expect(live.budgets.CLOUDFLARE).toEqual({ quota: 1200, windowMs: 300_000 });
    expect(live.budgets.GITBOOK).toEqual({ quota: 60, windowMs: 60_000 });
    expect([live.budgets.GOODACCESS, live.budgets.BIRD, live.budgets.CHECKMARX]).toEqual([null, null, null]);
    expect(Object.values(sandbox.cacheTtlMs)).toEqual(Array(5).fill(0));
    expect(Object.values(sandbox.budgets)).toEqual(Array(5).fill(null));
  });

  it('take overrides per provider, a default TTL, compressed windows and off', () => {
    const { redisUrl, live, sandbox } = loadStoreConfig({
      TEAMGRAPH_REDIS_URL: 'rediss://default:pw@cache.example.com:6379',
      TEAMGRAPH_CACHE_TTL: '500ms;gitbook=0;CLOUDFLARE=2m',
      TEAMGRAPH_RATE_BUDGETS: 'CLOUDFLARE=1200/5s; BIRD=10/1m; GITBOOK=off',
    });
    expect(redisUrl).toBe('rediss://default:pw@cache.example.com:6379');
    for (const settings of [live, sandbox]) {
      expect(settings.cacheTtlMs).toEqual({ GOODACCESS: 500, GITBOOK: 0, BIRD: 500, CHECKMARX: 500, CLOUDFLARE: 120_000 });
      expect(settings.budgets.CLOUDFLARE).toEqual({ quota: 1200, windowMs: 5_000 });
      expect(settings.budgets.BIRD).toEqual({ quota: 10, windowMs: 60_000 });
      expect(settings.budgets.GITBOOK).toBeNull();
    }
    expect(live.budgets.GOODACCESS).toBeNull();
    expect(Object.values(loadStoreConfig({ TEAMGRAPH_RATE_BUDGETS: 'off;BIRD=5/1s' }).live.budgets)).toEqual([
      null,
      null,
      { quota: 5, windowMs: 1000 },
      null,
      null,
    ]);
  });

  it.each([
    [{ TEAMGRAPH_RATE_BUDGETS: 'CLOUDFLAR=1200/300s' }, /"CLOUDFLAR=1200\/300s" names no provider/],
    [{ TEAMGRAPH_RATE_BUDGETS: 'CLOUDFLARE=1200' }, /"CLOUDFLARE=1200" must be calls per window/],
    [{ TEAMGRAPH_RATE_BUDGETS: 'GITBOOK=0/60s' }, /"GITBOOK=0\/60s" must be calls per window/],
    [{ TEAMGRAPH_RATE_BUDGETS: 'GITBOOK=60/1h' }, /"GITBOOK=60\/1h" must be calls per window/],
    [{ TEAMGRAPH_RATE_BUDGETS: '1200/300s' }, /"1200\/300s" needs a provider/],
    [{ TEAMGRAPH_RATE_BUDGETS: 'BIRD=1/1s;BIRD=2/1s' }, /BIRD is given twice/],
    [{ TEAMGRAPH_CACHE_TTL: '30' }, /TEAMGRAPH_CACHE_TTL: "30" must be a duration/],
    [{ TEAMGRAPH_CACHE_TTL: '30s;10s' }, /"10s" needs a provider/],
    [{ TEAMGRAPH_CACHE_TTL: 'BIRD=2h' }, /"BIRD=2h" must be a duration up to 1 hour/],
  ])('refuse %j, naming the bad part', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuse a Redis URL of another scheme without repeating it (it may carry a password)', () => {
    const attempt = () => loadConfig({ TEAMGRAPH_REDIS_URL: 'http://user:hunter2-canary-password@cache:6379' });
    expect(attempt).toThrow(/TEAMGRAPH_REDIS_URL must be a redis:\/\/ or rediss:\/\//);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('keep the Redis password out of every log line', () => {
    expect(secretValues({ TEAMGRAPH_REDIS_URL: 'rediss://default:s%40cret-pass@cache:6379' })).toEqual(['s%40cret-pass', 's@cret-pass']);
  });
});

describe('sandbox limits', () => {
  it('are off at normal speed by default, and read SANDBOX_ENFORCE_LIMITS and SANDBOX_TIME_SCALE', () => {
    expect(sandboxLimitsFromEnv({})).toEqual({ enforce: false, timeScale: 1 });
    expect(sandboxLimitsFromEnv({ SANDBOX_ENFORCE_LIMITS: '1', SANDBOX_TIME_SCALE: '60' })).toEqual({ enforce: true, timeScale: 60 });
    expect(() => sandboxLimitsFromEnv({ SANDBOX_ENFORCE_LIMITS: 'yes' })).toThrow(/SANDBOX_ENFORCE_LIMITS must be 1 or 0/);
    expect(() => sandboxLimitsFromEnv({ SANDBOX_TIME_SCALE: '0.5' })).toThrow(/SANDBOX_TIME_SCALE must be a number from 1 to 3600/);
  });
});
