// The gateway's admission: turns of execution up to a capacity, a costly operation taking several, first come first served.
import { describe, expect, it } from 'vitest';
import { concurrencyLimit, turnsFor } from '../src/server/admission.js';
import { BENCHMARK_OPERATIONS } from './support/benchmark-operations.js';
import { startGateway } from './support/gateway.js';
import { measureConcurrency } from './mutations/support.js';

/** A piece of work that runs until the test lets it end. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const work = async () => {
    await opened;
    return value;
  };
  return { value, open, work };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrencyLimit', () => {
  it('runs at most max at once and starts the others first come, first served, each with its own result', async () => {
    const turn = concurrencyLimit(3);
    const started: number[] = [];
    const works = Array.from({ length: 8 }, (_, i) => gate(i));
    const results = works.map((w) =>
      turn(() => {
        started.push(w.value);
        return w.work();
      }),
    );
    await settle();
    expect(started).toEqual([0, 1, 2]);
    works[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    works[0]!.open();
    works[3]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    for (const w of works) w.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('frees the turn of work that fails, and passes its error on', async () => {
    const turn = concurrencyLimit(1);
    const failing = turn(async () => {
      throw new Error('provider down');
    });
    const next = turn(async () => 'served');
    await expect(failing).rejects.toThrow('provider down');
    await expect(next).resolves.toBe('served');
    // All turns are free again: two at once with a limit of one still both finish.
    await expect(Promise.all([turn(async () => 1), turn(async () => 2)])).resolves.toEqual([1, 2]);
  });
});

describe('weighted turns', () => {
  it('starts a heavy operation when its turns are free, and lets nothing that came later overtake it', async () => {
    const turn = concurrencyLimit(4);
    const started: string[] = [];
    const run = (name: string, turns: number) => {
      const work = gate(name);
      const done = turn(() => {
        started.push(name);
        return work.work();
      }, turns);
      return { ...work, done };
    };
    const light = run('light', 1);
    const heavy = run('heavy', 4);
    const later = run('later', 1);
    await settle();
    // Three turns are free, but the heavy one needs four; the later light one waits behind it, not beside it.
    expect(started).toEqual(['light']);
    light.open();
    await settle();
    expect(started).toEqual(['light', 'heavy']);
    heavy.open();
    await settle();
    expect(started).toEqual(['light', 'heavy', 'later']);
    later.open();
    await expect(Promise.all([light.done, heavy.done, later.done])).resolves.toEqual(['light', 'heavy', 'later']);
  });

  it('weighs by cost: a team page one turn, the dashboard four, the heaviest query the limits allow no more than four', () => {
    expect(turnsFor(0)).toBe(1);
    expect(turnsFor(554)).toBe(1);
    expect(turnsFor(87_580)).toBe(4);
    expect(turnsFor(3_000_000)).toBe(4);
    expect(turnsFor(30_000)).toBe(2);
  });

  it('runs at most four dashboards at once over HTTP, and answers every one', async () => {
    const g = await startGateway();
    try {
      const dashboard = BENCHMARK_OPERATIONS.find((op) => op.name === 'dashboard')!;
      const ask = async <T>(query: string, variables?: Record<string, unknown>) => (await g.query<T>(query, variables)).data as T;
      const variables = await dashboard.variables(ask);
      // Each dashboard lists the Cloudflare accounts first, 100 ms late: dashboards running together overlap there.
      const cloudflare = g.sandbox.servers.cloudflare;
      cloudflare.faults.add({ kind: 'latency', latencyMs: 100, match: { method: 'GET', route: '/client/v4/accounts' } });
      const overlap = measureConcurrency(cloudflare, 'GET', '/client/v4/accounts');
      const answers = await Promise.all(Array.from({ length: 8 }, () => g.query(dashboard.query, variables)));
      const most = overlap.stop();
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(4);
    } finally {
      await g.stop();
    }
  });
});
