// The shared store's contract: a read cache stamped with invalidation generations, and rate budgets, per credential space.

/**
 * Where a provider's cache and rate budget live, as this instance sees it: `SHARED` in the shared store (Redis),
 * `LOCAL` in this process because no shared store is configured, `UNREACHABLE` in this process because the
 * configured shared store cannot be reached (until it can again).
 */
export type SharedStateStatus = 'SHARED' | 'LOCAL' | 'UNREACHABLE';

/** A quota: at most `quota` calls in any `windowMs` (a sliding window, so it holds for any alignment the provider uses). */
export interface BudgetLimit {
  quota: number;
  windowMs: number;
}

/** The answer to asking the budget for calls: granted, or how long until they would be (-1: never, more than the quota). */
export type Admission = { granted: true } | { granted: false; waitMs: number };

/** A cache read: the value stored under the scope's current generations, if any, and those generations (the stamp). */
export interface CacheLookup {
  value: string | null;
  stamp: string;
}

/**
 * Every key lives in a `space`: one provider credential (a hash of it, never the secret). Cached entries also
 * belong to a `scope` (an organization, or the credential's top level): invalidating a scope makes every entry
 * read under it stale on every instance, because an entry is served only while the generations it was stored
 * under are current. Implementations are atomic per call (Lua scripts on Redis).
 */
export interface Store {
  status(): SharedStateStatus;
  cacheGet(space: string, scope: string, key: string): Promise<CacheLookup>;
  /** Stores `value` unless the scope was invalidated since `stamp` was read (a read that crossed a write is not kept). */
  cachePut(space: string, scope: string, key: string, stamp: string, value: string, ttlMs: number): Promise<void>;
  /** Bumps the generations of `scopes`; the scope `*` stands for the whole space. */
  invalidate(space: string, scopes: readonly string[]): Promise<void>;
  /**
   * Takes one slot of the budget per ticket, all or none, unless the space is blocked; tickets are unique ids
   * (a call, or a reservation's calls). With `limit` null only the block applies. A ticket counts as taken
   * `holdMs` from now until it is settled: a call still in flight (queued, slow) never leaves the window unseen.
   */
  admit(space: string, limit: BudgetLimit | null, tickets: readonly string[], holdMs: number): Promise<Admission>;
  /** Re-dates tickets to now, when their call has been answered: the provider counted it at some point until now. */
  settle(space: string, tickets: readonly string[]): Promise<void>;
  /** Gives back tickets whose calls were never sent (the unused part of a reservation). */
  release(space: string, tickets: readonly string[]): Promise<void>;
  /** Refuses every call of the space for `waitMs` (a 429 or a lockout seen by any instance); never shortens a block. */
  block(space: string, waitMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The part of a pino logger the store writes to. */
export interface StoreLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}
