// The shared store as a gateway uses it: Redis while it answers, this process's memory while it does not, logged once each way.
import { MemoryStore } from './memory.js';
import type { RedisStore } from './redis.js';
import type { Admission, BudgetLimit, CacheLookup, SharedStateStatus, Store, StoreLogger } from './types.js';

/**
 * Every call goes to Redis when its connection is ready and to the local store otherwise, or when Redis fails
 * the call: a request never fails because the shared store did. One warning when Redis goes away and one line
 * when it is back; ioredis reconnects by itself. While away, budgets and the cache are this instance's own
 * (each instance spends the whole quota on its own: `providers { sharedState }` says UNREACHABLE).
 */
export class ResilientStore implements Store {
  private readonly local = new MemoryStore('UNREACHABLE');
  private away = false;
  /** Until the first connection attempt ends, a store not yet ready is not an outage worth a warning. */
  private everReady = false;

  constructor(
    private readonly shared: RedisStore,
    private readonly logger: StoreLogger,
    /** Where the store points, for the log lines (the URL without its password). */
    private readonly where: string,
  ) {
    shared.client.on('ready', () => {
      this.everReady = true;
      if (!this.away) return;
      this.away = false;
      this.logger.info({ store: where }, 'shared store reachable again: cache and rate budgets are shared across instances');
    });
    // ioredis emits 'error' on every failed reconnect: one warning per outage is enough.
    shared.client.on('error', (error: Error) => this.lost(error));
    shared.client.on('end', () => this.lost(new Error('connection closed')));
  }

  status(): SharedStateStatus {
    return this.shared.status();
  }

  cacheGet(space: string, scope: string, key: string): Promise<CacheLookup> {
    return this.either((store) => store.cacheGet(space, scope, key));
  }

  cachePut(space: string, scope: string, key: string, stamp: string, value: string, ttlMs: number): Promise<void> {
    return this.either((store) => store.cachePut(space, scope, key, stamp, value, ttlMs));
  }

  invalidate(space: string, scopes: readonly string[]): Promise<void> {
    // Bumped locally too: entries cached during an outage must not come back after it.
    return this.either(async (store) => {
      if (store !== this.local) await this.local.invalidate(space, scopes);
      await store.invalidate(space, scopes);
    });
  }

  admit(space: string, limit: BudgetLimit | null, tickets: readonly string[], holdMs: number): Promise<Admission> {
    return this.either((store) => store.admit(space, limit, tickets, holdMs));
  }

  settle(space: string, tickets: readonly string[]): Promise<void> {
    return this.either((store) => store.settle(space, tickets));
  }

  release(space: string, tickets: readonly string[]): Promise<void> {
    return this.either((store) => store.release(space, tickets));
  }

  block(space: string, waitMs: number): Promise<void> {
    // Kept locally too, so the block holds here even if Redis goes away before it ends.
    return this.either(async (store) => {
      if (store !== this.local) await this.local.block(space, waitMs);
      await store.block(space, waitMs);
    });
  }

  /** Waits (at most `timeoutMs`) for the first connection, so an instance starts on the shared state when it can. */
  async connected(timeoutMs: number): Promise<boolean> {
    if (this.shared.status() === 'SHARED') return true;
    const client = this.shared.client;
    return new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        client.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => {
        this.lost(new Error(`no connection within ${timeoutMs} ms`));
        done(false);
      }, timeoutMs);
      client.once('ready', onReady);
    });
  }

  async close(): Promise<void> {
    this.away = false;
    this.shared.client.removeAllListeners('error');
    this.shared.client.on('error', () => {});
    await this.shared.close();
    await this.local.close();
  }

  private async either<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.shared.status() !== 'SHARED') {
      const starting = !this.everReady && ['wait', 'connecting', 'connect'].includes(this.shared.client.status);
      if (!starting) this.lost(new Error(`connection ${this.shared.client.status}`));
      return work(this.local);
    }
    try {
      return await work(this.shared);
    } catch (error) {
      this.lost(error);
      return work(this.local);
    }
  }

  private lost(error: unknown): void {
    if (this.away) return;
    this.away = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ store: this.where, reason }, 'shared store unreachable: serving with this instance’s own cache and rate budgets until it is back');
  }
}
