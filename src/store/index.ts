// Picks the store from configuration: Redis (with a local fallback) when a URL is given, else this process's memory.
import { MemoryStore } from './memory.js';
import { ResilientStore } from './resilient.js';
import type { Store, StoreLogger } from './types.js';

export type { Admission, BudgetLimit, SharedStateStatus, Store, StoreLogger } from './types.js';
export { MemoryStore };

export interface StoreOptions {
  /** TEAMGRAPH_REDIS_URL: redis:// or rediss://; null for the in-memory store. */
  redisUrl: string | null;
  logger: StoreLogger;
  keyPrefix?: string;
}

/** The URL without user and password, for log lines. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** Resolves once the store can serve shared state, or after `timeoutMs` (then it serves locally and says so once). */
export async function storeConnected(store: Store, timeoutMs = 2_000): Promise<boolean> {
  return store instanceof ResilientStore ? store.connected(timeoutMs) : true;
}

/** Async: ioredis loads only when a Redis URL is configured; an in-memory store never loads it. */
export async function createStore(options: StoreOptions): Promise<Store> {
  if (options.redisUrl === null) return new MemoryStore('LOCAL');
  const { RedisStore } = await import('./redis.js');
  const redis = new RedisStore({ url: options.redisUrl, ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}) });
  return new ResilientStore(redis, options.logger, describeRedisUrl(options.redisUrl));
}
