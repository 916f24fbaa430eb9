// At most so many GraphQL operations execute at once in this process; the others wait their turn, first come first served.

/**
 * The default: the gateway runs on one thread, which 16 operations at once keep busy, so more at once add no
 * throughput: they only wait longer while each holds its pages, loaders and result in memory. Measured with 64
 * dashboards at once (npm start over the sandbox): the same requests per second, and the process peaked at 310 MB
 * instead of 410-460. Their calls of one level fit the provider pools at once (UPSTREAM_CONNECTIONS in http.ts).
 */
export const MAX_CONCURRENT_OPERATIONS = 16;

/** Runs `work` once fewer than `max` others run; the waiting ones start in the order they came. */
export function concurrencyLimit(max: number): <T>(work: () => T | Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (running < max) running += 1;
    // The slot is handed over by the operation that ends (below), so `running` stays counted for the one woken.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
