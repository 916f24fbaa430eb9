// Operations execute at once only up to a capacity of turns, a heavy one taking several; the others wait in a bounded line, first come first served.
import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentCallPolicy } from '../providers/call-policy.js';
import { CLIENT_CLOSED_REQUEST } from './request-scope.js';

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
 * How long the waiting line may grow, and how long one may wait in it. Past either, an operation is answered at once
 * with 503 SERVICE_UNAVAILABLE and Retry-After, and sends nothing: a line without bounds holds every waiting request's
 * body in memory and answers ever later once requests come faster than they are served. 256 waiting is 16 times the
 * capacity; 10 s is a provider call's deadline (http.ts), four times the 99th percentile of 64 dashboards at once with
 * 25 ms per call (npm run bench), and as long as a hanging provider's readers can hold their turns.
 */
export const QUEUE_LIMITS: QueueLimits = { maxWaiting: 256, maxWaitMs: 10_000 };

export interface QueueLimits {
  /** Operations that may wait for turns at once; one more is refused. */
  maxWaiting: number;
  /** How long one may wait for its turns before it is refused. */
  maxWaitMs: number;
}

/** Refused a turn: the line was full, or the wait too long. Nothing of the operation ran. */
export class Overloaded extends Error {
  override readonly name = 'Overloaded';
}

/** Left the line: the client hung up while the operation waited. Nothing of it ran. */
export class LeftTheLine extends Error {
  override readonly name = 'LeftTheLine';
}

/**
 * Runs `work` once it has `turns` of the `capacity` (at most all of them): the waiting start in the order they came,
 * none overtaking another, so a heavy operation is never starved by light ones arriving after it. The line is
 * bounded (QueueLimits), and one waiting leaves it when `leave` fires (its client hung up).
 */
export function concurrencyLimit(
  capacity: number,
  limits: QueueLimits = QUEUE_LIMITS,
): <T>(work: () => T | Promise<T>, turns?: number, leave?: AbortSignal | null) => Promise<T> {
  let used = 0;
  const waiting: Array<{ turns: number; start: () => void }> = [];
  /** Starts whoever is first in line, while their turns fit. */
  const drain = () => {
    while (waiting.length > 0 && used + waiting[0]!.turns <= capacity) {
      const next = waiting.shift()!;
      used += next.turns;
      next.start();
    }
  };
  const wait = (turns: number, leave: AbortSignal | null | undefined) =>
    new Promise<void>((resolve, reject) => {
      if (waiting.length >= limits.maxWaiting) {
        reject(new Overloaded(`the line waiting for a turn is full (${limits.maxWaiting})`));
        return;
      }
      const quit = (error: Error) => {
        clearTimeout(timer);
        leave?.removeEventListener('abort', hangUp);
        waiting.splice(waiting.indexOf(entry), 1);
        // A heavy operation first in line may have held back lighter ones whose turns are free.
        drain();
        reject(error);
      };
      const hangUp = () => quit(new LeftTheLine('the client closed the request while it waited for a turn'));
      const entry = {
        turns,
        start: () => {
          clearTimeout(timer);
          leave?.removeEventListener('abort', hangUp);
          resolve();
        },
      };
      const timer = setTimeout(() => quit(new Overloaded(`no turn came free within ${limits.maxWaitMs} ms`)), limits.maxWaitMs);
      leave?.addEventListener('abort', hangUp, { once: true });
      waiting.push(entry);
    });
  return async (work, turns = 1, leave = null) => {
    const taken = Math.min(capacity, Math.max(1, Math.ceil(turns)));
    if (leave?.aborted) throw new LeftTheLine('the client closed the request before it had a turn');
    if (waiting.length === 0 && used + taken <= capacity) used += taken;
    // The turns are counted for the one started by `drain` before it wakes.
    else await wait(taken, leave);
    try {
      return await work();
    } finally {
      used -= taken;
      drain();
    }
  };
}

/** The answer to an operation refused a turn: 503 and when to try again, with why. */
function refused(error: Overloaded | LeftTheLine): ExecutionResult {
  if (error instanceof LeftTheLine) return { errors: [new GraphQLError(`Not run: ${error.message}.`, { extensions: { code: CLIENT_CLOSED_REQUEST } })] };
  return {
    errors: [
      new GraphQLError(`The gateway is busy (${error.message}); nothing was run. Try again after the Retry-After seconds.`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } },
      }),
    ],
  };
}

/** What a refused client is told to wait: a turn frees within milliseconds to seconds, so a second is enough. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Admission as a yoga plugin, listed last so it wraps the whole execution (tracing and compiled queries included):
 * parsing, validation and the cost limit run before it, and a query refused there never waits for a turn.
 */
export function admission(options: { capacity: number; costOf: (context: object) => number; queue?: QueueLimits }): Plugin {
  const turn = concurrencyLimit(options.capacity, options.queue ?? QUEUE_LIMITS);
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const turns = turnsFor(options.costOf(args.contextValue as object));
      setExecuteFn(async (executeArgs) => {
        try {
          return await turn(() => executeFn(executeArgs), turns, currentCallPolicy().clientSignal);
        } catch (error) {
          if (error instanceof Overloaded || error instanceof LeftTheLine) return refused(error);
          throw error;
        }
      });
    },
  };
}
