// The one place that talks HTTP to providers: pooled undici connections, deadlines, safe retries, rate limits, a breaker.
import { Pool, errors as undiciErrors } from 'undici';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLIENT_GONE, currentCallPolicy } from './call-policy.js';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './circuit-breaker.js';
import { waitSecondsFrom, type ResponseHeaders } from './rate-limit-headers.js';
import { credentialMaterial, routeParameter, type CachedResponse, type SharedCalls } from './shared-calls.js';
import type { RoutePath } from './route-path.js';
import { ProviderError, type CallEvent, type CallObserver, type HttpMethod, type ProviderErrorKind, type ProviderId } from './types.js';

// The call events belong to the adapter contract (types.ts); re-exported for the HTTP client's users.
export type { CallEvent, CallObserver, HttpMethod };

export interface HttpTimeouts {
  /** TCP (and TLS) connect. */
  connectMs: number;
  /** From sending the request to receiving all response headers. */
  headersMs: number;
  /** Between two chunks of the response body. */
  bodyMs: number;
  /** The whole call, retries and rate-limit waits included. */
  deadlineMs: number;
}

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What an observer hears about every attempt: enough for logs, traces and call counting; never ids or secrets. */

export interface HttpClientOptions {
  provider: ProviderId;
  /** A human name for messages, such as `GitBook`. */
  providerName: string;
  /** Origin and base path, such as `https://api.gitbook.com/v1`. */
  baseUrl: string;
  timeouts?: Partial<HttpTimeouts>;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerOptions>;
  /** Most connections open to this origin at once. */
  connections?: number;
  /** Headers sent on every call (other than `auth: false` ones): credentials live here and only here. */
  authHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Headers sent on every call. */
  defaultHeaders?: Record<string, string>;
  /** Pulls the human message out of the provider's error body. */
  errorMessage?: (status: number, body: unknown) => string | undefined;
  /** Values that must never appear in a message (tokens, keys); passwords are added per request. */
  secrets?: () => readonly string[];
  /**
   * The read cache and rate budget shared by every instance (docs/store.md): bound to this client's credential,
   * which is the hash of `secrets()` as the client is built.
   */
  shared?: SharedCalls;
  /**
   * The route parameter that names an organization (`account_id`): a write invalidates the cached reads of its
   * organization only. Without it every write invalidates every cached read of the credential.
   */
  organizationParam?: string;
}

/**
 * Connections a client may open to its provider at once (idle ones close after 10 s). Sixteen operations at once each
 * send up to 13 calls in one level (a group's names, an organization's teams): with 16 connections those calls queued
 * 13 deep, and at 25 ms a call groupWithNames took 425 ms instead of 77 (npm run bench, c=16). The rate budgets and
 * the admission limit bound the load a provider sees; this only stops a level from being served in rounds.
 */
const UPSTREAM_CONNECTIONS = 256;

/** The knobs an adapter's configuration may turn on its client. */
export type HttpTuning = Pick<HttpClientOptions, 'timeouts' | 'retry' | 'breaker' | 'connections' | 'shared'>;

export interface HttpRequest {
  method: HttpMethod;
  path: RoutePath;
  query?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  headers?: Readonly<Record<string, string>>;
  /** A JSON body. */
  json?: unknown;
  /** An application/x-www-form-urlencoded body. */
  form?: Readonly<Record<string, string>>;
  /** Overrides the Content-Type of a json body (Checkmarx's versioned media types). */
  contentType?: string;
  /** Whether the call may be sent again after a failure (each docs/providers/<name>.md#contract says which are). */
  idempotent: boolean;
  /** Statuses handed back to the caller instead of turned into errors; 2xx are always accepted. */
  accept?: readonly number[];
  /** Overrides the client's deadline for this call. */
  deadlineMs?: number;
  /** False for calls that fetch credentials themselves. */
  auth?: boolean;
  /** Values of this request that must never appear in a message (passwords). */
  sensitive?: readonly string[];
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** Parsed JSON, or null for an empty body. */
  body: unknown;
  route: string;
}

const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 3_000, headersMs: 8_000, bodyMs: 8_000, deadlineMs: 10_000 };
const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };
const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, resetAfterMs: 10_000 };
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404 || status === 410) return 'NOT_FOUND';
  if (status === 409 || status === 412) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'UNAVAILABLE';
  if (status >= 400) return 'INVALID';
  return 'BAD_RESPONSE';
}

/** An attempt that produced no usable response. */
class AttemptFailure {
  constructor(
    readonly outcome: 'network-error' | 'timeout' | 'cancelled',
    readonly detail: string,
    readonly cause: unknown,
    /** False only when the request certainly never reached the provider (connection refused). */
    readonly mayHaveArrived: boolean = true,
  ) {}
}

export class HttpClient {
  readonly provider: ProviderId;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly timeouts: HttpTimeouts;
  private readonly retry: RetryPolicy;
  private readonly breaker: CircuitBreaker;
  private readonly observers = new Set<CallObserver>();

  constructor(private readonly options: HttpClientOptions) {
    this.provider = options.provider;
    const url = new URL(options.baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, ...options.breaker });
    options.shared?.bind(credentialMaterial(options.provider, options.baseUrl, options.secrets?.() ?? []));
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? UPSTREAM_CONNECTIONS,
      connect: { timeout: this.timeouts.connectMs },
      headersTimeout: this.timeouts.headersMs,
      bodyTimeout: this.timeouts.bodyMs,
      keepAliveTimeout: 10_000,
    });
  }

  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  /** Adds an observer of every attempt; returns the function that removes it. */
  observe(observer: CallObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /**
   * Sends one call. Resolves with any 2xx or accepted status; everything else becomes a ProviderError.
   * Only idempotent calls are retried: on network errors, timeouts, 502/503/504 and 429. With shared state, a
   * GET may be answered from the cache (a trace entry marked `cached`, no call sent), and a write invalidates
   * the cached reads of what it touched, on every instance, before it returns.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const deadline = Date.now() + (req.deadlineMs ?? this.timeouts.deadlineMs);
    const shared = this.options.shared;
    if (!shared) return this.send(req, deadline);
    const organization = this.options.organizationParam ? routeParameter(req.path.route, req.path.path, this.options.organizationParam) : null;
    if (req.method !== 'GET') {
      if (req.auth === false) return this.send(req, deadline);
      try {
        return await this.send(req, deadline);
      } finally {
        // Whatever happened (a timed-out write may have applied), what it touched is read afresh from now on.
        await shared.invalidate(organization === null ? ['*'] : [`org:${organization}`, 'top']);
      }
    }
    if (!shared.caching || req.auth === false) return this.send(req, deadline);
    const scope = organization === null ? 'top' : `org:${organization}`;
    const shape = `${req.method} ${req.path.path}${queryString(req.query)}\n${JSON.stringify(req.headers ?? {})}\n${req.accept?.join(',') ?? ''}`;
    const started = performance.now();
    const { hit, stamp } = await shared.lookup(scope, shape);
    if (hit) {
      this.emit(req, hit.status, started, performance.now() - started, 1, 'response', true);
      return this.parsed(req, hit);
    }
    const response = await this.send(req, deadline, (raw) => {
      // Only successes are kept: an accepted 404 or 409 is worth reading again.
      if (raw.status >= 200 && raw.status < 300) return shared.keep(scope, shape, stamp, raw);
    });
    return response;
  }

  private async send(req: HttpRequest, deadline: number, keep?: (raw: CachedResponse) => Promise<void> | undefined): Promise<HttpResponse> {
    const attempts = req.idempotent ? Math.max(1, this.retry.attempts) : 1;

    // Reads stop when the client hangs up (call-policy.ts); writes never do.
    const clientSignal = req.method === 'GET' ? currentCallPolicy().clientSignal : null;

    for (let attempt = 1; ; attempt++) {
      if (clientSignal?.aborted) throw this.clientGone(req);
      // Credentials first: a failure to get them (a refused token grant) is not the provider being down,
      // and must not hold the breaker's half-open probe.
      const auth = req.auth !== false && this.options.authHeaders ? await this.options.authHeaders() : {};
      // The rate budget before the breaker: a call the budget refuses must not hold the breaker's probe.
      const ticket = await this.admitted(req, deadline, attempt);
      if (!this.breaker.tryAcquire()) {
        this.emit(req, null, performance.now(), 0, attempt, 'circuit-open');
        throw this.error(req, 'UNAVAILABLE', `${this.options.providerName} is failing; calls are paused (circuit open)`, {
          retryAfter: Math.ceil(this.breaker.retryInMs / 1000),
        });
      }

      const started = performance.now();
      const outcome = await this.attempt(req, auth, deadline, clientSignal);
      const durationMs = performance.now() - started;
      if (ticket !== null) this.options.shared?.settle(ticket);
      if (!(outcome instanceof AttemptFailure)) await this.shareLimits(outcome);

      if (outcome instanceof AttemptFailure && outcome.outcome === 'cancelled') {
        // The client left, the provider did nothing wrong: the breaker hears neither a failure nor a success.
        this.breaker.recordNeutral();
        this.emit(req, null, started, durationMs, attempt, 'cancelled');
        throw this.clientGone(req);
      }
      if (outcome instanceof AttemptFailure) {
        this.breaker.recordFailure();
        this.emit(req, null, started, durationMs, attempt, outcome.outcome);
        const remaining = deadline - Date.now();
        if (attempt < attempts && remaining > 0) {
          await sleep(Math.min(this.backoff(attempt), remaining));
          continue;
        }
        throw this.error(req, 'UNAVAILABLE', `${this.options.providerName} ${outcome.detail}`, {
          outcomeUnknown: !req.idempotent && outcome.mayHaveArrived,
          cause: outcome.cause,
        });
      }

      this.emit(req, outcome.status, started, durationMs, attempt, 'response');
      const { status } = outcome;
      if (status >= 500) this.breaker.recordFailure();
      else if (status < 400 || status === 429) this.breaker.recordSuccess();
      else this.breaker.recordNeutral();

      if ((status >= 200 && status < 300) || req.accept?.includes(status)) {
        const parsed = this.parsed(req, outcome);
        await keep?.(outcome);
        return parsed;
      }

      if (RETRYABLE_STATUSES.has(status)) {
        const askedWait = waitSecondsFrom(outcome.headers);
        const waitMs = askedWait !== undefined ? askedWait * 1000 : this.backoff(attempt);
        const fitsDeadline = Date.now() + waitMs < deadline;
        if (attempt < attempts && fitsDeadline) {
          await sleep(waitMs);
          continue;
        }
        throw this.statusError(req, outcome, askedWait ?? (status === 429 ? 1 : undefined));
      }
      throw this.statusError(req, outcome, undefined);
    }
  }

  /** A slot in the shared rate budget for this attempt (null without shared state); RATE_LIMITED, unsent, when none comes in time. */
  private async admitted(req: HttpRequest, deadline: number, attempt: number): Promise<string | null> {
    const shared = this.options.shared;
    if (!shared) return null;
    const admission = await shared.admit(deadline);
    if ('ticket' in admission) return admission.ticket;
    this.emit(req, null, performance.now(), 0, attempt, 'rate-limited');
    const wait = admission.retryAfterMs < 0 ? 'more calls than its whole quota' : 'its rate budget is spent';
    throw this.error(req, 'RATE_LIMITED', `${this.options.providerName} was not called: ${wait} (shared by every instance)`, {
      retryAfter: admission.retryAfterMs < 0 ? undefined : Math.max(1, Math.ceil(admission.retryAfterMs / 1000)),
    });
  }

  /**
   * A 429, or a success that says the quota is spent (GitBook's X-RateLimit-Remaining 0, Cloudflare's `r=0`),
   * holds back every instance's calls of this credential until the wait the provider named is over.
   */
  private async shareLimits(raw: { status: number; headers: ResponseHeaders }): Promise<void> {
    const shared = this.options.shared;
    if (!shared) return;
    const waitSeconds = waitSecondsFrom(raw.headers);
    if (waitSeconds === undefined && raw.status !== 429) return;
    if (raw.status === 429 || (raw.status < 500 && waitSeconds !== undefined)) await shared.block((waitSeconds ?? 1) * 1000);
  }

  private async attempt(
    req: HttpRequest,
    auth: Record<string, string>,
    deadline: number,
    clientSignal: AbortSignal | null,
  ): Promise<AttemptFailure | { status: number; headers: ResponseHeaders; text: string }> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.defaultHeaders, ...auth };
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = req.contentType ?? 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    Object.assign(headers, req.headers);

    const remaining = deadline - Date.now();
    if (remaining <= 0) return new AttemptFailure('timeout', 'did not answer before the deadline', undefined);
    // One controller for the deadline and the client's hang-up: a timer and a listener, cleared after. Not
    // AbortSignal.timeout and .any, whose weak references per call cost 7-9% more CPU per dashboard request.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('The call outlived its deadline', 'TimeoutError')), remaining);
    const hangUp = () => abort.abort(clientSignal?.reason);
    clientSignal?.addEventListener('abort', hangUp, { once: true });
    try {
      const response = await this.pool.request({
        method: req.method,
        path: this.basePath + req.path.path + queryString(req.query),
        headers,
        body,
        signal: abort.signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } catch (cause) {
      if (clientSignal?.aborted) return new AttemptFailure('cancelled', CLIENT_GONE, cause, true);
      return describeFailure(cause, req);
    } finally {
      clearTimeout(timer);
      clientSignal?.removeEventListener('abort', hangUp);
    }
  }

  /** The error a read ends with when its request's client has hung up: nobody sees it but the trace and the log. */
  private clientGone(req: HttpRequest): ProviderError {
    return this.error(req, 'UNAVAILABLE', `${this.options.providerName} ${CLIENT_GONE}`, {});
  }

  private parsed(req: HttpRequest, raw: { status: number; headers: ResponseHeaders; text: string }): HttpResponse {
    const body = parseBody(raw.text);
    if (body === MALFORMED) {
      throw this.error(req, 'BAD_RESPONSE', `${this.options.providerName} sent a body that is not JSON`, {
        status: raw.status,
      });
    }
    return { status: raw.status, headers: raw.headers, body, route: req.path.route };
  }

  private statusError(req: HttpRequest, raw: { status: number; text: string }, retryAfter: number | undefined): ProviderError {
    const body = parseBody(raw.text);
    const providerMessage = body === MALFORMED ? undefined : this.options.errorMessage?.(raw.status, body);
    const kind = kindForStatus(raw.status);
    const message = `${this.options.providerName} answered ${raw.status}${providerMessage ? `: ${providerMessage}` : ''}`;
    return this.error(req, kind, message, { status: raw.status, retryAfter });
  }

  private error(
    req: HttpRequest,
    kind: ProviderErrorKind,
    message: string,
    details: { status?: number; retryAfter?: number; outcomeUnknown?: boolean; cause?: unknown },
  ): ProviderError {
    const route = `${req.method} ${this.basePath}${req.path.route}`;
    return new ProviderError(this.provider, kind, this.redact(`${message} (${route})`, req), { ...details, route });
  }

  /** Replaces every known secret in a message; a provider may echo input back in its error text. */
  private redact(text: string, req: HttpRequest): string {
    const secrets = [...(this.options.secrets?.() ?? []), ...(req.sensitive ?? [])].filter((s) => s.length >= 4);
    return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2)); // "equal jitter": spreads retries, keeps a floor
  }

  private emit(
    req: HttpRequest,
    status: number | null,
    startedAt: number,
    durationMs: number,
    attempt: number,
    outcome: CallEvent['outcome'],
    cached = false,
  ): void {
    const event: CallEvent = {
      provider: this.provider,
      method: req.method,
      route: this.basePath + req.path.route,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      startedAt,
      attempt,
      outcome,
      ...(cached ? { cached } : {}),
    };
    for (const observer of this.observers) {
      try {
        observer(event);
      } catch {
        // An observer's failure must never fail the call it watches.
      }
    }
  }
}

const MALFORMED = Symbol('malformed');

function parseBody(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return MALFORMED;
  }
}

function queryString(query: HttpRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function describeFailure(cause: unknown, req: HttpRequest): AttemptFailure {
  const code = (cause as { code?: unknown } | null)?.code;
  const timedOut =
    cause instanceof undiciErrors.HeadersTimeoutError ||
    cause instanceof undiciErrors.BodyTimeoutError ||
    cause instanceof undiciErrors.ConnectTimeoutError ||
    (cause instanceof DOMException && cause.name === 'TimeoutError') ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT';
  if (timedOut) {
    const unknown = req.idempotent ? '' : '; the change may or may not have been applied';
    return new AttemptFailure('timeout', `timed out${unknown}`, cause);
  }
  const reason = typeof code === 'string' ? code : cause instanceof Error ? cause.name : 'unknown error';
  const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND';
  return new AttemptFailure('network-error', `could not be reached (${reason})`, cause, !neverSent);
}
