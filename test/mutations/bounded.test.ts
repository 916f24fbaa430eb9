// runBounded, the engine of emulated bulk writes: the configured concurrency holds, and a provider-wide failure stops the rest.
import { describe, expect, it } from 'vitest';
import { runBounded } from '../../src/resolvers/writes/bounded.js';
import { DEFAULT_WRITE_CONCURRENCY } from '../../src/write-concurrency.js';

async function measure(limit: number, items: number): Promise<{ most: number; results: number[] }> {
  let running = 0;
  let most = 0;
  const results = await runBounded(
    Array.from({ length: items }, (_, i) => i),
    limit,
    async (i) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return i * 2;
    },
    () => null,
    () => -1,
  );
  return { most, results };
}

describe('runBounded', () => {
  it.each([1, 2, DEFAULT_WRITE_CONCURRENCY, 8])('never runs more than %i at once, and keeps input order', async (limit) => {
    const { most, results } = await measure(limit, 20);
    expect(most).toBe(limit);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('the default is a small number', () => {
    expect(DEFAULT_WRITE_CONCURRENCY).toBeGreaterThan(1);
    expect(DEFAULT_WRITE_CONCURRENCY).toBeLessThanOrEqual(8);
  });

  it('after a result that halts, the items not yet started are skipped with its cause', async () => {
    const started: number[] = [];
    const results = await runBounded(
      [0, 1, 2, 3, 4, 5],
      2,
      async (i): Promise<string> => {
        started.push(i);
        return i === 1 ? 'limited' : 'ok';
      },
      (result) => (result === 'limited' ? 'rate limited' : null),
      (i, cause) => `skipped ${i}: ${String(cause)}`,
    );
    expect(started).toEqual([0, 1, 2]);
    expect(results).toEqual(['ok', 'limited', 'ok', 'skipped 3: rate limited', 'skipped 4: rate limited', 'skipped 5: rate limited']);
  });
});
