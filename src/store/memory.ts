// The in-memory store: the default for one process (npm start, tests), and where a gateway falls back when Redis is unreachable.
import type { Admission, BudgetLimit, CacheLookup, SharedStateStatus, Store } from './types.js';

/** Entries kept at most; the oldest go first (a cache of short-lived pages, not a database). */
const MAX_CACHE_ENTRIES = 20_000;

interface Space {
  generations: Map<string, number>;
  cache: Map<string, { stamp: string; value: string; expiresAt: number }>;
  /** Ticket -> when it was taken or answered: the sliding window's log. */
  tickets: Map<string, number>;
  blockedUntil: number;
}

export class MemoryStore implements Store {
  private readonly spaces = new Map<string, Space>();
  private cacheEntries = 0;

  constructor(
    private readonly kind: SharedStateStatus = 'LOCAL',
    private readonly now: () => number = Date.now,
  ) {}

  status(): SharedStateStatus {
    return this.kind;
  }

  async cacheGet(space: string, scope: string, key: string): Promise<CacheLookup> {
    const s = this.space(space);
    const stamp = this.stampOf(s, scope);
    const entry = s.cache.get(`${scope}\n${key}`);
    if (!entry) return { value: null, stamp };
    if (entry.expiresAt <= this.now()) {
      s.cache.delete(`${scope}\n${key}`);
      this.cacheEntries -= 1;
      return { value: null, stamp };
    }
    return { value: entry.stamp === stamp ? entry.value : null, stamp };
  }

  async cachePut(space: string, scope: string, key: string, stamp: string, value: string, ttlMs: number): Promise<void> {
    const s = this.space(space);
    if (this.stampOf(s, scope) !== stamp || ttlMs <= 0) return;
    const id = `${scope}\n${key}`;
    if (!s.cache.has(id)) {
      this.cacheEntries += 1;
      if (this.cacheEntries > MAX_CACHE_ENTRIES) this.evictOldest();
    }
    s.cache.delete(id); // re-inserted last: Map order is the eviction order
    s.cache.set(id, { stamp, value, expiresAt: this.now() + ttlMs });
  }

  async invalidate(space: string, scopes: readonly string[]): Promise<void> {
    const s = this.space(space);
    for (const scope of scopes) s.generations.set(scope, (s.generations.get(scope) ?? 0) + 1);
  }

  async admit(space: string, limit: BudgetLimit | null, tickets: readonly string[], holdMs: number): Promise<Admission> {
    const s = this.space(space);
    const now = this.now();
    if (s.blockedUntil > now) return { granted: false, waitMs: s.blockedUntil - now };
    if (limit === null) return { granted: true };
    for (const [ticket, at] of s.tickets) if (at <= now - limit.windowMs) s.tickets.delete(ticket);
    const used = s.tickets.size;
    if (used + tickets.length > limit.quota) {
      if (tickets.length > limit.quota) return { granted: false, waitMs: -1 };
      // The slot that frees enough room is the (used + n - quota)-th oldest.
      const times = [...s.tickets.values()].sort((a, b) => a - b);
      // A ticket still in flight frees a window after its answer, which comes no sooner than now.
      const freeing = Math.min(now, times[used + tickets.length - limit.quota - 1] ?? now);
      return { granted: false, waitMs: Math.max(1, freeing + limit.windowMs - now + 1) };
    }
    for (const ticket of tickets) s.tickets.set(ticket, now + Math.max(0, holdMs));
    return { granted: true };
  }

  async settle(space: string, tickets: readonly string[]): Promise<void> {
    const s = this.space(space);
    const now = this.now();
    for (const ticket of tickets) if (s.tickets.has(ticket)) s.tickets.set(ticket, now);
  }

  async release(space: string, tickets: readonly string[]): Promise<void> {
    const s = this.space(space);
    for (const ticket of tickets) s.tickets.delete(ticket);
  }

  async block(space: string, waitMs: number): Promise<void> {
    const s = this.space(space);
    s.blockedUntil = Math.max(s.blockedUntil, this.now() + waitMs);
  }

  async close(): Promise<void> {
    this.spaces.clear();
  }

  private space(id: string): Space {
    let space = this.spaces.get(id);
    if (!space) {
      space = { generations: new Map(), cache: new Map(), tickets: new Map(), blockedUntil: 0 };
      this.spaces.set(id, space);
    }
    return space;
  }

  private stampOf(space: Space, scope: string): string {
    return `${space.generations.get('*') ?? 0}.${space.generations.get(scope) ?? 0}`;
  }

  private evictOldest(): void {
    for (const space of this.spaces.values()) {
      const oldest = space.cache.keys().next();
      if (!oldest.done) {
        space.cache.delete(oldest.value);
        this.cacheEntries -= 1;
        return;
      }
    }
  }
}
