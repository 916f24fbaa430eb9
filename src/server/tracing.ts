// Upstream tracing: with `x-teamgraph-trace: 1`, the response's extensions.upstream lists that request's provider calls.
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CallEvent } from '../providers/http.js';
import { PROVIDER_IDS, type ProviderId } from '../providers/catalog.js';
import type { RequestContext } from '../resolvers/context.js';
import type { Adapters } from '../resolvers/loaders.js';
import { currentRequest, type RequestRecord } from './request-scope.js';

export const TRACE_HEADER = 'x-teamgraph-trace';

/** One upstream attempt as a client sees it: the route is the path template, so no id, token or password. */
export interface UpstreamCall {
  provider: ProviderId;
  method: string;
  route: string;
  /** Null when no response arrived (see outcome). */
  status: number | null;
  ms: number;
  /** When the attempt began and ended, in milliseconds since the request began executing (one decimal). */
  startMs: number;
  endMs: number;
  /** 1 for the first attempt; a retry is a second entry with 2. */
  attempt: number;
  outcome: CallEvent['outcome'];
  /** Served from the read cache: no call went out, and `calls` does not count it. */
  cached: boolean;
}

/** `extensions.upstream` (docs/schema.md#tracing). */
export interface UpstreamTrace {
  /** Attempts that went out to a provider; a call refused by an open breaker or the rate budget, or served from the cache, is logged but not counted. */
  calls: number;
  /** `calls` per configured provider, zero included. */
  byProvider: Partial<Record<ProviderId, number>>;
  /**
   * Sequential levels: the longest chain of logged attempts in which each starts at or after the one before it
   * ended (0 without a call). What the request waited for, at the least, in round trips.
   */
  levels: number;
  log: UpstreamCall[];
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The longest chain of calls each starting at or after the previous one's end. Sorted by end, each call's chain is
 * one more than the longest among the calls that ended by its start: O(n log n) with a running maximum.
 */
export function sequentialLevels(calls: ReadonlyArray<Pick<UpstreamCall, 'startMs' | 'endMs'>>): number {
  const byEnd = [...calls].sort((a, b) => a.endMs - b.endMs);
  // Ties by end, so a call that took no time is placed before one that starts when it ended.
  const byStart = [...calls].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const depthOf = new Map<Pick<UpstreamCall, 'startMs' | 'endMs'>, number>();
  let ended = 0;
  let bestEnded = 0;
  let best = 0;
  for (const call of byStart) {
    // Every call that ended by this one's start may come before it in a chain.
    while (ended < byEnd.length && byEnd[ended]!.endMs <= call.startMs) {
      bestEnded = Math.max(bestEnded, depthOf.get(byEnd[ended]!) ?? 0);
      ended += 1;
    }
    const depth = bestEnded + 1;
    depthOf.set(call, depth);
    best = Math.max(best, depth);
  }
  return best;
}

/** Whether an attempt reached the provider: not one refused by an open breaker or the rate budget, nor one the cache answered. */
function wentOut(call: Pick<CallEvent, 'outcome' | 'cached'>): boolean {
  return call.outcome !== 'circuit-open' && call.outcome !== 'rate-limited' && call.cached !== true;
}

/** The calls of one traced request. */
class UpstreamCollector {
  private readonly log: UpstreamCall[] = [];
  /** `performance.now()` when the request began executing: the trace's times count from here. */
  private readonly began = performance.now();

  /** `request`: the request's log record, whose counts grow call by call, so a request cut short still shows its calls. */
  constructor(private readonly request: RequestRecord | undefined) {}

  record(event: CallEvent): void {
    if (this.request && wentOut(event)) {
      this.request.upstream[event.provider] = (this.request.upstream[event.provider] ?? 0) + 1;
    }
    // Observers hear an attempt as it ends, so its end is now. One replayed from another process (the lambda
    // transport) has no start on this clock: its duration, back from now.
    const ended = performance.now();
    const started = event.startedAt ?? ended - event.durationMs;
    // Field by field, never a spread: whatever the event gains later does not reach clients unreviewed.
    this.log.push({
      provider: event.provider,
      method: event.method,
      route: event.route,
      status: event.status,
      ms: event.durationMs,
      // Each rounded on its own (rounding keeps order): a call that began after another ended still does.
      startMs: tenths(started - this.began),
      endMs: tenths(ended - this.began),
      attempt: event.attempt,
      outcome: event.outcome,
      cached: event.cached === true,
    });
  }

  trace(providers: readonly ProviderId[]): UpstreamTrace {
    const byProvider: Partial<Record<ProviderId, number>> = {};
    for (const provider of providers) byProvider[provider] = 0;
    let calls = 0;
    for (const call of this.log) {
      if (!wentOut(call)) continue;
      calls += 1;
      byProvider[call.provider] = (byProvider[call.provider] ?? 0) + 1;
    }
    return { calls, byProvider, levels: sequentialLevels(this.log.filter((call) => !call.cached)), log: [...this.log] };
  }
}

/** Sandbox mode traces for everyone (it is a playground); live mode only for keys with the `trace` scope. */
function mayTrace(context: RequestContext): boolean {
  return context.mode === 'SANDBOX' || (context.caller?.scopes.has('trace') ?? false);
}

/**
 * Observes every adapter once, for the gateway's lifetime, and routes each attempt to the collector of the
 * request whose async chain made it (its record, request-scope.ts), so concurrent requests never see each other's calls.
 */
export function upstreamTracing(adapters: Adapters): Plugin<RequestContext> {
  const collectors = new WeakMap<RequestRecord, UpstreamCollector>();
  const providers = PROVIDER_IDS.filter((id) => adapters.has(id));
  const stops = [...adapters.values()].map((adapter) =>
    adapter.observe((event) => {
      const record = currentRequest();
      if (record) collectors.get(record)?.record(event);
    }),
  );

  return {
    onExecute({ args }) {
      const context = args.contextValue as RequestContext & { request?: Request };
      const record = currentRequest();
      // Every request is counted (its log line carries the calls per provider); only a trace shows them to the client.
      const collector = new UpstreamCollector(record);
      if (record) collectors.set(record, collector);
      const traced = context.request?.headers.get(TRACE_HEADER) === '1' && mayTrace(context);
      // A trusted document is sent by id, without operationName: the log line names the operation it ran.
      if (record && record.operationName === null) record.operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
      return {
        onExecuteDone({ result, setResult }) {
          const trace = collector.trace(providers);
          if (record) record.upstream = trace.byProvider;
          // Only single results exist here (no @defer/@stream or subscriptions in this schema).
          if (!traced || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, upstream: trace } });
        },
      };
    },
    onDispose() {
      for (const stop of stops) stop();
    },
  };
}
