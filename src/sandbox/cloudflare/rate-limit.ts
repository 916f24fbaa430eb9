// Cloudflare's budget (1200 requests per 5 minutes, then a 5-minute lockout) and its Ratelimit headers.

export interface RateLimitOptions {
  quota: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { quota: 1200, windowSeconds: 300, lockoutSeconds: 300 };

/**
 * Without enforcement the headers still appear, with a quota no run can spend (as GitBook's simulator does): a
 * client that rightly stops at `r=0` would otherwise stop calling an unthrottled sandbox for 5 minutes.
 */
export const UNENFORCED_RATE_LIMIT: RateLimitOptions = { quota: 1_000_000_000, windowSeconds: 300, lockoutSeconds: 300 };

/**
 * One fixed window for the whole sandbox: every credential it accepts belongs to the one sandbox user, and
 * the real budget is per user. [infer] The window starts with the first request after the previous one ended.
 */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;
  private lockedUntil = 0;

  constructor(
    readonly options: RateLimitOptions,
    /** Off: headers still report a budget, but nothing is refused (tests and benchmarks stay unthrottled). */
    readonly enforced: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns the seconds to wait when it must be refused (enforced mode only). */
  consume(): number | null {
    const now = this.now();
    if (this.enforced && now < this.lockedUntil) return secondsUntil(this.lockedUntil, now);
    this.roll(now);
    this.used += 1;
    if (this.enforced && this.used > this.options.quota) {
      // Going over the budget blocks every call for the lockout period [doc].
      this.lockedUntil = now + this.options.lockoutSeconds * 1000;
      return this.options.lockoutSeconds;
    }
    return null;
  }

  /** `Ratelimit` and `Ratelimit-Policy` as Cloudflare sends them on every response [doc]. */
  headers(): Record<string, string> {
    const now = this.now();
    const { quota, windowSeconds } = this.options;
    const locked = this.enforced && now < this.lockedUntil;
    const current = this.windowStart !== 0 && now < this.windowStart + windowSeconds * 1000;
    const remaining = locked ? 0 : current ? Math.max(0, quota - this.used) : quota;
    const reset = locked ? secondsUntil(this.lockedUntil, now) : current ? secondsUntil(this.windowStart + windowSeconds * 1000, now) : windowSeconds;
    return {
      Ratelimit: `"default";r=${remaining};t=${reset}`,
      'Ratelimit-Policy': `"burst";q=${quota};w=${windowSeconds}`,
    };
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
    this.lockedUntil = 0;
  }

  private roll(now: number): void {
    const lockoutOver = this.lockedUntil !== 0 && now >= this.lockedUntil;
    if (lockoutOver || this.windowStart === 0 || now >= this.windowStart + this.options.windowSeconds * 1000) {
      // A fresh budget once the window (or the lockout that ended it early) is over.
      this.windowStart = now;
      this.used = 0;
      this.lockedUntil = 0;
    }
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
