// Operations execute at once only up to a capacity of turns, a heavy one taking several; the others wait, first come first served.
import type { Plugin } from 'graphql-yoga';

/**
 * The default capacity: the gateway runs on one thread, which 16 light operations at once keep busy, so more at once
 * add no throughput: they only wait longer while each holds its pages, loaders and result in memory. Their calls of
 * one level fit the provider pools at once (UPSTREAM_CONNECTIONS in http.ts).
 */
export const MAX_CONCURRENT_OPERATIONS = 16;

/**
 * A turn per this much query cost (limits.ts: items asked for, each connection times the page it reads), at most
 * MOST_TURNS. The benchmark dashboard (64 calls, cost 87,580) takes 4, so 4 run at once, which is all one thread
 * can serve of them (about 35 ms of CPU each against 75 ms of provider latency); a team page (cost 554) takes 1.
 * Sixteen dashboards at once held 16 sets of pages in memory for no more throughput.
 */
const COST_PER_TURN = 25_000;
const MOST_TURNS = 4;

/** The turns an operation of this cost takes. */
export function turnsFor(cost: number): number {
  return Math.min(MOST_TURNS, Math.max(1, Math.ceil(cost / COST_PER_TURN)));
}

/**
 * Runs `work` once it has `turns` of the `capacity` (at most all of them): the waiting start in the order they came,
 * none overtaking another, so a heavy operation is never starved by light ones arriving after it.
 */
export function concurrencyLimit(capacity: number): <T>(work: () => T | Promise<T>, turns?: number) => Promise<T> {
  let used = 0;
  const waiting: Array<{ turns: number; start: () => void }> = [];
  const release = (turns: number) => {
    used -= turns;
    while (waiting.length > 0 && used + waiting[0]!.turns <= capacity) {
      const next = waiting.shift()!;
      used += next.turns;
      next.start();
    }
  };
  return async (work, turns = 1) => {
    const taken = Math.min(capacity, Math.max(1, Math.ceil(turns)));
    if (waiting.length === 0 && used + taken <= capacity) used += taken;
    // The turns are counted for the one started by `release` before it wakes.
    else await new Promise<void>((resolve) => waiting.push({ turns: taken, start: resolve }));
    try {
      return await work();
    } finally {
      release(taken);
    }
  };
}

/**
 * Admission as a yoga plugin, listed last so it wraps the whole execution (tracing and compiled queries included):
 * parsing, validation and the cost limit run before it, and a query refused there never waits for a turn.
 */
export function admission(options: { capacity: number; costOf: (context: object) => number }): Plugin {
  const turn = concurrencyLimit(options.capacity);
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const turns = turnsFor(options.costOf(args.contextValue as object));
      setExecuteFn((executeArgs) => turn(() => executeFn(executeArgs), turns));
    },
  };
}
