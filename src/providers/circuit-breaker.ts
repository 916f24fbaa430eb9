// A circuit breaker per provider: after repeated failures it fails calls fast, then lets one probe through.

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failed calls that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call is let through. */
  resetAfterMs: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: BreakerState = 'closed';

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.resetAfterMs) return 'half-open';
    return this.current;
  }

  /** Milliseconds until an open circuit lets a probe through; 0 when calls may go now. */
  get retryInMs(): number {
    if (this.current !== 'open') return 0;
    return Math.max(0, this.options.resetAfterMs - (this.now() - this.openedAt));
  }

  /** Whether a call may go now; in half-open only one probe is in flight at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.probing = false;
    this.current = 'closed';
  }

  recordFailure(): void {
    this.probing = false;
    this.failures += 1;
    if (this.current !== 'closed' || this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
  }

  /** A call that ended without telling whether the provider is healthy (a 4xx, say). */
  recordNeutral(): void {
    if (this.probing) this.recordSuccess();
  }
}
