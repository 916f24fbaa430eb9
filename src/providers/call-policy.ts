// What the request being served asks of every provider call it makes: fresh reads (no cache), the budget it reserved, when to stop.
import { scopeSlot } from './async-scope.js';

/** Calls set aside in a rate budget before a write plan starts, so the plan is never cut off half-sent by the budget. */
export interface Reservation {
  /** The budget (one provider credential) the calls were reserved in. */
  readonly owner: object;
  /** A reserved call's ticket, or undefined when they are used up (further calls then ask the budget as usual). */
  take(): string | undefined;
  /** Gives the unused calls back to the budget. */
  release(): Promise<void>;
}

export interface CallPolicy {
  /** `cache-control: no-cache` on the request: every read goes to the provider (and refreshes the cache). */
  fresh: boolean;
  reservations: readonly Reservation[];
  /**
   * The request's, aborted when its client hangs up: reads not yet answered stop then (nobody is left to read them,
   * and each would spend the provider's quota); writes always finish, so no change is left half-applied.
   */
  clientSignal: AbortSignal | null;
}

/**
 * What a read stopped by its client's hang-up says after the provider's name, in its failure and its error alike,
 * over either transport. Here, not in http.ts: the lambda transport must not load the HTTP client (undici) for it.
 */
export const CLIENT_GONE = 'was not read: the client closed the request';

const NONE: CallPolicy = { fresh: false, reservations: [], clientSignal: null };
const slot = scopeSlot<CallPolicy>('call policy');

export function currentCallPolicy(): CallPolicy {
  return slot.get() ?? NONE;
}

/** Runs `work` with the policy changed as given, for every call made in its async chain. */
export function withCallPolicy<T>(change: Partial<CallPolicy>, work: () => T): T {
  return slot.run({ ...currentCallPolicy(), ...change }, work);
}
