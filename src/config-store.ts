// The shared store's settings: TEAMGRAPH_REDIS_URL, TEAMGRAPH_CACHE_TTL and TEAMGRAPH_RATE_BUDGETS, checked at start-up.
import { isProviderId, PROVIDER_IDS, PROVIDERS, type ProviderId } from './providers/catalog.js';
import { ConfigError, read } from './config-security.js';
import type { BudgetLimit } from './store/index.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface StoreSettings {
  /** How long a provider's reads stay cached (0: not cached). */
  cacheTtlMs: Record<ProviderId, number>;
  /** Each provider credential's quota across every instance; null: none (429s and lockouts still hold every instance back). */
  budgets: Record<ProviderId, BudgetLimit | null>;
}

export interface StoreConfig {
  /** redis:// or rediss://; null: each process keeps its cache and budgets in memory. */
  redisUrl: string | null;
  /** With real providers: the variables over the defaults (a 30 s cache, the documented quotas). */
  live: StoreSettings;
  /** On the sandbox: only what the variables set, so a trace shows each request's real cost unless asked otherwise. */
  sandbox: StoreSettings;
  /** Whether any of the three variables is set: on the sandbox, none set means no shared state at all (as before it existed). */
  configured: boolean;
}

export const DEFAULT_CACHE_TTL_MS = 30_000;

/**
 * The documented quotas (docs/providers/*.md): Cloudflare 1,200 calls per 5 minutes per token, and the only figure
 * GitBook publishes (its rate-limiting page's example, 60 a minute; its headers say more, and stop every instance when
 * they say the quota is spent). GoodAccess, Bird and Checkmarx document none: set one in TEAMGRAPH_RATE_BUDGETS.
 */
export const DOCUMENTED_BUDGETS: Readonly<Partial<Record<ProviderId, BudgetLimit>>> = Object.fromEntries(
  PROVIDERS.flatMap((profile) =>
    profile.documentedQuota ? [[profile.id, { quota: profile.documentedQuota.quota, windowMs: profile.documentedQuota.windowMs }]] : [],
  ),
);

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000 } as const;

/** `250ms`, `30s`, `5m`, or `0`; undefined when it is none of these. */
function durationMs(text: string): number | undefined {
  if (text === '0') return 0;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** `PROVIDER=value` entries separated by `;`, each provider named once; the first entry may be a bare default. */
function entries(variable: string, text: string, example: string): Array<{ provider: ProviderId | null; value: string; part: string }> {
  const parts = text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const seen = new Set<string>();
  return parts.map((part, index) => {
    const at = part.indexOf('=');
    if (at === -1) {
      if (index !== 0) throw new ConfigError(`${variable}: "${part}" needs a provider, as in ${example}`);
      return { provider: null, value: part, part };
    }
    const name = part.slice(0, at).trim().toUpperCase();
    if (!isProviderId(name)) throw new ConfigError(`${variable}: "${part}" names no provider (one of ${PROVIDER_IDS.join(', ')})`);
    if (seen.has(name)) throw new ConfigError(`${variable}: ${name} is given twice`);
    seen.add(name);
    return { provider: name, value: part.slice(at + 1).trim(), part };
  });
}

function parseCacheTtl(text: string | undefined, fallback: number): Record<ProviderId, number> {
  const ttl = Object.fromEntries(PROVIDER_IDS.map((id) => [id, fallback])) as Record<ProviderId, number>;
  if (text === undefined) return ttl;
  const example = `30s;${PROVIDER_IDS[0]}=10s;${PROVIDER_IDS[1]}=0`;
  const given = entries('TEAMGRAPH_CACHE_TTL', text, example);
  for (const { provider, value, part } of given) {
    const ms = durationMs(value);
    if (ms === undefined || ms > 3_600_000) {
      throw new ConfigError(`TEAMGRAPH_CACHE_TTL: "${part}" must be a duration up to 1 hour (250ms, 30s, 5m) or 0 for no cache, as in ${example}`);
    }
    if (provider === null) for (const id of PROVIDER_IDS) ttl[id] = ms;
    else ttl[provider] = ms;
  }
  return ttl;
}

function parseBudgets(text: string | undefined, defaults: Partial<Record<ProviderId, BudgetLimit>>): Record<ProviderId, BudgetLimit | null> {
  const budgets = Object.fromEntries(PROVIDER_IDS.map((id) => [id, defaults[id] ?? null])) as Record<ProviderId, BudgetLimit | null>;
  if (text === undefined) return budgets;
  const example = `${PROVIDER_IDS[0]}=1200/300s;${PROVIDER_IDS[1]}=off`;
  for (const { provider, value, part } of entries('TEAMGRAPH_RATE_BUDGETS', text, example)) {
    if (provider === null && value.toLowerCase() === 'off') {
      // A bare `off` first: no budget unless a later entry names one.
      for (const id of PROVIDER_IDS) budgets[id] = null;
      continue;
    }
    if (provider === null) throw new ConfigError(`TEAMGRAPH_RATE_BUDGETS: "${part}" needs a provider, as in ${example}`);
    if (value.toLowerCase() === 'off') {
      budgets[provider] = null;
      continue;
    }
    const [quotaText = '', windowText = ''] = value.split('/');
    const quota = Number(quotaText);
    const windowMs = durationMs(windowText.trim());
    if (!/^\d+$/.test(quotaText.trim()) || quota < 1 || quota > 1_000_000 || windowMs === undefined || windowMs < 10 || windowMs > 86_400_000) {
      throw new ConfigError(
        `TEAMGRAPH_RATE_BUDGETS: "${part}" must be calls per window (a whole number from 1, a window from 10ms to 24h) or off, as in ${example}`,
      );
    }
    budgets[provider] = { quota, windowMs };
  }
  return budgets;
}

function parseRedisUrl(text: string | undefined): string | null {
  if (text === undefined) return null;
  let protocol = '';
  try {
    protocol = new URL(text).protocol;
  } catch {
    // Not echoed: the URL may carry the password.
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ConfigError('TEAMGRAPH_REDIS_URL must be a redis:// or rediss:// (TLS) URL, such as rediss://default:<password>@cache.example.com:6379');
  }
  return text;
}

export function loadStoreConfig(env: Env): StoreConfig {
  const ttl = read(env, 'TEAMGRAPH_CACHE_TTL');
  const budgets = read(env, 'TEAMGRAPH_RATE_BUDGETS');
  return {
    redisUrl: parseRedisUrl(read(env, 'TEAMGRAPH_REDIS_URL')),
    live: { cacheTtlMs: parseCacheTtl(ttl, DEFAULT_CACHE_TTL_MS), budgets: parseBudgets(budgets, DOCUMENTED_BUDGETS) },
    sandbox: { cacheTtlMs: parseCacheTtl(ttl, 0), budgets: parseBudgets(budgets, {}) },
    configured: [ttl, budgets, read(env, 'TEAMGRAPH_REDIS_URL')].some((value) => value !== undefined),
  };
}
