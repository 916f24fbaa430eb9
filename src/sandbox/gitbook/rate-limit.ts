// GitBook's rate limit: a fixed window per simulator, X-RateLimit-* on every response, 429 only when enforced.
import { SimError } from '../core/types.js';
import { RATE_LIMIT_MESSAGE } from './errors.js';

export interface RateLimitOptions {
  limit: number;
  windowSeconds: number;
}

/** The one figure GitBook documents (its rate-limiting page's example: 60, "try again in 60 seconds"): what SANDBOX_ENFORCE_LIMITS enforces. */
export const DOCUMENTED_RATE_LIMIT: RateLimitOptions = { limit: 60, windowSeconds: 60 };

/**
 * Without the option the headers still appear, with a quota no run can spend: a client that rightly waits for the
 * window's reset at `X-RateLimit-Remaining: 0` would otherwise stall on an unthrottled sandbox. 100,000 a minute
 * was spent by the benchmark (gateway and direct client together make several thousand calls a second), and the
 * gateway then waited out resets the direct client ignored.
 */
const UNENFORCED: RateLimitOptions = { limit: 1_000_000_000, windowSeconds: 60 };

export class RateLimiter {
  private windowStart = 0;
  private used = 0;
  private readonly options: RateLimitOptions;
  readonly enforced: boolean;

  constructor(
    options: RateLimitOptions | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.options = options ?? UNENFORCED;
    this.enforced = options !== undefined;
    if (this.options.limit < 1 || this.options.windowSeconds <= 0) throw new Error('rateLimit needs limit >= 1 and windowSeconds > 0');
  }

  private roll(): void {
    const now = this.now();
    if (now >= this.windowStart + this.options.windowSeconds * 1000) {
      this.windowStart = now;
      this.used = 0;
    }
  }

  /** Counts one request; a SimError 429 when the window's quota is spent and the limit is enforced. */
  take(): void {
    this.roll();
    if (this.enforced && this.used >= this.options.limit) throw new SimError(429, RATE_LIMIT_MESSAGE);
    this.used += 1;
  }

  /** The X-RateLimit-* headers; Reset is the end of the window in UTC epoch seconds, as GitBook sends it. */
  headers(throttled: boolean): Record<string, string> {
    this.roll();
    const remaining = throttled ? 0 : Math.max(0, this.options.limit - this.used);
    return {
      'x-ratelimit-limit': String(this.options.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(Math.ceil((this.windowStart + this.options.windowSeconds * 1000) / 1000)),
    };
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }
}
