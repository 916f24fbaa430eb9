// The one worker pool: maps items with at most `limit` tasks in flight, results in input order; for adapters and resolvers alike (it imports nothing).

/** Stopping early: once a result `halts` (returns a cause), items not yet started get `skipped(item, cause)` instead of a task. */
export interface PoolStop<T, R> {
  halts: (result: R) => unknown;
  skipped: (item: T, cause: unknown) => R;
}

/**
 * Runs `task` over `items` with at most `limit` running at once; each result lands at its item's index. A task
 * that rejects rejects the map, while the other workers still run the items left: callers that want a value per
 * item catch inside `task`. With `stop`, a result that halts keeps the items not yet started from being run.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>, stop?: PoolStop<T, R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let cause: unknown = null;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as T;
      if (stop && cause !== null) {
        results[index] = stop.skipped(item, cause);
        continue;
      }
      const result = await task(item);
      results[index] = result;
      if (stop) cause ??= stop.halts(result) ?? null;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
