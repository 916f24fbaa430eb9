// The Redis store (Redis, Valkey, ElastiCache, any server that speaks the protocol) through ioredis, every update one Lua script.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { ADMIT, BLOCK, CACHE_GET, CACHE_PUT, INVALIDATE, SETTLE } from './scripts.js';
import type { Admission, BudgetLimit, CacheLookup, SharedStateStatus, Store } from './types.js';

/** The scripts as commands: ioredis sends EVALSHA and falls back to EVAL once when the server lacks the script. */
interface ScriptCommands {
  tgCacheGet(generations: string, entry: string, scope: string): Promise<[string, string?]>;
  tgCachePut(generations: string, entry: string, scope: string, stamp: string, value: string, ttlMs: number): Promise<number>;
  tgInvalidate(generations: string, ...scopes: string[]): Promise<number>;
  tgAdmit(log: string, blocked: string, quota: number, windowMs: number, holdMs: number, ...tickets: string[]): Promise<[number, number]>;
  tgSettle(log: string, ...tickets: string[]): Promise<number>;
  tgBlock(blocked: string, waitMs: number): Promise<number>;
}

export interface RedisStoreOptions {
  /** redis:// or rediss:// (TLS). */
  url: string;
  /** Prefix of every key, so several deployments can share one server. */
  keyPrefix?: string;
  /** A command slower than this fails (and the gateway serves on its local store meanwhile). */
  commandTimeoutMs?: number;
}

export class RedisStore implements Store {
  readonly client: Redis;
  private readonly commands: ScriptCommands;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.keyPrefix ?? 'teamgraph';
    this.client = new Redis(options.url, {
      // Fail at once while disconnected instead of queueing: the caller serves from its local store meanwhile.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      connectTimeout: 2_000,
      // Keep trying to come back, never more than 2 s apart.
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.client.defineCommand('tgCacheGet', { numberOfKeys: 2, lua: CACHE_GET });
    this.client.defineCommand('tgCachePut', { numberOfKeys: 2, lua: CACHE_PUT });
    this.client.defineCommand('tgInvalidate', { numberOfKeys: 1, lua: INVALIDATE });
    this.client.defineCommand('tgAdmit', { numberOfKeys: 2, lua: ADMIT });
    this.client.defineCommand('tgSettle', { numberOfKeys: 1, lua: SETTLE });
    this.client.defineCommand('tgBlock', { numberOfKeys: 1, lua: BLOCK });
    // defineCommand adds methods ioredis' types cannot know; ScriptCommands names them with their arguments.
    this.commands = this.client as unknown as ScriptCommands;
  }

  status(): SharedStateStatus {
    return this.client.status === 'ready' ? 'SHARED' : 'UNREACHABLE';
  }

  async cacheGet(space: string, scope: string, key: string): Promise<CacheLookup> {
    const [stamp, value] = await this.commands.tgCacheGet(this.key(space, 'gen'), this.entryKey(space, scope, key), scope);
    return { stamp, value: value ?? null };
  }

  async cachePut(space: string, scope: string, key: string, stamp: string, value: string, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    await this.commands.tgCachePut(this.key(space, 'gen'), this.entryKey(space, scope, key), scope, stamp, value, Math.ceil(ttlMs));
  }

  async invalidate(space: string, scopes: readonly string[]): Promise<void> {
    if (scopes.length > 0) await this.commands.tgInvalidate(this.key(space, 'gen'), ...scopes);
  }

  async admit(space: string, limit: BudgetLimit | null, tickets: readonly string[], holdMs: number): Promise<Admission> {
    const [granted, waitMs] = await this.commands.tgAdmit(
      this.key(space, 'budget'),
      this.key(space, 'blocked'),
      limit?.quota ?? 0,
      Math.ceil(limit?.windowMs ?? 0),
      Math.max(0, Math.ceil(holdMs)),
      ...tickets,
    );
    return granted === 1 ? { granted: true } : { granted: false, waitMs };
  }

  async settle(space: string, tickets: readonly string[]): Promise<void> {
    if (tickets.length > 0) await this.commands.tgSettle(this.key(space, 'budget'), ...tickets);
  }

  async release(space: string, tickets: readonly string[]): Promise<void> {
    if (tickets.length > 0) await this.client.zrem(this.key(space, 'budget'), ...tickets);
  }

  async block(space: string, waitMs: number): Promise<void> {
    if (waitMs > 0) await this.commands.tgBlock(this.key(space, 'blocked'), Math.ceil(waitMs));
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }

  /** `{space}` is a hash tag: a credential's keys share one cluster slot, as scripts need. */
  private key(space: string, name: string): string {
    return `${this.prefix}:{${space}}:${name}`;
  }

  /** Request shapes can be long (paths, queries): the key holds their digest. */
  private entryKey(space: string, scope: string, key: string): string {
    return this.key(space, `c:${createHash('sha256').update(`${scope}\n${key}`).digest('base64url')}`);
  }
}
