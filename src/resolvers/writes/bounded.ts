// Emulated bulk writes: single calls with at most `limit` in flight, stopping early when the provider as a whole refuses.

/** Single-member calls in flight at once per change where an API has no bulk call (Bird, GoodAccess). */
export const DEFAULT_WRITE_CONCURRENCY = 4;
export const MAX_WRITE_CONCURRENCY = 32;

/**
 * Runs `task` over `items` with at most `limit` running, results in input order. When a result says the
 * provider refuses everything for now (`halts` returns its cause: a rate limit, an outage), the items not yet
 * started are not sent: each gets `skipped(item, cause)`, so the caller can say exactly what was not applied.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  halts: (result: R) => unknown,
  skipped: (item: T, cause: unknown) => R,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let cause: unknown = null;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as T;
      if (cause !== null) {
        results[index] = skipped(item, cause);
        continue;
      }
      const result = await task(item);
      results[index] = result;
      cause ??= halts(result) ?? null;
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit), MAX_WRITE_CONCURRENCY, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
