// What the write strategies report per target while a change runs (status and typed error), before payloads.ts turns it into entries.
import { ProviderError, type ChangeStatus, type MemberChange } from '../../providers/types.js';
import { ForbiddenError, fromProviderError, MutationError, ProviderUnavailableError, RateLimitedError, type ErrorSite } from './errors.js';
import type { Target } from './refs.js';

export interface Outcome {
  status: ChangeStatus;
  error?: MutationError;
  /** The failure came from one call that concerned the whole group (a bulk call, a replace), not this member. */
  wholeCall?: boolean;
}

/** Outcomes by Target.key. */
export type Outcomes = Map<string, Outcome>;

export function failure(error: unknown, site: ErrorSite): Outcome {
  if (error instanceof MutationError) return { status: 'FAILED', error };
  if (error instanceof ProviderError) return { status: 'FAILED', error: fromProviderError(error, site) };
  throw error;
}

/** One failure for all: every target shares the same error object, which lets the caller see that one call failed for all. */
export function failAll(targets: readonly Target[], error: unknown, site: ErrorSite): Outcomes {
  const shared: Outcome = { ...failure(error, site), wholeCall: true };
  return new Map(targets.map((t) => [t.key, shared]));
}

export function fromChange(change: MemberChange, site: ErrorSite): Outcome {
  return change.status === 'FAILED' && change.error ? failure(change.error, site) : { status: change.status };
}

/** A failure of the provider as a whole (rate limit, outage, refused credentials), not of one member. */
export function isProviderWide(error: MutationError | undefined): error is MutationError {
  return error instanceof RateLimitedError || error instanceof ProviderUnavailableError || error instanceof ForbiddenError;
}

/** The cause to stop sending the rest of an emulated bulk change on, if this outcome is one. */
export function haltsOn(outcome: Outcome): MutationError | null {
  return outcome.status === 'FAILED' && isProviderWide(outcome.error) ? outcome.error : null;
}

export function merge(...all: Outcomes[]): Outcomes {
  const out: Outcomes = new Map();
  for (const outcomes of all) for (const [key, outcome] of outcomes) out.set(key, outcome);
  return out;
}
