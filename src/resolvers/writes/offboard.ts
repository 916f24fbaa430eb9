// The offboardPerson mutation: find the person by e-mail, plan every change that takes their access away, and (unless a dry run) make it.
import type { RequestContext } from '../context.js';
import { findPerson, type PersonFound } from '../people/lookup.js';
import { asMutationError, type ErrorSite } from './errors.js';
import { applyOffboarding } from './offboard-apply.js';
import { offboardRequestFrom, type OffboardPersonInput, type OffboardRequest } from './offboard-input.js';
import { planOffboarding, type OffboardChange, type OffboardStatus } from './offboard-plan.js';
import { mutate } from './run-mutation.js';

export interface OffboardResult {
  request: OffboardRequest;
  changes: OffboardChange[];
  /** The person as read before any change (what a dry run shows). */
  before: PersonFound | null;
}

const SITE: ErrorSite = { operation: 'offboardPerson', path: ['input'] };

export type OffboardCounts = Record<OffboardStatus, number>;

/**
 * Reads first (one walk of each provider's member lists), plans, then applies unless `dryRun`. The input is
 * checked before any call; a dry run sends no write. After an apply the loaders are emptied (run-mutation), so
 * `person` read after it sees the providers' new state.
 */
export async function offboardPerson(ctx: RequestContext, input: OffboardPersonInput): Promise<OffboardResult> {
  let planned: OffboardResult;
  try {
    const request = offboardRequestFrom(ctx, input);
    const before = await findPerson(ctx, request.email, request.providers);
    planned = { request, changes: planOffboarding(ctx, request, before), before };
  } catch (error) {
    throw asMutationError(error, SITE);
  }
  // A dry run wrote nothing: its payload's fields read from the same loaders, at no new cost.
  if (planned.request.dryRun) return planned;
  return mutate(ctx, SITE.operation, async () => ({ ...planned, changes: await applyOffboarding(ctx, planned.changes) }));
}

export function countsOf(changes: readonly OffboardChange[]): OffboardCounts {
  const counts: OffboardCounts = { PLANNED: 0, DONE: 0, ALREADY_DONE: 0, FAILED: 0, UNSUPPORTED: 0 };
  for (const change of changes) counts[change.status] += 1;
  return counts;
}
