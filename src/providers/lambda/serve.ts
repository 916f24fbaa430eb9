// A connector's work: checks an Invoke payload, runs its calls on the provider's inline adapter, answers per call.
import { AsyncLocalStorage } from 'node:async_hooks';
import { withCallPolicy } from '../call-policy.js';
import type { CallEvent } from '../http.js';
import { ProviderError, type ProviderAdapter, type ProviderId } from '../types.js';
import { ADAPTER_CALLS, WIRE_VERSION, encodeResult, invokeRequestSchema, type CallResult, type InvokeResponse, type WireCall } from './wire.js';
import { connectorProfile } from './profiles.js';

/** Lambda answers a synchronous Invoke with at most 6 MB; the rest is headroom for the envelope. */
const MAX_RESPONSE_BYTES = 5_500_000;

export interface Connector {
  /** Answers one Invoke payload; never throws for anything the payload or the provider did. */
  serve(payload: unknown): Promise<InvokeResponse>;
  close(): Promise<void>;
}

export interface ConnectorOptions {
  /** Overrides MAX_RESPONSE_BYTES (tests). */
  maxResponseBytes?: number;
  /** Where unexpected errors are reported; console.error (CloudWatch) by default. */
  report?: (message: string, error: unknown) => void;
}

/**
 * `adapter` is null when the connector has no credentials: every Invoke then gets a clear UNAVAILABLE that names
 * what to set, instead of a crash the gateway could only call "function error".
 */
export function createConnector(provider: ProviderId, adapter: ProviderAdapter | null, options: ConnectorOptions = {}): Connector {
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const report = options.report ?? ((message, error) => console.error(message, error));
  // Calls of one Invoke run concurrently on one adapter: each records the attempts made in its own async chain.
  const currentCall = new AsyncLocalStorage<CallEvent[]>();
  const stop = adapter?.observe((event) => currentCall.getStore()?.push(event));
  const name = connectorProfile(provider).name;

  const failure = (kind: ProviderError['kind'], message: string): InvokeResponse => ({
    v: WIRE_VERSION,
    provider,
    failure: new ProviderError(provider, kind, message).toJSON(),
  });

  async function run(live: ProviderAdapter, call: WireCall): Promise<CallResult> {
    const events: CallEvent[] = [];
    const spec = ADAPTER_CALLS[call.method];
    const args = spec.args.safeParse(call.args);
    if (!args.success) {
      const issue = args.error.issues[0];
      const field = `${call.method}.args${issue?.path.map((p) => `[${String(p)}]`).join('') ?? ''}`;
      const error = new ProviderError(provider, 'INVALID', `Invalid ${field}: ${issue?.message ?? 'unexpected shape'}`, { field });
      return { ok: false, error: error.toJSON(), events };
    }
    const method = live[call.method];
    if (typeof method !== 'function') {
      return { ok: false, error: new ProviderError(provider, 'UNSUPPORTED', `${name} has no native ${call.method}`).toJSON(), events };
    }
    try {
      // The arguments were just checked against this very method's schema; TypeScript cannot follow a method
      // picked by name, so the call goes through a plain function type.
      const value = await currentCall.run(events, () =>
        withCallPolicy({ fresh: call.fresh === true }, () => (method as (...a: unknown[]) => Promise<unknown>).apply(live, args.data)),
      );
      return { ok: true, value: encodeResult(spec.result, value), events };
    } catch (error) {
      if (error instanceof ProviderError) return { ok: false, error: error.toJSON(), events };
      report(`${name} connector: ${call.method} failed unexpectedly`, error);
      return { ok: false, unexpected: `${name} connector: ${call.method} failed unexpectedly`, events };
    }
  }

  return {
    async serve(payload) {
      const request = invokeRequestSchema.safeParse(payload);
      if (!request.success) {
        const issue = request.error.issues[0];
        const where = issue?.path.join('.') || '(payload)';
        // A gateway and a connector from different deploys: say so rather than guess at the calls.
        return failure(
          'UNAVAILABLE',
          `The ${name} connector refused the request: ${where}: ${issue?.message ?? 'unexpected shape'} (are the gateway and connector from the same deploy?)`,
        );
      }
      if (request.data.provider !== provider) {
        return failure('UNAVAILABLE', `This connector serves ${provider}, not ${request.data.provider}: check TEAMGRAPH_CONNECTOR_PREFIX`);
      }
      if (!adapter) return failure('UNAVAILABLE', `The ${name} connector has no credentials: set its parameters (README, Deploy)`);
      const results = await Promise.all(request.data.calls.map((call) => run(adapter, call)));
      return { v: WIRE_VERSION, provider, breaker: adapter.breakerState(), results: fitResponse(provider, name, results, maxBytes) };
    },
    async close() {
      stop?.();
      await adapter?.close();
    },
  };
}

/**
 * Keeps the answer under Lambda's response limit: the largest results become UNAVAILABLE errors (asking for
 * smaller pages) until the rest fits, so one huge page fails alone instead of the whole Invoke.
 */
function fitResponse(provider: ProviderId, name: string, results: CallResult[], maxBytes: number): CallResult[] {
  const sizes = results.map((result) => Buffer.byteLength(JSON.stringify(result)));
  let total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= maxBytes) return results;
  const fitted = [...results];
  const largestFirst = sizes.map((size, index) => ({ size, index })).sort((a, b) => b.size - a.size);
  for (const { size, index } of largestFirst) {
    if (total <= maxBytes) break;
    const megabytes = (size / 1_000_000).toFixed(1);
    const error = new ProviderError(
      provider,
      'UNAVAILABLE',
      `${name}'s answer (${megabytes} MB) is larger than a Lambda response may be: ask for smaller pages`,
    );
    fitted[index] = { ok: false, error: error.toJSON(), events: results[index]?.events ?? [] };
    total -= size;
  }
  return fitted;
}
