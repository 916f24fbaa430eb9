// Emulated bulk writes: single calls with at most `writeConcurrency` in flight, stopping early when the provider as a whole refuses.
import type { MemberChange } from '../../providers/types.js';
import { mapBounded } from '../../providers/pool.js';
import { MAX_WRITE_CONCURRENCY } from '../../write-concurrency.js';
import { NotFoundError, type MutationError } from './errors.js';
import { assertGroupExists, type Planner } from './group-change.js';
import { failure, fromChange, haltsOn, type Outcome, type Outcomes } from './target-outcomes.js';
import type { Target } from './refs.js';
import { withReservedCalls } from './run-mutation.js';

/**
 * Runs `task` over `items` with at most `limit` running (capped at MAX_WRITE_CONCURRENCY), results in input
 * order. When a result says the provider refuses everything for now (`halts` returns its cause: a rate limit,
 * an outage), the items not yet started are not sent: each gets `skipped(item, cause)`, so the caller can say
 * exactly what was not applied.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  halts: (result: R) => unknown,
  skipped: (item: T, cause: unknown) => R,
): Promise<R[]> {
  const workers = Math.max(1, Math.min(Math.floor(limit), MAX_WRITE_CONCURRENCY, items.length));
  return mapBounded(items, workers, task, { halts, skipped });
}

/** Single calls, at most `p.concurrency` at once; stops sending on a provider-wide failure. */
export async function oneByOne(p: Planner, targets: readonly Target[], send: (t: Target) => Promise<MemberChange>, checkGroup: boolean): Promise<Outcomes> {
  if (targets.length === 0) return new Map();
  // The group read and one call per member, set aside in the rate budget before the first is sent.
  const calls = targets.length + (checkGroup ? 1 : 0);
  return withReservedCalls(p.reserve, calls, () => sendEach(p, targets, send, checkGroup));
}

async function sendEach(p: Planner, targets: readonly Target[], send: (t: Target) => Promise<MemberChange>, checkGroup: boolean): Promise<Outcomes> {
  if (checkGroup && targets.length > 1) await assertGroupExists(p);
  const results = await runBounded(
    targets,
    p.concurrency,
    async (t): Promise<Outcome> => {
      try {
        return fromChange(await send(t), p.site);
      } catch (error) {
        return failure(error, p.site);
      }
    },
    haltsOn,
    // A member not sent carries the error that stopped the change: it was not applied because of it.
    (_t, cause): Outcome => ({ status: 'FAILED', error: cause as MutationError }),
  );
  // One member not found may mean the group is gone: one read tells, and a missing group fails the whole change.
  if (checkGroup && targets.length === 1 && results[0]?.error instanceof NotFoundError) await assertGroupExists(p);
  return new Map(targets.map((t, i) => [t.key, results[i] as Outcome]));
}
