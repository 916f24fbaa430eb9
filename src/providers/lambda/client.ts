// The lambda transport: a ProviderAdapter whose calls run in the provider's connector function, one Invoke per batch.
import type { BreakerState } from '../circuit-breaker.js';
import { CLIENT_GONE, currentCallPolicy } from '../call-policy.js';
import type { CallObserver } from '../http.js';
import { ProviderError, type ProviderAdapter, type ProviderId, type WriteCapabilities } from '../types.js';
import { HopFailure, type Invoker } from './invoke.js';
import { connectorProfile } from './profiles.js';
import {
  ADAPTER_CALLS,
  MAX_CALLS_PER_INVOKE,
  WIRE_VERSION,
  WRITE_METHODS,
  decodeResult,
  invokeResponseSchema,
  type AdapterMethod,
  type CallResult,
  type MethodArgs,
  type MethodResult,
  type WireCall,
} from './wire.js';

export interface LambdaAdapterOptions {
  provider: ProviderId;
  /** The connector's function name or ARN. */
  functionName: string;
  invoker: Invoker;
}

interface Pending {
  call: WireCall;
  /** Settles the call's promise once: a later result (the Invoke's, after a hang-up) is ignored. */
  settle: (result: CallResult) => void;
  settled: boolean;
  /** The client's hang-up, for a read; null for a write, which always waits for its answer. */
  signal: AbortSignal | null;
}

/** Which capability makes each optional write method exist, as on the inline adapters. */
const WRITE_CAPABILITY: Readonly<Partial<Record<AdapterMethod, keyof WriteCapabilities>>> = {
  addMember: 'addMember',
  addMembers: 'addMembersBulk',
  removeMember: 'removeMember',
  removeMembers: 'removeMembersBulk',
  replaceMembers: 'replaceMembers',
  setMemberRole: 'setMemberRole',
  createMember: 'createMember',
  updateMember: 'updateMember',
  deleteMember: 'deleteMember',
  disconnectMember: 'disconnectMember',
  removeOrganizationMember: 'removeOrganizationMember',
};

/** JSON has no undefined: optional arguments left out are dropped from the end, as the connector's schemas expect. */
function trimmed(args: readonly unknown[]): unknown[] {
  const out = [...args];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

export function createLambdaAdapter(options: LambdaAdapterOptions): ProviderAdapter {
  const { provider, functionName, invoker } = options;
  const profile = connectorProfile(provider);
  const observers = new Set<CallObserver>();
  let connectorBreaker: BreakerState = 'closed';
  let hopFailed = false;
  let queue: Pending[] = [];

  const failed = (call: WireCall, message: string, details: { mayHaveRun: boolean; retryAfter?: number }): CallResult => {
    const error = new ProviderError(provider, 'UNAVAILABLE', message, {
      outcomeUnknown: details.mayHaveRun && WRITE_METHODS.has(call.method),
      ...(details.retryAfter === undefined ? {} : { retryAfter: details.retryAfter }),
    });
    return { ok: false, error: error.toJSON(), events: [] };
  };

  /** A read whose client hung up: settled at once, as the http transport's stopped reads are. */
  const cancelled = (): CallResult => {
    const error = new ProviderError(provider, 'UNAVAILABLE', `${profile.name} ${CLIENT_GONE}`);
    return { ok: false, error: error.toJSON(), events: [] };
  };

  /**
   * Stops waiting for the Invoke once every call in it is a read whose client has hung up: calls of other requests
   * share an Invoke (a turn's calls go together), and a write is never given up on. The connector may still run; the
   * gateway no longer holds the requests' turns for it.
   */
  function cancelWhenAllGone(batch: Pending[]): AbortSignal | undefined {
    if (batch.some((pending) => pending.signal === null)) return undefined;
    const cancel = new AbortController();
    let left = batch.length;
    for (const pending of batch) {
      (pending.signal as AbortSignal).addEventListener(
        'abort',
        () => {
          left -= 1;
          if (left === 0) cancel.abort(CLIENT_GONE);
        },
        { once: true },
      );
    }
    return cancel.signal;
  }

  /** One Invoke for a group of calls; whatever happens, every call is settled with its own result. */
  async function send(sent: Pending[]): Promise<void> {
    // Reads whose clients left before the turn ended are not sent at all.
    const batch = sent.filter((pending) => !pending.settled);
    if (batch.length === 0) return;
    const calls = batch.map((pending) => pending.call);
    const cancel = cancelWhenAllGone(batch);
    let results: CallResult[];
    try {
      const answer = invokeResponseSchema.safeParse(await invoker.invoke(functionName, { v: WIRE_VERSION, provider, calls }, cancel));
      if (!answer.success)
        throw new HopFailure(`connector ${functionName} answered with an unexpected shape (are the gateway and connector from the same deploy?)`, true);
      hopFailed = false;
      if ('failure' in answer.data) {
        const failure = answer.data.failure;
        results = calls.map(() => ({ ok: false, error: failure, events: [] }));
      } else {
        if (answer.data.results.length !== calls.length)
          throw new HopFailure(`connector ${functionName} answered ${answer.data.results.length} of ${calls.length} calls`, true);
        connectorBreaker = answer.data.breaker;
        results = answer.data.results;
      }
    } catch (error) {
      // Every client left (each call already settled): the connector did nothing wrong.
      if (cancel?.aborted) return;
      hopFailed = true;
      const hop = error instanceof HopFailure ? error : new HopFailure(`connector ${functionName} failed: ${String(error)}`, true);
      results = calls.map((call) => failed(call, `${profile.name} is unavailable: ${hop.message}`, hop));
    }
    batch.forEach((pending, index) => pending.settle(results[index] as CallResult));
  }

  /** Sends what the current turn of the event loop queued: a DataLoader batch's calls are made in one turn. */
  function flush(): void {
    const batch = queue;
    queue = [];
    for (let start = 0; start < batch.length; start += MAX_CALLS_PER_INVOKE) void send(batch.slice(start, start + MAX_CALLS_PER_INVOKE));
  }

  function enqueue(call: WireCall, signal: AbortSignal | null): Promise<CallResult> {
    if (signal?.aborted) return Promise.resolve(cancelled());
    return new Promise((resolve) => {
      const leave = () => pending.settle(cancelled());
      const pending: Pending = {
        call,
        signal,
        settled: false,
        settle(result) {
          if (pending.settled) return;
          pending.settled = true;
          signal?.removeEventListener('abort', leave);
          resolve(result);
        },
      };
      signal?.addEventListener('abort', leave, { once: true });
      queue.push(pending);
      if (queue.length === 1) setImmediate(flush);
    });
  }

  async function call<M extends AdapterMethod>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
    const policy = currentCallPolicy();
    // Reads stop when the client hangs up (call-policy.ts); writes never do.
    const signal = WRITE_METHODS.has(method) ? null : policy.clientSignal;
    const result = await enqueue({ method, args: trimmed(args), ...(policy.fresh ? { fresh: true } : {}) }, signal);
    // Replayed here, in the caller's async context, so request-scoped observers (tracing) see their own calls.
    for (const event of result.events) for (const observer of observers) observer(event);
    if (result.ok) {
      // The connector ran this very method on the real adapter and encoded its answer by the method's kind.
      return decodeResult(ADAPTER_CALLS[method].result, result.value) as MethodResult<M>;
    }
    if (result.error) throw ProviderError.fromJSON(result.error);
    // Not a provider error (a bug in the connector): a plain error, masked by the gateway as inline it would be.
    throw new Error(result.unexpected ?? `${profile.name} connector failed`);
  }

  const adapter: ProviderAdapter = {
    id: provider,
    name: profile.name,
    capabilities: profile.capabilities,
    ids: profile.ids,
    observe(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    // Healthy when the last Invoke reached the connector and the connector's own breaker was not open.
    breakerState: () => (hopFailed ? 'open' : connectorBreaker),
    async close() {
      invoker.close();
    },

    listOrganizations: (...args) => call('listOrganizations', args),
    getOrganizations: (...args) => call('getOrganizations', args),
    listGroups: (...args) => call('listGroups', args),
    getGroups: (...args) => call('getGroups', args),
    listGroupMembers: (...args) => call('listGroupMembers', args),
    getGroupMembers: (...args) => call('getGroupMembers', args),
    listOrganizationMembers: (...args) => call('listOrganizationMembers', args),
    getOrganizationMembers: (...args) => call('getOrganizationMembers', args),
  };

  // Native writes exist only where the provider has them, exactly as on the inline adapter.
  const writes = profile.capabilities.writes;
  const has = (method: AdapterMethod) => writes[WRITE_CAPABILITY[method] as keyof WriteCapabilities];
  if (has('addMember')) adapter.addMember = (...args) => call('addMember', args);
  if (has('addMembers')) adapter.addMembers = (...args) => call('addMembers', args);
  if (has('removeMember')) adapter.removeMember = (...args) => call('removeMember', args);
  if (has('removeMembers')) adapter.removeMembers = (...args) => call('removeMembers', args);
  if (has('replaceMembers')) adapter.replaceMembers = (...args) => call('replaceMembers', args);
  if (has('setMemberRole')) adapter.setMemberRole = (...args) => call('setMemberRole', args);
  if (has('createMember')) adapter.createMember = (...args) => call('createMember', args);
  if (has('updateMember')) adapter.updateMember = (...args) => call('updateMember', args);
  if (has('deleteMember')) adapter.deleteMember = (...args) => call('deleteMember', args);
  if (has('disconnectMember')) adapter.disconnectMember = (...args) => call('disconnectMember', args);
  if (has('removeOrganizationMember')) adapter.removeOrganizationMember = (...args) => call('removeOrganizationMember', args);
  return adapter;
}
