// Upstream tracing: with `x-teamgraph-trace: 1`, the response's extensions.upstream lists that request's provider calls.
import { AsyncLocalStorage } from 'node:async_hooks';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CallEvent } from '../providers/http.js';
import { PROVIDER_IDS, type ProviderId } from '../providers/catalog.js';
import type { RequestContext } from '../resolvers/context.js';
import type { Adapters } from '../resolvers/loaders.js';
import { currentRequest } from './request-scope.js';

export const TRACE_HEADER = 'x-teamgraph-trace';

/** One upstream attempt as a client sees it: the route is the path template, so no id, token or password. */
export interface UpstreamCall {
  provider: ProviderId;
  method: string;
  route: string;
  /** Null when no response arrived (see outcome). */
  status: number | null;
  ms: number;
  /** 1 for the first attempt; a retry is a second entry with 2. */
  attempt: number;
  outcome: CallEvent['outcome'];
}

/** `extensions.upstream` (docs/schema.md#tracing). */
export interface UpstreamTrace {
  /** Attempts that went out to a provider; a call refused by an open circuit breaker is logged but not counted. */
  calls: number;
  /** `calls` per configured provider, zero included. */
  byProvider: Partial<Record<ProviderId, number>>;
  log: UpstreamCall[];
}

/** The calls of one traced request. */
class UpstreamCollector {
  private readonly log: UpstreamCall[] = [];

  record(event: CallEvent): void {
    // Field by field, never a spread: whatever the event gains later does not reach clients unreviewed.
    this.log.push({
      provider: event.provider,
      method: event.method,
      route: event.route,
      status: event.status,
      ms: event.durationMs,
      attempt: event.attempt,
      outcome: event.outcome,
    });
  }

  trace(providers: readonly ProviderId[]): UpstreamTrace {
    const byProvider: Partial<Record<ProviderId, number>> = {};
    for (const provider of providers) byProvider[provider] = 0;
    let calls = 0;
    for (const call of this.log) {
      if (call.outcome === 'circuit-open') continue;
      calls += 1;
      byProvider[call.provider] = (byProvider[call.provider] ?? 0) + 1;
    }
    return { calls, byProvider, log: [...this.log] };
  }
}

/** Sandbox mode traces for everyone (it is a playground); live mode only for keys with the `trace` scope. */
function mayTrace(context: RequestContext): boolean {
  return context.mode === 'SANDBOX' || (context.caller?.scopes.has('trace') ?? false);
}

/**
 * Observes every adapter once, for the gateway's lifetime, and routes each attempt to the collector of the
 * request whose async chain made it (AsyncLocalStorage), so concurrent requests never see each other's calls.
 */
export function upstreamTracing(adapters: Adapters): Plugin<RequestContext> {
  const current = new AsyncLocalStorage<UpstreamCollector>();
  const providers = PROVIDER_IDS.filter((id) => adapters.has(id));
  const stops = [...adapters.values()].map((adapter) => adapter.observe((event) => current.getStore()?.record(event)));

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const context = args.contextValue as RequestContext & { request?: Request };
      // Every request is counted (its log line carries the calls per provider); only a trace shows them to the client.
      const collector = new UpstreamCollector();
      setExecuteFn((executeArgs) => current.run(collector, () => executeFn(executeArgs)));
      const traced = context.request?.headers.get(TRACE_HEADER) === '1' && mayTrace(context);
      // A trusted document is sent by id, without operationName: the log line names the operation it ran.
      const record = currentRequest();
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
